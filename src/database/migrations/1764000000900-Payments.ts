import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments: the notice-number counter per (creditor, segregation code, year), and the state of the
 * development pagoPA (debt positions, payment options, receipts, Checkout carts) kept in tables of
 * its own so that it survives restarts and is shared by every app process, like the real one.
 */
export class Payments1764000000900 implements MigrationInterface {
  name = 'Payments1764000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table payment_nav_counter (
        org_fiscal_code char(11) not null check (org_fiscal_code ~ '^[0-9]{11}$'),
        segregation_code char(2) not null check (segregation_code ~ '^[0-9]{2}$'),
        year integer not null check (year between 2000 and 9999),
        last_sequence integer not null check (last_sequence between 0 and 999999999),
        primary key (org_fiscal_code, segregation_code, year)
      )`);
    await q.query(`
      create table dev_pagopa_position (
        org_fiscal_code text not null,
        iupd text not null check (length(iupd) between 1 and 100),
        status text not null check (status in ('DRAFT', 'PUBLISHED', 'VALID', 'PARTIALLY_PAID', 'PAID', 'EXPIRED', 'INVALID', 'REPORTED')),
        position jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (org_fiscal_code, iupd)
      )`);
    await q.query(`
      create table dev_pagopa_option (
        org_fiscal_code text not null,
        iuv char(17) not null check (iuv ~ '^[0-9]{17}$'),
        iupd text not null,
        amount bigint not null check (amount > 0),
        due_date timestamptz not null,
        status text not null check (status in ('PO_UNPAID', 'PO_PAID', 'PO_PARTIALLY_REPORTED', 'PO_REPORTED')),
        primary key (org_fiscal_code, iuv),
        foreign key (org_fiscal_code, iupd) references dev_pagopa_position (org_fiscal_code, iupd) on delete cascade
      )`);
    await q.query(`
      create table dev_pagopa_receipt (
        seq bigserial unique,
        receipt_id text primary key,
        org_fiscal_code text not null,
        iuv char(17) not null,
        amount bigint not null check (amount > 0),
        debtor_fiscal_code text not null,
        paid_at timestamptz not null,
        unique (org_fiscal_code, iuv)
      )`);
    await q.query(`create index dev_pagopa_receipt_paid_idx on dev_pagopa_receipt (org_fiscal_code, paid_at, seq)`);
    await q.query(`
      create table dev_pagopa_cart (
        id uuid primary key,
        request jsonb not null,
        status text not null check (status in ('OPEN', 'PAID', 'CANCELLED', 'FAILED')),
        created_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dev_pagopa_cart`);
    await q.query(`drop table dev_pagopa_receipt`);
    await q.query(`drop table dev_pagopa_option`);
    await q.query(`drop table dev_pagopa_position`);
    await q.query(`drop table payment_nav_counter`);
  }
}
