import { Injectable } from '@nestjs/common';
import { Transactions } from '../../../database';
import { CaseAlreadyRatedException, CaseInvalidRequestException, CaseNotClosedException, CaseNotFoundException } from '../cases.exceptions';
import { CASE_MESSAGES as M } from '../cases.messages';
import { CaseRatingView } from '../cases.types';
import { CaseActor } from './case-actor';
import { CaseInteractionsRepository } from './case-interactions.repository';

type Citizen = Extract<CaseActor, { kind: 'citizen' }>;

/** AgID criterion 6: the applicant rates the service 1–5 stars, with an optional comment, once the case is closed; once per case. */
@Injectable()
export class RateCaseUseCase {
  private readonly repo: CaseInteractionsRepository;

  constructor(private readonly tx: Transactions) {
    this.repo = new CaseInteractionsRepository(tx);
  }

  async rate(caseId: string, citizen: Citizen, input: { stars?: unknown; comment?: unknown }): Promise<CaseRatingView> {
    const stars = input.stars;
    if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < 1 || stars > 5) throw new CaseInvalidRequestException('stars', M.stars);
    const raw = input.comment;
    if (raw !== undefined && raw !== null && (typeof raw !== 'string' || raw.trim().length > 1000)) throw new CaseInvalidRequestException('comment', M.ratingComment);
    const comment = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new CaseNotFoundException(caseId);
    return this.tx.run(async () => {
      const row = await this.repo.lockCase(caseId);
      if (!row || row.citizen_fiscal_code !== citizen.fiscalCode) throw new CaseNotFoundException(caseId);
      if (!row.closed_at) throw new CaseNotClosedException(caseId);
      if (!(await this.repo.insertRating(caseId, stars, comment))) throw new CaseAlreadyRatedException(caseId);
      return (await this.repo.rating(caseId))!;
    });
  }
}
