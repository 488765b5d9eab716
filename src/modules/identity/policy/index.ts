export { CITIZEN_QUEUE } from './policy-subject';
export type { PolicySubject } from './policy-subject';
export { canFileCase, canListOwnCases, canReadCase, isPersonalDataView } from './case.policy';
export type { CaseFacts } from './case.policy';
export { canAssignTask, canReadInbox, canReleaseAnyClaim, canWorkTask } from './task.policy';
export type { TaskFacts } from './task.policy';
export { canAdministerUsers, canPublishProcedure, canReadAudit, canReadDocument, canReadMessage, canReadProcedure } from './resource.policy';
export type { OwnedFacts } from './resource.policy';
