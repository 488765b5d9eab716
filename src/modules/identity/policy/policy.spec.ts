import { canAdministerUsers, canPublishProcedure, canReadAudit, canReadCase, canReadDocument, canReadMessage, canReadProcedure, PolicySubject } from './index';
import { canAssignTask, canReadInbox, canWorkTask } from './task.policy';

const A = 'RSSMRA80A01H501U';
const B = 'BNCLRA90E45H501A';
const who: Record<string, PolicySubject> = {
  citizenA: { kind: 'citizen', fiscalCode: A },
  citizenB: { kind: 'citizen', fiscalCode: B },
  operatorX: { kind: 'operator', offices: ['anagrafe'], headOf: [] },
  operatorY: { kind: 'operator', offices: ['suap'], headOf: [] },
  headX: { kind: 'operator', offices: ['anagrafe'], headOf: ['anagrafe'] },
  citizenQueueOperator: { kind: 'operator', offices: ['citizen'], headOf: ['citizen'] },
  analyst: { kind: 'analyst' },
  admin: { kind: 'admin' },
};
const order = Object.keys(who);
const decide = (f: (s: PolicySubject) => boolean) => order.filter((k) => f(who[k]));

describe('the authorization policy', () => {
  it('given a case of citizen A in anagrafe, when each subject asks to read it, then the applicant, anagrafe staff and admins may', () => {
    expect(decide((s) => canReadCase(s, { office: 'anagrafe', citizenFiscalCode: A }))).toEqual(['citizenA', 'operatorX', 'headX', 'admin']);
  });

  it('given a task in the anagrafe queue, when each subject asks to work it, then only anagrafe staff may', () => {
    expect(decide((s) => canWorkTask(s, { office: 'anagrafe', caseOwnerFiscalCode: A }))).toEqual(['operatorX', 'headX']);
  });

  it('given a task in the citizen queue of A, when each subject asks to work it, then only A may (never an operator claiming "citizen")', () => {
    expect(decide((s) => canWorkTask(s, { office: 'citizen', caseOwnerFiscalCode: A }))).toEqual(['citizenA']);
  });

  it('given the anagrafe office, when each subject asks to assign its tasks, then only its head may', () => {
    expect(decide((s) => canAssignTask(s, 'anagrafe'))).toEqual(['headX']);
    expect(decide((s) => canAssignTask(s, 'citizen'))).toEqual([]);
    expect(decide(canReadInbox)).toEqual(['operatorX', 'operatorY', 'headX', 'citizenQueueOperator']);
  });

  it('given a document of A handled by anagrafe, when each subject asks to read it or a message, then the owner, anagrafe staff and admins may', () => {
    const facts = { ownerFiscalCode: A, office: 'anagrafe' };
    expect(decide((s) => canReadDocument(s, facts))).toEqual(['citizenA', 'operatorX', 'headX', 'admin']);
    expect(decide((s) => canReadMessage(s, facts))).toEqual(['citizenA', 'operatorX', 'headX', 'admin']);
  });

  it('given procedures, users and the audit trail, when each subject asks, then everybody reads procedures, analysts and admins publish, admins administer', () => {
    expect(decide(canReadProcedure)).toEqual(order);
    expect(decide(canPublishProcedure)).toEqual(['analyst', 'admin']);
    expect(decide(canAdministerUsers)).toEqual(['admin']);
    expect(decide(canReadAudit)).toEqual(['admin']);
  });
});
