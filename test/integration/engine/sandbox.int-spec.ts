import { EngineProcessNotFoundException, EngineSandbox } from '../../../src/modules/engine';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { EngineHarness, fixture, startEngine } from './engine-harness';

describe(`engine sandbox (dry run) on ${databaseLabel()}`, () => {
  const config = testConfig();
  let h: EngineHarness;
  let sandbox: EngineSandbox;
  const engineRows = async (): Promise<number> =>
    Number(((await h.query('select (select count(*) from engine_instance) + (select count(*) from engine_item) + (select count(*) from engine_model_version) + (select count(*) from engine_incident) as n')) as Array<{ n: string }>)[0].n);

  beforeAll(async () => {
    h = await startEngine(config);
    sandbox = h.get(EngineSandbox);
    await h.engine.deploy('message-catch', fixture('message-catch'));
  });
  afterAll(async () => {
    await h.close();
    await dropTestSchema(config);
  });

  it('given a diagram with a service task, when it runs in the sandbox, then the handler is not called, the step is recorded as skipped, and neither rows nor cached versions of the sandbox key are left', async () => {
    // given
    const before = await engineRows();
    h.work.calls = [];
    let sandboxKey = '';
    // when
    const ended = await sandbox.run('service-incident', fixture('service-incident'), async (sb) => {
      sandboxKey = sb.processKey;
      const started = await h.engine.startProcess(sb.processKey, {});
      const verify = started.instance.items.find((i) => i.elementId === 'Verify')!;
      const done = await h.engine.completeItem(verify.id, { esito: 'ok' });
      return { status: done.instance.status, skipped: sb.log.skippedServices };
    });
    // then
    expect(ended).toEqual({ status: 'end', skipped: [{ elementId: 'Register', implementation: 'test.work' }] });
    expect(h.work.calls).toEqual([]);
    expect(sandboxKey).toMatch(/^_dryrun_[0-9a-f]{32}$/);
    expect(await engineRows()).toBe(before);
    // the models cache would answer a key it still knew without asking the database
    await expect(h.engine.models.current(sandboxKey)).rejects.toBeInstanceOf(EngineProcessNotFoundException);
  });

  it('given a real instance waiting on a message, when a sandboxed diagram throws that message for the same case, then the real instance still waits and the message is recorded as undelivered', async () => {
    // given
    const waiter = await h.engine.startProcess('message-catch', { caseId: 'reale-1' });
    // when
    const undelivered = await sandbox.run('message-throw', fixture('message-throw'), async (sb) => {
      await h.engine.startProcess(sb.processKey, { caseId: 'reale-1' });
      return sb.log.undelivered;
    });
    // then
    expect(undelivered).toEqual([{ kind: 'message', name: 'integrazione-ricevuta' }]);
    const real = await h.engine.getInstance(waiter.instance.id);
    expect(real.items.filter((i) => i.status === 'wait').map((i) => i.elementId)).toEqual(['WaitDocs']);
  });

  it('given work that fails in the sandbox, when it runs, then the failure reaches the caller and nothing is left', async () => {
    // given
    const before = await engineRows();
    // when
    const run = sandbox.run('service-incident', fixture('service-incident'), async (sb) => {
      await h.engine.startProcess(sb.processKey, {});
      throw new Error('prova interrotta');
    });
    // then
    await expect(run).rejects.toThrow('prova interrotta');
    expect(await engineRows()).toBe(before);
  });
});
