import { CITIZEN_QUEUE, heads, PolicySubject, worksIn } from './policy-subject';

/** What a task policy looks at: the queue the task row sits in and whose case it is. */
export interface TaskFacts {
  office: string;
  caseOwnerFiscalCode: string;
}

/**
 * Reading, claiming and completing: the citizen for the tasks addressed to them on their own
 * cases; operators for their offices' queues. Everybody else does not learn the task exists.
 */
export function canWorkTask(s: PolicySubject, t: TaskFacts): boolean {
  if (s.kind === 'citizen') return t.office === CITIZEN_QUEUE && s.fiscalCode === t.caseOwnerFiscalCode;
  return worksIn(s, t.office);
}

/** The office inbox is for operators. */
export const canReadInbox = (s: PolicySubject): boolean => s.kind === 'operator';

/** Only the head of the task's office assigns it, or releases someone else's claim. */
export const canAssignTask = (s: PolicySubject, office: string): boolean => heads(s, office);
export const canReleaseAnyClaim = canAssignTask;
