import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Page, PageRequest } from '../../../common';
import { Transactions } from '../../../database';
import { CatalogueService } from '../../catalogue';
import { NotificationsService } from '../../notifications';
import { CaseInvalidRequestException, CaseNotFoundException } from '../cases.exceptions';
import { CASE_MESSAGES as M } from '../cases.messages';
import { CasesRepository } from '../cases.repository';
import { CaseRow } from '../cases.types';
import { CaseActor, mayAccess, requireText } from './case-actor';
import { CaseInteractionsRepository, CaseMessageView, CitizenCaseMessageView } from './case-interactions.repository';
import { ioRecipient } from '../../app-io';

const MAX_BODY = 4000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of a list read newest first, and the cursor of the next (older) page. */
export interface KeysetPage<T> {
  items: T[];
  next: string | null;
}

const clampLimit = (limit: number): number => Math.min(Math.max(Math.trunc(limit) || 1, 1), 100);
/** A cursor is a message id; anything else reads as "from the newest". */
const cursorOf = (before: unknown): string | null => (typeof before === 'string' && UUID.test(before) ? before : null);

function keysetPage<T extends { id: string }>(rows: T[], size: number): KeysetPage<T> {
  const items = rows.slice(0, size);
  return { items, next: rows.length > size ? items[items.length - 1].id : null };
}

/**
 * Two-way messages on a case (the portal's Messaggi, the console's task page): the applicant
 * writes to the case's office, an operator of that office answers. Each message is e-mailed to
 * the other party through the outbox, in the same transaction: a citizen's message to the
 * office's address (processes/offices.json), an answer to the citizen's address.
 */
@Injectable()
export class CaseMessagesUseCase {
  private readonly cases: CasesRepository;
  private readonly repo: CaseInteractionsRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly catalogue: CatalogueService,
    private readonly notifications: NotificationsService,
  ) {
    this.cases = new CasesRepository(tx);
    this.repo = new CaseInteractionsRepository(tx);
  }

  async list(caseId: string, actor: CaseActor, page: PageRequest): Promise<Page<CaseMessageView>> {
    await this.visible(caseId, actor);
    const { rows, total } = await this.repo.messages(caseId, page.offset, page.pageSize);
    return { items: rows, total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * Keyset paging for pages that show a case's messages newest first: `before` is the id of the
   * oldest message already shown (null for the newest page); `next` is the cursor of the page
   * after this one, null when there are no older messages.
   */
  async listBefore(caseId: string, actor: CaseActor, before: unknown, limit: number): Promise<KeysetPage<CaseMessageView>> {
    await this.visible(caseId, actor);
    const size = clampLimit(limit);
    return keysetPage(await this.repo.messagesBefore(caseId, cursorOf(before), size + 1), size);
  }

  /** The citizen's newest messages across their cases (the personal area's Messaggi), `limit` (1–100) at a time, older than `before`. */
  async listForCitizen(fiscalCode: string, limit = 50, before: unknown = null): Promise<KeysetPage<CitizenCaseMessageView>> {
    const size = clampLimit(limit);
    return keysetPage(await this.repo.messagesForCitizen(fiscalCode, size + 1, cursorOf(before)), size);
  }

  async post(caseId: string, actor: CaseActor, body: unknown): Promise<CaseMessageView> {
    const row = await this.visible(caseId, actor);
    const text = requireText(body, MAX_BODY);
    if (!text) throw new CaseInvalidRequestException('body', M.messageBody);
    const office = await this.catalogue.office(row.office);
    const officeName = office?.name ?? row.office;
    return this.tx.run(async () => {
      const id = randomUUID();
      const message = await this.repo.insertMessage({
        id,
        caseId,
        authorKind: actor.kind,
        authorId: actor.kind === 'citizen' ? actor.fiscalCode : actor.userId,
        authorName: actor.kind === 'citizen' ? actor.name || row.citizen_name : officeName,
        office: row.office,
        body: text,
      });
      const to = actor.kind === 'citizen' ? office?.email : row.citizen_email;
      // An office's answer reaches the citizen on App IO or by e-mail; a citizen's message goes to the office's mailbox.
      const fiscalCode = actor.kind === 'citizen' ? null : ioRecipient(row.citizen_fiscal_code);
      if (to || fiscalCode) {
        await this.notifications.enqueueEmail({
          caseId,
          event: actor.kind === 'citizen' ? 'messaggio-cittadino' : 'messaggio-ufficio',
          procedureKey: row.procedure_key,
          to,
          fiscalCode,
          dedupeKey: `${caseId}:messaggio:${id}`,
          variables: {
            procedureTitle: row.procedure_title,
            // The greeting names the recipient: the office for a citizen's message, the citizen for an answer.
            citizenName: actor.kind === 'citizen' ? officeName : row.citizen_name,
            senderName: row.citizen_name,
            caseCode: row.code,
            protocolNumber: row.protocol_number ?? undefined,
            protocolDate: row.protocol_date ?? undefined,
            office: officeName,
            message: text,
          },
        });
      }
      return message;
    });
  }

  private async visible(caseId: string, actor: CaseActor): Promise<CaseRow> {
    const row = /^[0-9a-f-]{36}$/i.test(caseId) ? await this.cases.findById(caseId) : undefined;
    if (!row || !mayAccess(actor, row)) throw new CaseNotFoundException(caseId);
    return row;
  }
}
