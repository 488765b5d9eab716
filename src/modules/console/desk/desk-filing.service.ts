import { Injectable } from '@nestjs/common';
import { FieldError, fiscalCodeProblem, normaliseFiscalCode } from '../../../common';
import { Transactions } from '../../../database';
import { auditActorOf, AuditService } from '../../audit';
import { CasesService } from '../../cases';
import { CatalogueService } from '../../catalogue';
import { DocumentsService, DocumentView } from '../../documents';
import type { CitizenPrincipal, OperatorPrincipal } from '../../identity';
import { WizardSeat, WizardService } from '../../portal';
import { CitizenDeskService, citizenHref } from './citizen-desk.service';
import { DeskInvalidInputException, DeskNotFoundException } from './desk.exceptions';
import { DeskFilingRecord, DeskFilingRepository } from './desk-filing.repository';
import { DESK_MESSAGES as M } from './desk.messages';

const IDENTIFICATIONS = ['signed-before-employee', 'id-copy-attached'] as const;
const ID_DOCUMENTS = ['carta-identita', 'passaporto', 'patente', 'altro'] as const;
const ID_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{2,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Identification = Omit<DeskFilingRecord, 'caseId' | 'operatorId'>;

/**
 * Filing on a citizen's behalf at the desk, with the portal's own wizard (steps, drafts,
 * validation, filing) seated under /console/cittadini/{cf}: channel `desk`, the applicant
 * identified (art. 38 DPR 445/2000) and, when someone else files, the delegate and the delega.
 * Case, protocol entry, desk record and audit row commit together.
 */
@Injectable()
export class DeskFilingService {
  private readonly repo: DeskFilingRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly wizard: WizardService,
    private readonly desk: CitizenDeskService,
    private readonly catalogue: CatalogueService,
    private readonly cases: CasesService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {
    this.repo = new DeskFilingRepository(tx);
  }

  async page(operator: OperatorPrincipal, cf: string, key: string, step: unknown): Promise<object> {
    const { citizen, seat } = await this.seated(operator, cf, key);
    return this.wizard.page(key, citizen, step, seat);
  }

  async saveDraft(operator: OperatorPrincipal, cf: string, key: string, body: unknown): Promise<object> {
    const { citizen, seat } = await this.seated(operator, cf, key);
    void seat;
    return this.wizard.saveDraft(key, citizen, body);
  }

  /** One file for a filepicker field or the delega, owned by the citizen (the filing links it to the case). */
  async upload(operator: OperatorPrincipal, cf: string, key: string, request: { field: unknown; fileName: string; declaredType?: string; bytes: Buffer }): Promise<object> {
    const { citizen } = await this.seated(operator, cf, key);
    if (typeof request.field !== 'string' || !request.field) throw new DeskInvalidInputException(M.delegaRequired, [{ field: 'campo', message: M.delegaRequired }]);
    return this.documents.storeUpload({ owner: citizen.fiscalCode, field: request.field, fileName: request.fileName, declaredType: request.declaredType, bytes: request.bytes });
  }

  async summary(operator: OperatorPrincipal, cf: string, key: string, form: Record<string, unknown> = {}, errors: FieldError[] = []): Promise<object> {
    const { citizen, seat } = await this.seated(operator, cf, key);
    const view = (await this.wizard.summary(key, citizen, seat)) as Record<string, unknown>;
    const errorOf = (field: string) => errors.find((e) => e.field === field)?.message ?? null;
    return {
      ...view,
      title: `Domanda allo sportello: ${(view.procedure as { title: string }).title}`,
      // Not `citizen`: the layout reads that as the logged-in citizen.
      person: citizen,
      desk: {
        form,
        errors: errors.length ? errors : null,
        error: Object.fromEntries(['identificazione', 'tipoDocumento', 'numeroDocumento', 'delegatoNome', 'delegatoCodiceFiscale', 'delega'].map((f) => [f, errorOf(f)])),
        identifications: IDENTIFICATIONS.map((value) => ({ value, label: M.identificationLabels[value], checked: form.identificazione === value })),
        idDocuments: ID_DOCUMENTS.map((value) => ({ value, label: M.idDocumentLabels[value], selected: form.tipoDocumento === value })),
        delegated: form.presentatore === 'delegato',
        delegaUrl: `${seat.base(key)}/delega`,
      },
      scripts: ['/static/app/js/submit-once.js', '/static/app/js/desk-delega.js'],
    };
  }

  /** Files the draft; answers the case id, or the summary again with the desk fields' errors inline. */
  async submit(operator: OperatorPrincipal, cf: string, key: string, body: Record<string, unknown>, address: string | undefined): Promise<{ caseId: string } | { view: object }> {
    const { citizen, seat } = await this.seated(operator, cf, key);
    const parsed = parseIdentification(body);
    if ('errors' in parsed) return { view: await this.summary(operator, cf, key, body, parsed.errors) };
    const filingSeat: WizardSeat = { ...seat, filing: { ...seat.filing, identification: parsed.value.identification, address: address ?? null } };
    const caseId = await this.tx.run(async () => {
      const filed = await this.wizard.submit(key, citizen, body, filingSeat);
      if (parsed.value.delegaDocumentId && !(await this.documents.fileUpload(parsed.value.delegaDocumentId, citizen.fiscalCode, 'delega', filed.id, filed.office))) {
        throw new DeskInvalidInputException(M.delegaRequired, [{ field: 'delega', message: M.delegaRequired }]);
      }
      await this.repo.insert({ ...parsed.value, caseId: filed.id, operatorId: operator.userId });
      await this.audit.record({ actor: auditActorOf(operator), action: 'case.file-on-behalf', resource: { type: 'case', id: filed.id }, channel: 'desk', address: address ?? null });
      return filed.id;
    });
    return { caseId };
  }

  /** The print-friendly receipt page of a case the operator may see. */
  async receiptPage(operator: OperatorPrincipal, cf: string, caseId: string): Promise<object> {
    const citizen = await this.desk.citizen(cf);
    await this.visible(operator, citizen.fiscalCode, caseId);
    const view = await this.cases.viewForTask(caseId);
    const filing = await this.repo.find(caseId);
    const office = await this.catalogue.office(view.office);
    const name = `${citizen.givenName} ${citizen.familyName}`.trim();
    return {
      title: `Ricevuta ${view.code}`,
      breadcrumbs: [{ label: 'Sportello', href: '/console/sportello' }, { label: name || citizen.fiscalCode, href: citizenHref(citizen.fiscalCode) }, { label: `Ricevuta ${view.code}` }],
      person: { ...citizen, name },
      case: view,
      officeName: office?.name ?? view.office,
      filing: filing
        ? {
            ...filing,
            identificationLabel: M.identificationLabels[filing.identification] ?? filing.identification,
            idDocumentLabel: M.idDocumentLabels[filing.id_document_type] ?? filing.id_document_type,
          }
        : null,
      pdfHref: `${citizenHref(citizen.fiscalCode)}/pratiche/${caseId}/ricevuta.pdf`,
      backHref: citizenHref(citizen.fiscalCode),
      scripts: ['/static/app/js/desk-print.js'],
    };
  }

  async receiptPdf(operator: OperatorPrincipal, cf: string, caseId: string): Promise<{ document: DocumentView; bytes: Buffer }> {
    const citizen = await this.desk.citizen(cf);
    await this.visible(operator, citizen.fiscalCode, caseId);
    const receipt = await this.documents.receiptBytesFor(caseId);
    await this.audit.record({ actor: auditActorOf(operator), action: 'document.download', resource: { type: 'document', id: receipt.document.id }, channel: operator.desk ? 'desk' : 'web' });
    return receipt;
  }

  private async visible(operator: OperatorPrincipal, fiscalCode: string, caseId: string): Promise<void> {
    if (!UUID.test(caseId) || !(await this.desk.visibleCaseIds(operator, fiscalCode)).includes(caseId)) throw new DeskNotFoundException(M.caseNotFound);
  }

  /** The citizen and the wizard's seat at the desk; the procedure must be one the operator may file. */
  private async seated(operator: OperatorPrincipal, cf: string, key: string): Promise<{ citizen: CitizenPrincipal; seat: WizardSeat }> {
    const known = await this.desk.citizen(cf);
    const procedure = await this.catalogue.get(key);
    if (!operator.desk && !operator.offices.includes(procedure.office.key)) throw new DeskNotFoundException(M.procedureNotAllowed);
    const home = citizenHref(known.fiscalCode);
    const name = `${known.givenName} ${known.familyName}`.trim();
    const citizen: CitizenPrincipal = { kind: 'citizen', fiscalCode: known.fiscalCode, givenName: known.givenName, familyName: known.familyName, ...(known.email ? { email: known.email } : {}) };
    const seat: WizardSeat = {
      base: (k) => `${home}/servizi/${k}/domanda`,
      crumbs: (p) => [{ label: 'Sportello', href: '/console/sportello' }, { label: name || known.fiscalCode, href: home }, { label: p.title }],
      filing: { channel: 'desk', via: 'desk' },
      applicant: (data, c) => applicantFrom(data, c),
    };
    return { citizen, seat };
  }
}

/** The names the operator typed in the form's applicant group; the fiscal code is always the citizen's. */
function applicantFrom(data: Record<string, unknown>, citizen: CitizenPrincipal): CitizenPrincipal {
  const r = (data.richiedente ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const givenName = text(r.nome) ?? citizen.givenName;
  const familyName = text(r.cognome) ?? citizen.familyName;
  if (!givenName || !familyName) throw new DeskInvalidInputException(M.applicantNamesRequired, [{ field: 'richiedente', message: M.applicantNamesRequired }]);
  const email = text(r.email) ?? citizen.email;
  return { kind: 'citizen', fiscalCode: citizen.fiscalCode, givenName, familyName, ...(email ? { email } : {}) };
}

function parseIdentification(body: Record<string, unknown>): { value: Identification } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const identification = str('identificazione');
  const idDocumentType = str('tipoDocumento');
  const idDocumentNumber = str('numeroDocumento').toUpperCase();
  if (!(IDENTIFICATIONS as readonly string[]).includes(identification)) errors.push({ field: 'identificazione', message: M.identificationRequired });
  if (!(ID_DOCUMENTS as readonly string[]).includes(idDocumentType)) errors.push({ field: 'tipoDocumento', message: M.idDocumentTypeRequired });
  if (!ID_NUMBER.test(idDocumentNumber)) errors.push({ field: 'numeroDocumento', message: M.idDocumentNumberRequired });
  let delegate: Identification['delegate'] = null;
  let delegaDocumentId: string | null = null;
  if (str('presentatore') === 'delegato') {
    const name = str('delegatoNome');
    const fiscalCode = normaliseFiscalCode(str('delegatoCodiceFiscale'));
    if (name.length < 3 || name.length > 200) errors.push({ field: 'delegatoNome', message: M.delegateNameRequired });
    if (fiscalCodeProblem(fiscalCode)) errors.push({ field: 'delegatoCodiceFiscale', message: M.delegateFiscalCode });
    const delega = str('delega');
    if (!UUID.test(delega)) errors.push({ field: 'delega', message: M.delegaRequired });
    delegate = { name, fiscalCode };
    delegaDocumentId = delega || null;
  }
  if (errors.length) return { errors };
  return { value: { identification: identification as Identification['identification'], idDocumentType, idDocumentNumber, delegate, delegaDocumentId } };
}
