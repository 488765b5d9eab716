import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config';
import { CasesService } from '../../cases';
import { ServiceTask, ServiceTaskContext, ServiceTaskProvider, ServiceTaskResult } from '../../engine';
import { CasePaymentRow, CasePaymentsRepository } from '../case-payments.repository';
import { buildDebtPosition } from '../debt-position.builder';
import { NavAllocator } from '../nav-allocator';
import { PaymentInvalidException } from '../payments.exceptions';
import { PAYMENT_TASK_MESSAGES as M } from '../payments.messages';

const readPath = (data: Readonly<Record<string, unknown>>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);

/**
 * `implementation="payments.createDebt"`: asks the applicant for a fee. The amount (euro cents) is
 * the procedure's `fee`, or the form field the task names in `amountField` (in cents, or in euro
 * with `amountUnit=euro`, at most two decimals); `dueDays` (default 30)
 * sets the due date; `stampCents` + `stampProvince` add a marca da bollo transfer; `resultVariable`
 * (default `pagamento`) names the process variable. Inside the engine's transaction it only
 * allocates the NAV and records the payment as pending: DebtDispatcher creates the position at
 * pagoPA after commit. Re-running the step for the same case and element reuses the payment.
 */
@Injectable()
@ServiceTask('payments.createDebt')
export class CreateDebtHandler implements ServiceTaskProvider {
  constructor(
    private readonly repo: CasePaymentsRepository,
    private readonly navs: NavAllocator,
    private readonly cases: CasesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    const caseId = ctx.instanceData.caseId;
    if (typeof caseId !== 'string') throw new PaymentInvalidException([{ field: 'caseId', message: M.noCase }]);
    const variable = ctx.properties.resultVariable || 'pagamento';
    const existing = await this.repo.forCaseElement(caseId, ctx.elementId);
    if (existing) return { data: { [variable]: summary(existing) } };

    const amountField = ctx.properties.amountField;
    const raw = amountField ? readPath(ctx.data, amountField) : ctx.processProperties.fee;
    const field = amountField ?? 'fee';
    if (raw === undefined || raw === null || raw === '') throw new PaymentInvalidException([{ field, message: M.noAmount }]);
    const amount = toCents(raw, amountField ? (ctx.properties.amountUnit ?? 'cents') : 'cents');
    if (amount === null) throw new PaymentInvalidException([{ field, message: M.badAmount }]);
    const dueDays = Number(ctx.properties.dueDays ?? 30);
    if (!Number.isInteger(dueDays) || dueDays < 1 || dueDays > 365) throw new PaymentInvalidException([{ field: 'dueDays', message: M.badDueDays }]);
    const stampCents = ctx.properties.stampCents ? Number(ctx.properties.stampCents) : undefined;
    const stampProvince = ctx.properties.stampProvince;
    if (stampCents !== undefined && (!Number.isSafeInteger(stampCents) || stampCents <= 0 || !/^[A-Z]{2}$/.test(stampProvince ?? ''))) {
      throw new PaymentInvalidException([{ field: 'stampCents', message: M.badStamp }]);
    }

    const row = await this.cases.row(caseId);
    const now = new Date();
    const dueDate = new Date(now.getTime() + dueDays * 86_400_000);
    const c = this.config;
    const nav = await this.navs.next(c.PAGOPA_EC_FISCAL_CODE, c.PAGOPA_SEGREGATION_CODE, now.getFullYear());
    const description = `${ctx.properties.description || ctx.processProperties.title || row.procedure_title} - pratica ${row.code}`.slice(0, 140);
    const position = buildDebtPosition(
      { fiscalCode: c.PAGOPA_EC_FISCAL_CODE, name: c.PAGOPA_EC_NAME, iban: c.PAGOPA_IBAN, category: c.PAGOPA_CATEGORY },
      {
        debtor: { fiscalCode: row.citizen_fiscal_code, fullName: row.citizen_name, ...(row.citizen_email ? { email: row.citizen_email } : {}) },
        amount,
        description,
        nav,
        dueDate,
        ...(stampCents !== undefined
          ? { stamp: { amount: stampCents, stampType: '01', provincialResidence: stampProvince!, hashDocument: createHash('sha256').update(JSON.stringify(row.data)).digest('base64') } }
          : {}),
      },
    );
    const total = position.paymentOption[0].amount;
    await this.repo.insert({ id: randomUUID(), caseId, elementId: ctx.elementId, debtorFiscalCode: row.citizen_fiscal_code, orgFiscalCode: c.PAGOPA_EC_FISCAL_CODE, position, nav, amount: total, description, dueDate });
    const created = await this.repo.forCaseElement(caseId, ctx.elementId);
    return { data: { [variable]: summary(created!) } };
  }
}

function summary(p: CasePaymentRow): Record<string, unknown> {
  return { nav: p.nav, importo: Number(p.amount), causale: p.description, scadenza: new Date(p.due_date).toISOString(), iupd: p.iupd };
}

/** A positive whole number of cents, from cents or from euro with at most two decimals; null otherwise. */
export function toCents(raw: unknown, unit: string): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return null;
  const cents = unit === 'euro' ? Math.round(n * 100) : n;
  if (unit === 'euro' && Math.abs(n * 100 - cents) > 1e-6) return null;
  if (unit !== 'euro' && unit !== 'cents') return null;
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}
