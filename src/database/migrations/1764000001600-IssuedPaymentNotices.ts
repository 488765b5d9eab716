import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The avviso di pagamento becomes an issued document of its case (kind `payment-notice`), stored
 * once when its debt position is published at pagoPA: one per notice, keyed by its template
 * (`avviso-pagamento:<NAV>`), so a retried publication stores nothing twice.
 */
export class IssuedPaymentNotices1764000001600 implements MigrationInterface {
  name = 'IssuedPaymentNotices1764000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table issued_document drop constraint issued_document_kind_check`);
    await q.query(`alter table issued_document add constraint issued_document_kind_check check (kind in ('receipt', 'act', 'payment-notice'))`);
    await q.query(`create unique index issued_document_one_notice_idx on issued_document (case_id, template) where kind = 'payment-notice'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index issued_document_one_notice_idx`);
    await q.query(`alter table issued_document drop constraint issued_document_kind_check`);
    await q.query(`alter table issued_document add constraint issued_document_kind_check check (kind in ('receipt', 'act'))`);
  }
}
