import { MigrationInterface, QueryRunner } from 'typeorm';

/** Task acts: each receipts poll reads the receipts already logged since its first day (the overlap), by organization and payment time. */
export class ReceiptLogByPaymentTime1764000002120 implements MigrationInterface {
  name = 'ReceiptLogByPaymentTime1764000002120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index payment_receipt_log_org_paid_idx on payment_receipt_log (org_fiscal_code, paid_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index payment_receipt_log_org_paid_idx`);
  }
}
