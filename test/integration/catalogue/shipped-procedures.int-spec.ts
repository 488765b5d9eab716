import { EngineInstance, OperationResult } from '../../../src/modules/engine';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { CatalogueHarness, RecordingCreateDebt, RecordingProtocolRegister, RecordingRenderAct, SHIPPED_FORMS, SHIPPED_PROCESSES, startCatalogue } from './catalogue-harness';

const DAY = 86_400_000;
/** Waiting tasks and timers; a parallel join also waits for its other branch, which is not a step anyone acts on. */
const waiting = (instance: EngineInstance): string[] =>
  instance.items.filter((i) => i.status === 'wait' && !i.elementId.startsWith('Gateway_')).map((i) => i.elementId).sort();
const ended = (instance: EngineInstance): string[] => instance.items.filter((i) => i.status === 'end').map((i) => i.elementId);

/** The shipped procedures run on the engine along their main paths, so a modelling slip fails CI. */
describe(`shipped procedures on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', PROCESSES_DIR: SHIPPED_PROCESSES, FORMS_DIR: SHIPPED_FORMS });
  let h: CatalogueHarness;

  beforeAll(async () => {
    h = await startCatalogue(config);
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(config);
  });

  const complete = async (state: OperationResult, elementId: string, data: Record<string, unknown>): Promise<OperationResult> => {
    const item = state.instance.items.find((i) => i.elementId === elementId && i.status === 'wait');
    if (!item) throw new Error(`${elementId} is not waiting; waiting: ${waiting(state.instance).join(', ')}`);
    return h.engine.completeItem(item.id, data);
  };

  it('given a residence certificate request, when the registry office accepts it, then its outcome is protocolled and it ends accepted', async () => {
    // given: the istanza itself is registered by the platform when filed, not by the diagram
    const protocol = h.app.get(RecordingProtocolRegister);
    const started = await h.engine.startProcess('certificato-residenza', { richiedente: { nome: 'Mario', cognome: 'Rossi' } });
    expect(protocol.calls.map((c) => c.instanceId)).not.toContain(started.instance.id);
    expect(waiting(started.instance)).toEqual(['Task_Verifica']);
    expect(started.instance.items.find((i) => i.elementId === 'Task_Verifica')?.candidateGroups).toEqual(['anagrafe']);
    // when
    const done = await complete(started, 'Task_Verifica', { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR.' });
    // then
    expect(done.instance.status).toBe('end');
    expect(ended(done.instance)).toContain('End_Accettata');
    expect(protocol.calls.map((c) => c.instanceId)).toContain(started.instance.id);
  });

  it('given a nursery application, when integration is asked, then refused with the 10-bis notice and the 10 days lapse, then it ends rejected', async () => {
    // given
    let state = await h.engine.startProcess('iscrizione-nido', { bambino: { nome: 'Giulia' } });
    state = await complete(state, 'Task_Valutazione', { esito: 'integrazione', richiestaIntegrazione: 'Allegare attestazione ISEE.', motivazione: 'Manca ISEE.' });
    expect(state.instance.items.find((i) => i.elementId === 'Task_Integrazione' && i.status === 'wait')?.candidateGroups).toEqual(['citizen']);
    state = await complete(state, 'Task_Integrazione', { integrazione: 'Allego la DSU presentata.' });
    expect(waiting(state.instance)).toEqual(['Task_Valutazione']);
    state = await complete(state, 'Task_Valutazione', { esito: 'respinta', motivazione: 'Età del bambino oltre i 36 mesi.' });
    state = await complete(state, 'Task_Preavviso', { motiviOstativi: 'Il bambino supera il limite di età previsto dal regolamento.' });
    expect(waiting(state.instance)).toEqual(['Task_Osservazioni', 'Timer_Osservazioni']);
    // when
    expect(await h.engine.fireNextDueTimer(new Date(Date.now() + 9 * DAY))).toBeNull();
    const fired = await h.engine.fireNextDueTimer(new Date(Date.now() + 11 * DAY));
    // then
    expect(fired && waiting(fired.instance)).toEqual(['Task_Decisione']);
    const done = await complete(fired!, 'Task_Decisione', { esito: 'respinta', motivazione: 'Nessuna osservazione pervenuta nei termini.' });
    expect(done.instance.status).toBe('end');
    expect(ended(done.instance)).toContain('End_Rifiutata');
  });

  it('given a public land request, when both opinions arrive and the SUAP lets the 30 days lapse, then the head decides and it ends accepted', async () => {
    // given
    let state = await h.engine.startProcess('occupazione-suolo-pubblico', { occupazione: { metriQuadri: 12 } });
    expect(waiting(state.instance)).toEqual(['Task_ParereLavoriPubblici', 'Task_ParerePoliziaLocale']);
    state = await complete(state, 'Task_ParerePoliziaLocale', { parerePoliziaLocale: 'favorevole', prescrizioniPoliziaLocale: 'Lasciare 2 m per il transito pedonale.' });
    expect(waiting(state.instance)).toEqual(['Task_ParereLavoriPubblici']);
    state = await complete(state, 'Task_ParereLavoriPubblici', { parereLavoriPubblici: 'favorevole', prescrizioniLavoriPubblici: 'Nessuna prescrizione.' });
    expect(waiting(state.instance)).toEqual(['Task_Decisione', 'Timer_TermineLegale']);
    // when
    const fired = await h.engine.fireNextDueTimer(new Date(Date.now() + 31 * DAY));
    // then
    expect(fired && waiting(fired.instance)).toEqual(['Task_DecisioneResponsabile']);
    const granted = await complete(fired!, 'Task_DecisioneResponsabile', { esito: 'accolta', canoneEuro: 48, motivazione: 'Pareri favorevoli.' });
    // the canone is asked through pagoPA; the concession follows the payment
    expect(waiting(granted.instance)).toEqual(['Event_AvvisoScaduto', 'Event_PagamentoRicevuto']);
    expect(h.app.get(RecordingCreateDebt).calls.at(-1)?.properties).toMatchObject({ amountField: 'canoneEuro', amountUnit: 'euro' });
    const done = (await h.engine.throwMessage('pagamento-ricevuto', {}, { pagamentoRicevuto: { importo: 4800 } }))!;
    expect(done.instance.status).toBe('end');
    expect(ended(done.instance)).toContain('End_Accettata');
    // and the concession is asked for after its outbound protocol entry
    expect(h.app.get(RecordingRenderAct).calls.at(-1)?.properties).toMatchObject({ template: 'occupazione-suolo-pubblico/concessione' });
  });
});
