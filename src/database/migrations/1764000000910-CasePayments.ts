import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's fees. The row is written by the procedure's `payments.createDebt` step inside the
 * engine's transaction (status `pending`: the debt position is not yet at pagoPA) and doubles as
 * the outbox the dispatcher works from; IUPD is its retry key. Every receipt seen is logged once
 * (by receipt id) with what was done with it, so a receipt is never applied twice and an
 * unexpected one stays on record.
 */
export class CasePayments1764000000910 implements MigrationInterface {
  name = 'CasePayments1764000000910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_payment (
        id uuid primary key,
        case_id uuid not null references case_file (id),
        element_id text not null,
        debtor_fiscal_code text not null,
        org_fiscal_code char(11) not null,
        iupd text not null unique,
        nav char(18) not null unique check (nav ~ '^3[0-9]{17}$'),
        amount bigint not null check (amount > 0),
        description text not null check (length(description) between 1 and 140),
        due_date timestamptz not null,
        position jsonb not null,
        status text not null check (status in ('pending', 'published', 'paid', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        lease_until timestamptz,
        last_error text,
        receipt_id text,
        paid_at timestamptz,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        unique (case_id, element_id),
        check ((status = 'paid') = (paid_at is not null))
      )`);
    await q.query(`create index case_payment_due_idx on case_payment (next_attempt_at) where status = 'pending'`);
    await q.query(`create index case_payment_debtor_idx on case_payment (debtor_fiscal_code, created_at desc)`);
    await q.query(`
      create table payment_receipt_log (
        receipt_id text primary key,
        org_fiscal_code text not null,
        nav char(18) not null,
        amount bigint not null,
        paid_at timestamptz not null,
        payment_id uuid references case_payment (id),
        outcome text not null check (outcome in ('applied', 'unknown-notice', 'already-paid', 'amount-mismatch', 'no-waiting-process')),
        received_at timestamptz not null default now()
      )`);
    await q.query(`create index payment_receipt_log_flagged_idx on payment_receipt_log (received_at) where outcome <> 'applied'`);
    await q.query(`
      create table payment_reconciliation_cursor (
        org_fiscal_code char(11) primary key,
        polled_until timestamptz not null
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table payment_reconciliation_cursor`);
    await q.query(`drop table payment_receipt_log`);
    await q.query(`drop table case_payment`);
  }
}
