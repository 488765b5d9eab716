import { EngineInstance, EngineItem } from '../../../src/modules/engine';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { EngineHarness, fixture, startEngine } from './engine-harness';

const FIXTURES = [
  'exclusive-gateway',
  'parallel-gateway',
  'inclusive-gateway',
  'event-gateway',
  'timer-boundary',
  'message-catch',
  'message-throw',
  'signal-catch',
  'signal-throw',
  'service-error',
  'service-incident',
  'subprocess',
  'call-parent',
  'call-child',
  'multi-instance',
];

const waiting = (i: EngineInstance, elementId?: string): EngineItem[] =>
  i.items.filter((it) => it.status === 'wait' && (!elementId || it.elementId === elementId));
const only = (i: EngineInstance, elementId: string): EngineItem => {
  const found = waiting(i, elementId);
  expect(found).toHaveLength(1);
  return found[0];
};

describe(`engine scenarios on ${databaseLabel()}`, () => {
  const config = testConfig({ INCIDENT_BACKOFF_MS: '1000', INCIDENT_MAX_ATTEMPTS: '3' });
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startEngine(config);
    for (const name of FIXTURES) await h.engine.deploy(name, fixture(name));
  });
  afterAll(async () => {
    await h.close();
    await dropTestSchema(config);
  });
  beforeEach(() => {
    h.work.calls = [];
    h.work.failuresLeft = 0;
    h.work.result = {};
  });

  describe('exclusive gateway', () => {
    it('given an amount over 100, when started, then the conditional flow is taken', async () => {
      const { instance } = await h.engine.startProcess('exclusive-gateway', { importo: 250 });
      expect(waiting(instance).map((i) => i.elementId)).toEqual(['High']);
    });

    it('given an amount under the threshold, when started, then the default flow is taken', async () => {
      const { instance } = await h.engine.startProcess('exclusive-gateway', { importo: 20 });
      expect(waiting(instance).map((i) => i.elementId)).toEqual(['Low']);
    });
  });

  describe('parallel gateway', () => {
    it('given two parallel opinions, when both are completed, then the join continues once', async () => {
      // given
      const { instance } = await h.engine.startProcess('parallel-gateway', {});
      const a = only(instance, 'OpinionA');
      const b = only(instance, 'OpinionB');
      // when
      const afterA = await h.engine.completeItem(a.id, { parereA: 'favorevole' });
      expect(waiting(afterA.instance, 'Decide')).toHaveLength(0);
      const afterB = await h.engine.completeItem(b.id, { parereB: 'favorevole' });
      // then
      expect(waiting(afterB.instance).map((i) => i.elementId)).toEqual(['Decide']);
      expect(afterB.instance.data).toMatchObject({ parereA: 'favorevole', parereB: 'favorevole' });
    });

    it('given two parallel opinions, when both are completed at the same time, then both land and the join fires once', async () => {
      // given
      const { instance } = await h.engine.startProcess('parallel-gateway', {});
      const [a, b] = [only(instance, 'OpinionA'), only(instance, 'OpinionB')];
      // when
      await Promise.all([h.engine.completeItem(a.id, { parereA: 'si' }), h.engine.completeItem(b.id, { parereB: 'si' })]);
      // then
      const final = await h.engine.getInstance(instance.id);
      expect(waiting(final).map((i) => i.elementId)).toEqual(['Decide']);
      expect(final.data).toMatchObject({ parereA: 'si', parereB: 'si' });
    });
  });

  describe('inclusive gateway', () => {
    it('given both conditions true, when both branches complete, then the merge ends the instance', async () => {
      // given
      const { instance } = await h.engine.startProcess('inclusive-gateway', { a: true, b: true });
      expect(waiting(instance).map((i) => i.elementId).sort()).toEqual(['TaskA', 'TaskB']);
      // when
      await h.engine.completeItem(only(instance, 'TaskA').id, {});
      const done = await h.engine.completeItem(only(instance, 'TaskB').id, {});
      // then
      expect(done.instance.status).toBe('end');
    });

    it('given one condition true, when its branch completes, then the merge does not wait for the other', async () => {
      const { instance } = await h.engine.startProcess('inclusive-gateway', { a: true, b: false });
      expect(waiting(instance).map((i) => i.elementId)).toEqual(['TaskA']);
      const done = await h.engine.completeItem(only(instance, 'TaskA').id, {});
      expect(done.instance.status).toBe('end');
    });
  });

  describe('event-based gateway', () => {
    it('given a message and a timer race, when the message arrives, then the timer branch is cancelled', async () => {
      // given
      const { instance } = await h.engine.startProcess('event-gateway', { caseId: 'ebg-1' });
      expect(waiting(instance).map((i) => i.elementId).sort()).toEqual(['Deadline', 'Reply']);
      // when
      const res = await h.engine.throwMessage('risposta', { caseId: 'ebg-1' }, { risposta: 'documenti allegati' });
      // then
      expect(waiting(res!.instance).map((i) => i.elementId)).toEqual(['Evaluate']);
      const fired = await h.scheduler.tick(new Date(Date.now() + 2 * 3600_000));
      expect(fired.timersFired).toBe(0);
    });

    it('given a message and a timer race, when the timer is due first, then the reminder branch runs', async () => {
      const { instance } = await h.engine.startProcess('event-gateway', { caseId: 'ebg-2' });
      await h.scheduler.tick(new Date(Date.now() + 2 * 3600_000));
      const after = await h.engine.getInstance(instance.id);
      expect(waiting(after).map((i) => i.elementId)).toEqual(['Remind']);
      expect(await h.engine.throwMessage('risposta', { caseId: 'ebg-2' })).toBeNull();
    });
  });

  describe('timer boundary', () => {
    it('given a task with a 1-second legal term, when the term passes, then the task is interrupted and escalated', async () => {
      // given
      const { instance } = await h.engine.startProcess('timer-boundary', {});
      const timer = only(instance, 'LegalTerm');
      expect(timer.timeDue!.getTime()).toBeGreaterThan(Date.now() - 5000);
      // when
      await h.scheduler.tick(new Date(timer.timeDue!.getTime() + 1));
      // then
      const after = await h.engine.getInstance(instance.id);
      expect(waiting(after).map((i) => i.elementId)).toEqual(['Escalate']);
    });

    it('given a task with a legal term, when it is completed in time, then the timer never fires', async () => {
      const { instance } = await h.engine.startProcess('timer-boundary', {});
      const done = await h.engine.completeItem(only(instance, 'Review').id, {});
      expect(done.instance.status).toBe('end');
      expect((await h.scheduler.tick(new Date(Date.now() + 60_000))).timersFired).toBe(0);
    });
  });

  describe('messages and signals', () => {
    it('given two instances waiting for the same message, when it is thrown for one case, then only that case moves', async () => {
      // given
      const one = await h.engine.startProcess('message-catch', { caseId: 'msg-1' });
      const two = await h.engine.startProcess('message-catch', { caseId: 'msg-2' });
      // when
      const res = await h.engine.throwMessage('integrazione-ricevuta', { caseId: 'msg-2' }, { allegati: 2 });
      // then
      expect(res!.instance.id).toBe(two.instance.id);
      expect(waiting(res!.instance).map((i) => i.elementId)).toEqual(['Check']);
      expect(res!.instance.data).toMatchObject({ allegati: 2 });
      expect(waiting(await h.engine.getInstance(one.instance.id)).map((i) => i.elementId)).toEqual(['WaitDocs']);
    });

    it('given a process that throws a message, when it runs, then the waiting instance of the same case receives it', async () => {
      const waiter = await h.engine.startProcess('message-catch', { caseId: 'msg-3' });
      const thrower = await h.engine.startProcess('message-throw', { caseId: 'msg-3' });
      expect(thrower.instance.status).toBe('end');
      expect(waiting(await h.engine.getInstance(waiter.instance.id)).map((i) => i.elementId)).toEqual(['Check']);
    });

    it('given instances waiting on a signal, when another process throws it, then all of them continue', async () => {
      const a = await h.engine.startProcess('signal-catch', {});
      const b = await h.engine.startProcess('signal-catch', {});
      await h.engine.startProcess('signal-throw', {});
      expect((await h.engine.getInstance(a.instance.id)).status).toBe('end');
      expect((await h.engine.getInstance(b.instance.id)).status).toBe('end');
    });
  });

  describe('service tasks', () => {
    it('given a handler returning a BPMN error, when the task runs, then the error boundary path is taken', async () => {
      h.work.result = { bpmnError: 'RIFIUTO' };
      const { instance, incident } = await h.engine.startProcess('service-error', { caseId: 'se-1' });
      expect(incident).toBeNull();
      expect(waiting(instance).map((i) => i.elementId)).toEqual(['Notice']);
      expect(h.work.calls[0]).toMatchObject({ elementId: 'Check', processKey: 'service-error', data: { caseId: 'se-1' } });
    });

    it('given a handler returning data, when the task runs, then the data is merged and the normal path is taken', async () => {
      h.work.result = { data: { numeroProtocollo: '0000042' } };
      const { instance } = await h.engine.startProcess('service-error', {});
      expect(waiting(instance).map((i) => i.elementId)).toEqual(['Issue']);
      expect(instance.data).toMatchObject({ numeroProtocollo: '0000042' });
    });

    it('given a failing handler, when a completion reaches it, then the completion is kept, an incident opens and a retry finishes the case', async () => {
      // given
      const { instance } = await h.engine.startProcess('service-incident', {});
      h.work.failuresLeft = 1;
      // when
      const failed = await h.engine.completeItem(only(instance, 'Verify').id, { verificato: true });
      // then
      expect(failed.incident).toMatchObject({ elementId: 'Register', attempts: 1, status: 'open' });
      expect(failed.instance.status).toBe('running');
      expect(failed.instance.data).toMatchObject({ verificato: true });
      expect(failed.instance.items.find((i) => i.elementId === 'Verify')!.status).toBe('end');
      // and when retried
      const retried = await h.engine.retryIncident(failed.incident!.id, 'admin');
      expect(retried.instance.status).toBe('end');
      expect((await h.engine.getIncident(failed.incident!.id)).status).toBe('resolved');
      expect(h.work.calls).toHaveLength(2);
    });

    it('given a handler failing every time, when the scheduler retries with backoff, then attempts are counted and it is left open', async () => {
      const { instance } = await h.engine.startProcess('service-incident', {});
      h.work.failuresLeft = 10;
      const first = await h.engine.completeItem(only(instance, 'Verify').id, {});
      const id = first.incident!.id;
      const due1 = first.incident!.nextRetryAt!;
      expect(due1.getTime()).toBeGreaterThan(Date.now());
      // not yet due: nothing retried
      expect((await h.scheduler.tick(new Date(due1.getTime() - 10))).incidentsRetried).toBe(0);
      await h.scheduler.tick(new Date(due1.getTime() + 1));
      const second = await h.engine.getIncident(id);
      expect(second.attempts).toBe(2);
      expect(second.nextRetryAt!.getTime() - due1.getTime()).toBeGreaterThanOrEqual(1000);
      await h.scheduler.tick(new Date(second.nextRetryAt!.getTime() + 1));
      const third = await h.engine.getIncident(id);
      expect(third).toMatchObject({ attempts: 3, status: 'open', nextRetryAt: null });
      // an administrator gives up on it
      const cancelled = await h.engine.cancelIncident(id, 'admin');
      expect(cancelled.status).toBe('terminated');
      expect(waiting(cancelled)).toHaveLength(0);
    });
  });

  describe('sub-processes and call activities', () => {
    it('given an embedded sub-process, when its task completes, then the parent continues', async () => {
      const { instance } = await h.engine.startProcess('subprocess', {});
      const after = await h.engine.completeItem(only(instance, 'Inner').id, { interno: 1 });
      expect(waiting(after.instance).map((i) => i.elementId)).toEqual(['After']);
    });

    it('given a call activity, when the child task completes, then the parent resumes with the child data', async () => {
      // given
      const { instance: parent } = await h.engine.startProcess('call-parent', { caseId: 'ca-1' });
      expect(waiting(parent).map((i) => i.elementId)).toEqual(['CallChild']);
      const childItem = await findChildTask(h, parent.items.find((i) => i.elementId === 'CallChild')!.id);
      // when
      await h.engine.completeItem(childItem, { esitoTributi: 'regolare' });
      // then
      const resumed = await h.engine.getInstance(parent.id);
      expect(waiting(resumed).map((i) => i.elementId)).toEqual(['After']);
      expect(resumed.data).toMatchObject({ esitoTributi: 'regolare' });
    });
  });

  describe('multi-instance', () => {
    it('given three offices, when each gives its opinion, then the decision waits for all three', async () => {
      const { instance } = await h.engine.startProcess('multi-instance', { uffici: ['polizia', 'urbanistica', 'ambiente'] });
      const opinions = waiting(instance, 'Opinion');
      expect(opinions).toHaveLength(3);
      let last;
      for (const o of opinions) last = await h.engine.completeItem(o.id, { ok: true });
      expect(waiting(last!.instance).map((i) => i.elementId)).toEqual(['Decide']);
    });
  });

  describe('concurrency', () => {
    it('given one task, when two completions race, then one wins and the other gets a conflict', async () => {
      const { instance } = await h.engine.startProcess('exclusive-gateway', { importo: 1 });
      const task = only(instance, 'Low');
      const results = await Promise.allSettled([h.engine.completeItem(task.id, { by: 'a' }), h.engine.completeItem(task.id, { by: 'b' })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'ENGINE_ITEM_NOT_WAITING' });
    });

    it('given a stale version, when completing, then the write is refused and nothing changes', async () => {
      const { instance } = await h.engine.startProcess('exclusive-gateway', { importo: 1 });
      const task = only(instance, 'Low');
      await expect(h.engine.completeItem(task.id, {}, { expectedVersion: instance.version + 5 })).rejects.toMatchObject({
        code: 'ENGINE_STALE_VERSION',
      });
      expect((await h.engine.getInstance(instance.id)).version).toBe(instance.version);
    });
  });
});

async function findChildTask(h: EngineHarness, parentItemId: string): Promise<string> {
  const rows = await h.query(
    `select it.id from engine_item it join engine_instance i on i.id = it.instance_id
     where i.parent_item_id = $1 and it.status = 'wait' and it.element_id = 'ChildTask'`,
    [parentItemId],
  );
  return (rows as Array<{ id: string }>)[0].id;
}
