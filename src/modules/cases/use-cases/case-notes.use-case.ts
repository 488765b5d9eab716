import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Page, PageRequest } from '../../../common';
import { Transactions } from '../../../database';
import { CaseInvalidRequestException, CaseNotFoundException } from '../cases.exceptions';
import { CASE_MESSAGES as M } from '../cases.messages';
import { CasesRepository } from '../cases.repository';
import { CaseRow } from '../cases.types';
import { CaseActor, mayAccess, requireText } from './case-actor';
import { CaseInteractionsRepository, CaseNoteView } from './case-interactions.repository';

type Operator = Extract<CaseActor, { kind: 'operator' }>;

/** Internal notes on a case: written and read by operators of the case's office, never shown to the citizen. */
@Injectable()
export class CaseNotesUseCase {
  private readonly cases: CasesRepository;
  private readonly repo: CaseInteractionsRepository;

  constructor(private readonly tx: Transactions) {
    this.cases = new CasesRepository(tx);
    this.repo = new CaseInteractionsRepository(tx);
  }

  async list(caseId: string, actor: Operator, page: PageRequest): Promise<Page<CaseNoteView>> {
    await this.visible(caseId, actor);
    const { rows, total } = await this.repo.notes(caseId, page.offset, page.pageSize);
    return { items: rows, total, page: page.page, pageSize: page.pageSize };
  }

  async add(caseId: string, actor: Operator, body: unknown): Promise<CaseNoteView> {
    const row = await this.visible(caseId, actor);
    const text = requireText(body, 4000);
    if (!text) throw new CaseInvalidRequestException('body', M.noteBody);
    return this.repo.insertNote({ id: randomUUID(), caseId, author: actor.userId, office: row.office, body: text });
  }

  private async visible(caseId: string, actor: Operator): Promise<CaseRow> {
    const row = /^[0-9a-f-]{36}$/i.test(caseId) ? await this.cases.findById(caseId) : undefined;
    if (!row || !mayAccess(actor, row)) throw new CaseNotFoundException(caseId);
    return row;
  }
}
