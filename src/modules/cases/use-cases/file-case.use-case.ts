import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainException, FieldError } from '../../../common';
import { Transactions } from '../../../database';
import { CatalogueService } from '../../catalogue';
import { EngineService } from '../../engine';
import { FormSchema, FormsService } from '../../forms';
import { NewProtocolEntry, ProtocolDocument, ProtocolService } from '../../protocol';
import { CaseIdempotencyKeyReusedException, CaseInvalidRequestException, CaseNotRegistrableException } from '../cases.exceptions';
import { CASE_MESSAGES as M } from '../cases.messages';
import { CasesRepository } from '../cases.repository';
import { Applicant, CaseRow } from '../cases.types';
import { FilingListener } from '../filing.types';
import { legalDeadline } from '../legal-deadline';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export interface FilingOptions {
  idempotencyKey?: string;
  channel?: 'web' | 'desk';
  /** Art. 38, desk filings only: how the applicant was identified. */
  identification?: 'signed-before-employee' | 'id-copy-attached';
}

/**
 * Files a case (every channel). The platform, not the diagram, registers the istanza (DPR 445/2000
 * art. 53): the inbound protocol entry is built and checked before anything is stored, then
 * written in the filing transaction together with the case and the started process. The entry is
 * written unnumbered; the register numbers it when the transaction commits, so the counter row is
 * held for the commit only, and case and tasks receive the number then.
 */
@Injectable()
export class FileCase {
  private readonly repo: CasesRepository;
  private readonly listeners: FilingListener[] = [];

  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
    private readonly catalogue: CatalogueService,
    private readonly forms: FormsService,
    private readonly protocol: ProtocolService,
  ) {
    this.repo = new CasesRepository(tx);
  }

  onFiling(listener: FilingListener): void {
    this.listeners.push(listener);
  }

  /** The id of the filed case (read it after this returns: the protocol number is assigned at commit). */
  async execute(applicant: Applicant, request: { procedureKey?: unknown; data?: unknown }, options: FilingOptions = {}): Promise<{ caseId: string; created: boolean }> {
    if (typeof request.procedureKey !== 'string' || !request.procedureKey) throw new CaseInvalidRequestException('procedureKey', M.procedureRequired);
    if (!request.data || typeof request.data !== 'object' || Array.isArray(request.data)) throw new CaseInvalidRequestException('data', M.dataRequired);
    const key = options.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new CaseInvalidRequestException('Idempotency-Key', M.idempotencyKey);
    const requestHash = hashRequest(request.procedureKey, request.data);
    if (key) {
      const existing = await this.repo.findByIdempotencyKey(applicant.fiscalCode, key);
      if (existing) return this.replay(existing, requestHash);
    }
    const procedure = await this.catalogue.get(request.procedureKey);
    const cleaned = this.forms.validate(procedure.startForm.schema as unknown as FormSchema, request.data);
    const caseId = randomUUID();
    const submittedAt = new Date();
    const channel = options.channel ?? 'web';
    const formApplicant = (cleaned.richiedente as Record<string, unknown> | undefined) ?? {};
    const richiedente = {
      ...formApplicant,
      nome: applicant.givenName,
      cognome: applicant.familyName,
      codiceFiscale: applicant.fiscalCode,
      ...(applicant.email ? { email: applicant.email } : {}),
    };
    const submitted = JSON.stringify(cleaned);
    const inbound = (documents: ProtocolDocument[]): NewProtocolEntry => ({
      direction: 'in',
      channel,
      correspondent: {
        name: `${applicant.givenName} ${applicant.familyName}`.trim(),
        fiscalCode: applicant.fiscalCode,
        ...(typeof richiedente.email === 'string' ? { email: richiedente.email } : {}),
      },
      subject: procedure.title,
      office: procedure.office.key,
      caseId,
      documents: [
        { name: `${procedure.key}.json`, sha256: createHash('sha256').update(submitted).digest('hex'), mediaType: 'application/json', size: Buffer.byteLength(submitted) },
        ...documents,
      ],
      ...(options.identification ? { identification: options.identification } : {}),
      registeredBy: 'system',
    });
    // Whatever the register would refuse is refused now, before anything is stored.
    const emailFrom = applicant.email ? 'applicant.email' : 'data.richiedente.email';
    this.registrable(() => this.protocol.validate(inbound([])), emailFrom);
    try {
      await this.tx.run(async () => {
        await this.repo.insert({
          id: caseId,
          code: caseCode(),
          procedureKey: procedure.key,
          procedureTitle: procedure.title,
          modelVersionId: procedure.currentVersion.id,
          office: procedure.office.key,
          citizenFiscalCode: applicant.fiscalCode,
          citizenName: `${applicant.givenName} ${applicant.familyName}`.trim(),
          citizenEmail: applicant.email ?? null,
          channel,
          status: 'inviata',
          data: cleaned,
          submittedAt,
          legalDays: procedure.legalDays,
          legalDeadline: legalDeadline(submittedAt, procedure.legalDays),
          idempotencyKey: key ?? null,
          requestHash,
        });
        const contributed: ProtocolDocument[] = [];
        for (const listener of this.listeners) {
          const contribution = await listener({ caseId, procedureKey: procedure.key, applicant, data: cleaned, channel });
          if (contribution?.documents) contributed.push(...contribution.documents);
        }
        const entry = this.registrable(() => this.protocol.validate(inbound(contributed)), emailFrom);
        await this.protocol.register(entry);
        const { instance } = await this.engine.startProcess(
          procedure.key,
          { ...cleaned, caseId, richiedente, channel },
          { actor: `citizen:${applicant.fiscalCode}` },
        );
        await this.repo.attachInstance(caseId, instance.id);
      });
    } catch (e) {
      // Two retries with one Idempotency-Key racing: the loser answers with the winner's case.
      if (key && (e as { code?: string }).code === '23505') {
        const existing = await this.repo.findByIdempotencyKey(applicant.fiscalCode, key);
        if (existing) return this.replay(existing, requestHash);
      }
      throw e;
    }
    return { caseId, created: true };
  }

  private replay(existing: CaseRow, requestHash: string): { caseId: string; created: boolean } {
    if (existing.request_hash && existing.request_hash !== requestHash) throw new CaseIdempotencyKeyReusedException();
    return { caseId: existing.id, created: false };
  }

  /** The register's field errors, named as the applicant knows them. */
  private registrable(check: () => NewProtocolEntry, emailFrom: string): NewProtocolEntry {
    try {
      return check();
    } catch (e: unknown) {
      if (!(e instanceof DomainException) || e.code !== 'PROTOCOL_INVALID_ENTRY') throw e;
      const errors = (e.details.fieldErrors ?? []).map((f): FieldError => ({ ...f, field: fieldOf(f.field, emailFrom) }));
      throw new CaseNotRegistrableException(errors);
    }
  }
}

function fieldOf(entryField: string, emailFrom: string): string {
  if (entryField === 'correspondent.email') return emailFrom;
  if (entryField === 'correspondent.name') return 'applicant.name';
  if (entryField === 'correspondent.fiscalCode') return 'applicant.fiscalCode';
  if (entryField === 'subject' || entryField === 'office') return 'procedureKey';
  return entryField;
}

/** SHA-256 of the request as filed (keys sorted), to tell a retry from a different request under the same key. */
export function hashRequest(procedureKey: string, data: unknown): string {
  return createHash('sha256').update(canonicalJson({ procedureKey, data })).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function caseCode(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `SP-${out.slice(0, 5)}-${out.slice(5)}`;
}
