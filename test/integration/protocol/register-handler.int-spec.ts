import { ProtocolModule, ProtocolService } from '../../../src/modules/protocol';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { EngineHarness, fixture, startEngine } from '../engine/engine-harness';

describe(`protocol.register service task on ${databaseLabel()}`, () => {
  const config = testConfig();
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startEngine(config, [], [ProtocolModule]);
    await h.engine.deploy('protocol-register', fixture('protocol-register'));
  });
  afterAll(async () => {
    await h.close();
    await dropTestSchema(config);
  });

  it('given a submitted istanza, when the process registers it, then it gets the next number with the applicant and the digest', async () => {
    // given
    const data = { caseId: 'case-1', richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it' } };
    // when
    const { instance, incident } = await h.engine.startProcess('protocol-register', data);
    // then
    expect(incident).toBeNull();
    // the process data names the entry; its number was assigned when the step committed
    const protocollo = instance.data.protocollo as { id: string; anno: number };
    const entry = await h.get(ProtocolService).get(protocollo.id);
    expect(entry.number).toMatch(/^\d{7}$/);
    expect(entry).toMatchObject({
      direction: 'in',
      subject: 'Certificato di residenza',
      office: 'anagrafe',
      caseId: 'case-1',
      correspondent: { name: 'Mario Rossi', fiscalCode: 'RSSMRA80A01H501U' },
    });
    expect(entry.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given an istanza without applicant name, when the process registers it, then an incident opens and no number is used', async () => {
    // when
    const { instance, incident } = await h.engine.startProcess('protocol-register', { caseId: 'case-2' });
    // then
    expect(incident).toMatchObject({ elementId: 'Register', errorCode: 'PROTOCOL_INVALID_ENTRY' });
    expect(instance.items.find((i) => i.elementId === 'Register')!.status).toBe('start');
    expect(await h.query('select count(*)::int as n from protocol_entry')).toEqual([{ n: 1 }]);
  });

  it('given a case whose istanza the platform already registered, when an older diagram registers it again, then no second entry is written', async () => {
    // given
    const protocol = h.get(ProtocolService);
    const filed = await protocol.register({
      direction: 'in',
      channel: 'web',
      correspondent: { name: 'Laura Bianchi', fiscalCode: 'BNCLRA90E45H501A' },
      subject: 'Certificato di residenza',
      office: 'anagrafe',
      caseId: 'case-3',
      documents: [],
    });
    const before = ((await h.query('select count(*)::int as n from protocol_entry')) as Array<{ n: number }>)[0].n;
    // when
    const { incident } = await h.engine.startProcess('protocol-register', {
      caseId: 'case-3',
      richiedente: { nome: 'Laura', cognome: 'Bianchi', codiceFiscale: 'BNCLRA90E45H501A' },
    });
    // then
    expect(incident).toBeNull();
    expect(((await h.query('select count(*)::int as n from protocol_entry')) as Array<{ n: number }>)[0].n).toBe(before);
    expect(await protocol.findForCase('case-3', 'in')).toMatchObject({ id: filed.id, number: filed.number });
  });
});
