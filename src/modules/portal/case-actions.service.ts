import { Injectable } from '@nestjs/common';
import { DomainException } from '../../common';
import { CaseMessagesUseCase, CaseView, RateCaseUseCase, WithdrawCaseUseCase } from '../cases';
import type { CitizenPrincipal } from '../identity';
import { PORTAL_MESSAGES as M } from './portal.messages';

type Notice = keyof typeof M.caseNotices;
/** Messages per page on the case page and the Messaggi tab (older ones a link away, keyset paged). */
export const MESSAGES_PER_PAGE = 20;

/**
 * The citizen's actions on a case page (messages to the office, withdrawal, rating) through the
 * cases module's use-cases. Each action answers with the notice to show on the case page after
 * the redirect: a success or the Italian explanation of a refusal.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly messages: CaseMessagesUseCase,
    private readonly withdrawal: WithdrawCaseUseCase,
    private readonly rating: RateCaseUseCase,
  ) {}

  /** Messages, newest first (older than the message `before`, when paging back), and which actions the case allows now. */
  async section(citizen: CitizenPrincipal, view: CaseView, notice: unknown, before?: unknown): Promise<object> {
    const list = await this.messages.listBefore(view.id, actor(citizen), before, MESSAGES_PER_PAGE);
    const key = typeof notice === 'string' && Object.hasOwn(M.caseNotices, notice) ? (notice as Notice) : null;
    const here = `/area-personale/pratiche/${view.id}`;
    return {
      messages: list.items.map((m) => ({ ...m, fromOffice: m.authorKind === 'operator' })),
      messagePaging: {
        olderHref: list.next ? `${here}?prima=${list.next}#messaggi` : null,
        newestHref: typeof before === 'string' && before ? `${here}#messaggi` : null,
      },
      canWithdraw: !view.outcome && !view.closedAt && !view.withdrawal,
      canRate: Boolean(view.closedAt) && !view.rating,
      rating: view.rating,
      ratingChoices: M.ratingChoices.map((label, i) => ({ value: i + 1, label })),
      notice: key ? M.caseNotices[key] : null,
      withdrawHref: `/area-personale/pratiche/${view.id}/ritiro`,
    };
  }

  postMessage(citizen: CitizenPrincipal, caseId: string, body: unknown): Promise<Notice> {
    return answer(this.messages.post(caseId, actor(citizen), body), 'messaggio-inviato');
  }

  /** The optional reason (at most 1000 characters, checked by the use-case) goes on the timeline and into the registered declaration. */
  withdraw(citizen: CitizenPrincipal, caseId: string, confirmed: unknown, reason: unknown): Promise<Notice> {
    if (confirmed !== 'si') return Promise.resolve('ritiro-non-confermato');
    return answer(this.withdrawal.withdraw(caseId, actor(citizen), reason), 'ritirata');
  }

  rate(citizen: CitizenPrincipal, caseId: string, stars: unknown, comment: unknown): Promise<Notice> {
    const n = typeof stars === 'string' && /^[1-5]$/.test(stars) ? Number(stars) : undefined;
    return answer(this.rating.rate(caseId, actor(citizen), { stars: n, comment: typeof comment === 'string' ? comment : undefined }), 'valutata');
  }
}

function actor(citizen: CitizenPrincipal) {
  return { kind: 'citizen' as const, fiscalCode: citizen.fiscalCode, name: `${citizen.givenName} ${citizen.familyName}`.trim(), ...(citizen.email ? { email: citizen.email } : {}) };
}

/** Refusals a citizen can cause become notices; anything else (not found, server errors) propagates to the error page. */
async function answer(action: Promise<unknown>, done: Notice): Promise<Notice> {
  try {
    await action;
    return done;
  } catch (err) {
    if (!(err instanceof DomainException)) throw err;
    const reason = typeof err.details.reason === 'string' ? err.details.reason : '';
    const field = err.details.fieldErrors?.[0]?.field;
    const notice = REFUSALS[err.code === 'CASE_NOT_WITHDRAWABLE' ? `ritiro-${reason}` : err.code === 'CASE_INVALID_REQUEST' ? `campo-${field}` : err.code];
    if (!notice) throw err;
    return notice;
  }
}

const REFUSALS: Record<string, Notice> = {
  'ritiro-outcome': 'ritiro-esito',
  'ritiro-withdrawn': 'ritiro-gia-ritirata',
  'ritiro-closed': 'ritiro-conclusa',
  CASE_NOT_CLOSED: 'valutazione-non-conclusa',
  CASE_ALREADY_RATED: 'valutazione-doppia',
  'campo-body': 'messaggio-vuoto',
  'campo-reason': 'ritiro-motivo',
  'campo-stars': 'valutazione-stelle',
  'campo-comment': 'valutazione-commento',
};
