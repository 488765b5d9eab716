import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
import { CasesService, CaseView, FilingOptions } from '../cases';
import { CatalogueService, ProcedureDetail } from '../catalogue';
import { FormSchema, FormsService, FormsValidationException } from '../forms';
import type { CitizenPrincipal } from '../identity';
import { WebInvalidInputException } from '../web';
import { DraftRow, DraftsRepository } from './drafts.repository';
import { PORTAL_MESSAGES as M } from './portal.messages';
import { fieldIds, filepickers, stepOfFields, summaryRows, topLevelIds, topLevelKeys, wizardSteps } from './wizard-steps';

const MAX_DRAFT_BYTES = 64 * 1024;

interface Crumb {
  label: string;
  href?: string;
}

/**
 * Where the wizard runs: the portal (the citizen files for themselves) or the front desk (an
 * operator files on the citizen's behalf). The steps, drafts, validation and filing are the same;
 * only the URLs, the breadcrumbs, the filing channel and where the applicant's names come from differ.
 */
export interface WizardSeat {
  /** The wizard's base path for a procedure, e.g. `/servizi/{key}/domanda`. */
  base(key: string): string;
  /** Breadcrumbs up to the procedure, before "Domanda". */
  crumbs(procedure: ProcedureDetail): Crumb[];
  filing: FilingOptions;
  /** The applicant to file for, from the draft's data (the desk reads the names the operator typed). */
  applicant?(data: Record<string, unknown>, citizen: CitizenPrincipal): CitizenPrincipal;
}

export const PORTAL_SEAT: WizardSeat = {
  base: (key) => `/servizi/${key}/domanda`,
  crumbs: (p) => [{ label: 'Servizi', href: '/servizi' }, { label: p.title, href: `/servizi/${p.key}` }],
  filing: { channel: 'web' },
};
const DRAFT_KEY = /^bozza-[0-9a-f-]{36}$/;

/**
 * The application wizard: the start form in steps (rendered by form-js in the browser), a draft
 * saved on every step, the summary, and filing through CasesService with the draft's own
 * Idempotency-Key (a double click files once).
 */
@Injectable()
export class WizardService {
  private readonly drafts: DraftsRepository;

  constructor(
    tx: Transactions,
    private readonly catalogue: CatalogueService,
    private readonly forms: FormsService,
    private readonly cases: CasesService,
  ) {
    this.drafts = new DraftsRepository(tx);
  }

  async page(key: string, citizen: CitizenPrincipal, step: unknown, seat: WizardSeat = PORTAL_SEAT): Promise<object> {
    const procedure = await this.catalogue.get(key);
    const schema = schemaOf(procedure);
    const draft = await this.drafts.find(citizen.fiscalCode, key);
    const steps = wizardSteps(schema);
    const requested = typeof step === 'string' && /^\d{1,2}$/.test(step) ? Number(step) : (draft?.step ?? 0);
    return {
      title: `Domanda: ${procedure.title}`,
      breadcrumbs: [...seat.crumbs(procedure), { label: 'Domanda' }],
      procedure,
      steps: steps.map((s, i) => ({ ...s, number: i + 1 })),
      resumed: Boolean(draft),
      formJs: true,
      scripts: ['/static/app/js/form-support.js', '/static/app/js/uploads.js', '/static/app/js/wizard.js'],
      wizard: {
        procedureKey: key,
        schema,
        data: { ...prefill(schema, citizen), ...(draft?.data ?? {}) },
        steps,
        step: Math.min(requested, steps.length - 1),
        fieldIds: fieldIds(schema),
        topIds: topLevelIds(schema),
        stepOf: stepOfFields(schema, steps),
        filepickers: filepickers(schema, steps),
        uploadUrl: `${seat.base(key)}/allegati`,
        draftUrl: `${seat.base(key)}/bozza`,
        summaryUrl: `${seat.base(key)}/riepilogo`,
      },
    };
  }

  /** Saves the wizard's data; `final` also validates it as the server will on filing (422 with field errors). */
  async saveDraft(key: string, citizen: CitizenPrincipal, body: unknown, now = new Date()): Promise<{ saved: true; updatedAt: string }> {
    const procedure = await this.catalogue.get(key);
    const schema = schemaOf(procedure);
    const { data, step, final } = parseDraft(body, schema, wizardSteps(schema).length);
    if (final) this.forms.validate(schema, data);
    await this.drafts.save(citizen.fiscalCode, key, data, step, now);
    return { saved: true, updatedAt: now.toISOString() };
  }

  async summary(key: string, citizen: CitizenPrincipal, seat: WizardSeat = PORTAL_SEAT): Promise<object> {
    const procedure = await this.catalogue.get(key);
    const schema = schemaOf(procedure);
    const draft = await this.drafts.find(citizen.fiscalCode, key);
    if (!draft) throw new WebInvalidInputException(M.draftMissing, [{ field: 'bozza', message: M.draftMissing }]);
    let errors: Array<{ field: string; message: string; href: string }> = [];
    let rows: ReturnType<typeof summaryRows> = [];
    const steps = wizardSteps(schema);
    const ids = fieldIds(schema);
    try {
      rows = summaryRows(schema, this.forms.validate(schema, draft.data));
    } catch (e) {
      if (!(e instanceof FormsValidationException)) throw e;
      const stepOf = stepOfFields(schema, steps);
      errors = e.fieldErrors.map((f) => ({ ...f, href: `${seat.base(key)}?passo=${stepOf[ids[f.field.replace(/\[\d+\]/g, '')] ?? ''] ?? 0}` }));
    }
    return {
      title: `Riepilogo: ${procedure.title}`,
      breadcrumbs: [...seat.crumbs(procedure), { label: 'Domanda', href: seat.base(key) }, { label: 'Riepilogo' }],
      procedure,
      rows,
      errors,
      idempotencyKey: idempotencyKeyOf(draft),
      editHref: `${seat.base(key)}?passo=0`,
      submitUrl: `${seat.base(key)}/invio`,
      scripts: ['/static/app/js/submit-once.js'],
    };
  }

  async submit(key: string, citizen: CitizenPrincipal, body: Record<string, unknown>, seat: WizardSeat = PORTAL_SEAT): Promise<CaseView> {
    const procedure = await this.catalogue.get(key);
    if (body.conferma !== 'si') throw new WebInvalidInputException(M.declarationsRequired, [{ field: 'conferma', message: M.declarationsRequired }]);
    const sentKey = typeof body.idempotencyKey === 'string' && DRAFT_KEY.test(body.idempotencyKey) ? body.idempotencyKey : undefined;
    const draft = await this.drafts.find(citizen.fiscalCode, key);
    if (!draft) {
      // The second click of a double click: its draft is already a case, found by the same key.
      if (sentKey) {
        const filed = await this.cases.findFiledWithKey(citizen.fiscalCode, sentKey);
        if (filed && filed.procedure.key === procedure.key) return filed;
      }
      throw new WebInvalidInputException(M.draftMissing, [{ field: 'bozza', message: M.draftMissing }]);
    }
    const applicant = seat.applicant ? seat.applicant(draft.data, citizen) : citizen;
    const filed = await this.cases.submit(applicant, { procedureKey: procedure.key, data: draft.data }, { ...seat.filing, idempotencyKey: idempotencyKeyOf(draft) });
    await this.drafts.remove(citizen.fiscalCode, key);
    return filed.case;
  }

  listDrafts(fiscalCode: string): Promise<DraftRow[]> {
    return this.drafts.listFor(fiscalCode);
  }
}

const schemaOf = (p: ProcedureDetail): FormSchema => p.startForm.schema as unknown as FormSchema;
const idempotencyKeyOf = (draft: DraftRow): string => `bozza-${draft.id}`;

/** "Once only": what the Comune knows of the citizen fills the applicant's group. */
function prefill(schema: FormSchema, citizen: CitizenPrincipal): Record<string, unknown> {
  const group = (schema.components ?? []).find((c) => c.type === 'group' && c.path === 'richiedente');
  if (!group) return {};
  return {
    richiedente: {
      nome: citizen.givenName,
      cognome: citizen.familyName,
      codiceFiscale: citizen.fiscalCode,
      ...(citizen.email ? { email: citizen.email } : {}),
    },
  };
}

function parseDraft(body: unknown, schema: FormSchema, stepCount: number): { data: Record<string, unknown>; step: number; final: boolean } {
  const fail = (field: string, message: string): never => {
    throw new WebInvalidInputException(M.draftInvalid, [{ field, message }]);
  };
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('data', M.draftNotObject);
  const { data, step, final } = body as { data?: unknown; step?: unknown; final?: unknown };
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('data', M.draftNotObject);
  if (JSON.stringify(data).length > MAX_DRAFT_BYTES) return fail('data', M.draftTooLarge);
  const known = topLevelKeys(schema);
  const unknown = Object.keys(data).find((k) => !known.has(k));
  if (unknown !== undefined) return fail(`data.${unknown}`, M.draftUnknownField);
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= stepCount) return fail('step', M.draftStep);
  return { data: data as Record<string, unknown>, step, final: final === true };
}
