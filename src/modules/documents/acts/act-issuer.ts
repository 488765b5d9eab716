import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { ANPR_PORT, AnprPort } from '../../anpr';
import { CasesService } from '../../cases';
import { CatalogueService } from '../../catalogue';
import { ProtocolService } from '../../protocol';
import { DOCUMENTS_MESSAGES as M } from '../documents.messages';
import { DocumentTemplates } from '../receipt/document-content';
import { renderPdf } from '../receipt/pdf-renderer';
import { romeDateTime } from '../receipt/receipt-model';
import { newVerificationCode, verificationUrl } from '../use-cases/issue-receipt.use-case';
import { StoreIssuedUseCase } from '../use-cases/store-issued.use-case';
import { ActRequestRow, ActRequestsRepository } from './act-requests.repository';
import { actTemplateFile } from './act-templates';
import { ActNotice } from './act-notice';
import { residenceCertificateModel, ResidenceSource } from './residence-certificate';

const MAX_BACKOFF_MS = 3_600_000;
const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

export interface ActIssueReport {
  issued: number;
  retried: number;
  /** Not issued because ANPR answered that the applicant does not reside (certificates only). */
  refused: number;
}

/**
 * Issues the acts `documents.render` steps asked for, after their transaction committed (so the
 * outbound protocol entry has its number): renders the template to PDF/A with the protocol stamp
 * and the QR to `/documenti/verifica/{code}`, stores it as an issued document of the case (kind
 * `act`) and marks the request issued, all in one transaction per act: an act is issued once,
 * whichever process claims it. A failure is retried with backoff. Runs every SCHEDULER_POLL_MS
 * with the other background loops (SCHEDULER_ENABLED).
 *
 * An act with `anpr_check` (the certificato di residenza) first asks ANPR, outside any
 * transaction; when ANPR does not answer the operator's check stands and the act says so; when
 * it answers that the applicant does not reside, no act is issued (status `refused`). Issuing
 * queues the citizen's notice with the PDF in the same transaction (ActNotice).
 */
@Injectable()
export class ActIssuer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly templates = new DocumentTemplates();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly tx: Transactions,
    private readonly requests: ActRequestsRepository,
    private readonly store: StoreIssuedUseCase,
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
    private readonly protocol: ProtocolService,
    private readonly notice: ActNotice,
    @Inject(ANPR_PORT) private readonly anpr: AnprPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER_ENABLED) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async issueDue(now: Date = new Date()): Promise<ActIssueReport> {
    const report: ActIssueReport = { issued: 0, retried: 0, refused: 0 };
    const tried: string[] = [];
    for (;;) {
      const due = await this.tx.run(() => this.requests.nextDue(now, tried));
      if (!due) return report;
      tried.push(due.id);
      let outcome: 'issued' | 'refused' | null = null;
      try {
        // External call first, no transaction open: ANPR answers, or the operator's check stands.
        const residence = due.anpr_check ? await this.residence(due) : null;
        await this.tx.run(async () => {
          const claimed = await this.requests.claim(due.id, now);
          if (claimed) outcome = await this.issue(claimed, residence);
        });
      } catch (e: unknown) {
        // The claim rolled back with the failure: note it on the row in a transaction of its own.
        const error = e instanceof Error ? e.message : String(e);
        const next = new Date(now.getTime() + Math.min(this.config.SCHEDULER_POLL_MS * 2 ** Math.min(due.attempts, 20), MAX_BACKOFF_MS));
        await this.tx.run(() => this.requests.markRetry(due.id, next, error));
        this.logger.warn({ actRequest: due.id, caseId: due.case_id, template: due.template, error, next }, 'act not issued, will retry');
        report.retried++;
        continue;
      }
      if (outcome) report[outcome]++;
    }
  }

  /** ANPR's residence check for the case's applicant; a failure to answer is a source too (the operator's check). */
  private async residence(row: ActRequestRow): Promise<ResidenceSource> {
    const caseRow = await this.cases.row(row.case_id);
    try {
      return { kind: 'anpr', check: await this.anpr.residence(caseRow.citizen_fiscal_code), at: new Date() };
    } catch (e: unknown) {
      const code = (e as { code?: unknown }).code;
      if (code !== 'ANPR_UNAVAILABLE') throw e;
      this.logger.warn({ actRequest: row.id, caseId: row.case_id, error: (e as Error).message }, 'ANPR did not answer: the certificate uses the operator check');
      return { kind: 'unavailable', at: new Date(), detail: (e as Error).message };
    }
  }

  private async issue(row: ActRequestRow, residence: ResidenceSource | null): Promise<'issued' | 'refused'> {
    const caseRow = await this.cases.row(row.case_id);
    const procedure = await this.catalogue.get(caseRow.procedure_key);
    let certificate = {};
    if (residence) {
      const model = residenceCertificateModel(residence, row.model, { name: caseRow.citizen_name, fiscalCode: caseRow.citizen_fiscal_code }, procedure.office.name);
      if ('refused' in model) {
        await this.requests.markRefused(row.id, model.refused);
        this.logger.warn({ actRequest: row.id, caseId: row.case_id, reason: model.refused }, 'certificate refused on the ANPR answer');
        return 'refused';
      }
      certificate = model;
    }
    const entry = row.protocol_entry_id ? await this.protocol.get(row.protocol_entry_id) : null;
    if (entry && !entry.number) throw new Error(M.actNoProtocol);
    const code = newVerificationCode();
    const url = verificationUrl(this.config.PUBLIC_BASE_URL, code);
    const createdAt = new Date();
    const paid = (row.model.pagamentoRicevuto ?? null) as { importo?: unknown; nav?: unknown } | null;
    const content = this.templates.renderFile(row.template, actTemplateFile(row.template), {
      comune: this.config.COMUNE_NAME,
      protocollo: entry
        ? { numero: entry.number, anno: entry.year, data: romeDateTime(new Date(entry.registeredAt)), aoo: this.config.PROTOCOL_AOO, registro: this.config.PROTOCOL_REGISTER }
        : null,
      pratica: {
        codice: caseRow.code,
        procedimento: caseRow.procedure_title,
        protocollo: caseRow.protocol_number ? `${caseRow.protocol_number}/${caseRow.protocol_year}` : '',
      },
      richiedente: { nome: caseRow.citizen_name, codiceFiscale: caseRow.citizen_fiscal_code },
      ufficio: procedure.office.name,
      dati: row.model,
      canone: typeof paid?.importo === 'number' ? EURO.format(paid.importo / 100) : '',
      avviso: typeof paid?.nav === 'string' ? paid.nav : '',
      rilasciataIl: romeDateTime(createdAt),
      verifica: { codice: code, url },
      ...certificate,
    });
    const bytes = await renderPdf(content, url, {
      title: `${content.title} - ${caseRow.code}`,
      subject: entry ? `${row.title}, protocollo n. ${entry.number}/${entry.year}` : row.title,
      author: procedure.office.name,
      createdAt,
    });
    const name = `${row.template.split('/')[1]}-${caseRow.code}.pdf`;
    const document = await this.store.execute({
      caseId: row.case_id,
      kind: 'act',
      // One document per request: a loop's second round is a second act, a retry finds the first.
      template: `${row.template}#${row.element_id}#${row.id}`,
      name,
      bytes,
      verificationCode: code,
      protocol: entry ? { number: entry.number!, year: entry.year } : null,
    });
    await this.requests.markIssued(row.id, document.id);
    await this.notice.queue(caseRow, { documentId: document.id, title: row.title, name });
    return 'issued';
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.issueDue()
        .catch((e: unknown) => this.logger.warn({ err: e }, 'acts pass failed'))
        .finally(() => this.schedule(this.config.SCHEDULER_POLL_MS));
    }, delay);
    this.timer.unref();
  }
}
