import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acts a procedure asked to issue (`documents.render`). The step writes the request inside the
 * engine's transaction, together with its outbound protocol entry whose number exists only once
 * that transaction commits; the act issuer renders the PDF/A after commit, with the number in its
 * stamp, stores it as an issued document and links it here. One request per case and step.
 */
export class ActRequests1764000001610 implements MigrationInterface {
  name = 'ActRequests1764000001610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table act_request (
        id uuid primary key,
        case_id uuid not null references case_file (id),
        element_id text not null,
        template text not null,
        title text not null,
        protocol_entry_id uuid,
        model jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'issued')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        document_id uuid references issued_document (id),
        created_at timestamptz not null default now(),
        unique (case_id, element_id)
      )`);
    await q.query(`create index act_request_due_idx on act_request (next_attempt_at) where status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table act_request`);
  }
}
