import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { EngineHarness, fixture, startEngine } from './engine-harness';

describe(`engine: user task on ${databaseLabel()}`, () => {
  const config = testConfig();
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startEngine(config);
    await h.engine.deploy('user-task', fixture('user-task'));
  });
  afterAll(async () => {
    await h.close();
    await dropTestSchema(config);
  });

  it('given a started instance, when its user task is completed, then the instance ends with the data', async () => {
    // given
    const started = await h.engine.startProcess('user-task', { caseId: 'c-1' });
    const task = started.instance.items.find((i) => i.elementId === 'Review');
    expect(task).toMatchObject({ status: 'wait', candidateGroups: ['anagrafe'] });
    // when
    const done = await h.engine.completeItem(task!.id, { esito: 'ok' });
    // then
    expect(done.instance.status).toBe('end');
    expect(done.instance.data).toMatchObject({ caseId: 'c-1', esito: 'ok' });
  });
});
