import request from 'supertest';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { CatalogueHarness, SHIPPED_FORMS, SHIPPED_PROCESSES, startCatalogue } from './catalogue-harness';

describe(`procedures API on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', PROCESSES_DIR: SHIPPED_PROCESSES, FORMS_DIR: SHIPPED_FORMS });
  let h: CatalogueHarness;
  const api = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startCatalogue(config);
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(config);
  });

  it('given the shipped catalogue loaded at boot, when the list is asked, then the three procedures come sorted by title in one page', async () => {
    // given
    const path = '/api/v1/procedures';
    // when
    const res = await api().get(path).expect(200);
    // then
    expect(res.body).toEqual({ items: expect.any(Array), total: 3, page: 1, pageSize: 20 });
    expect(res.body.items.map((p: { key: string }) => p.key)).toEqual(['certificato-residenza', 'occupazione-suolo-pubblico', 'iscrizione-nido']);
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({ key: 'certificato-residenza', title: 'Certificato di residenza', office: 'anagrafe', legalDays: 30, spidLevel: '2', version: 1 }),
    );
  });

  it('given a page size of 2, when the second page is asked, then it holds the last procedure and the total', async () => {
    // given
    const query = { page: '2', pageSize: '2' };
    // when
    const res = await api().get('/api/v1/procedures').query(query).expect(200);
    // then
    expect(res.body.items.map((p: { key: string }) => p.key)).toEqual(['iscrizione-nido']);
    expect(res.body).toEqual(expect.objectContaining({ total: 3, page: 2, pageSize: 2 }));
  });

  it.each([
    [{ office: 'suap' }, ['occupazione-suolo-pubblico']],
    [{ category: 'Scuola e servizi educativi' }, ['iscrizione-nido']],
    [{ q: 'NÌDO' }, ['iscrizione-nido']],
    [{ q: 'suolo pubblico' }, ['occupazione-suolo-pubblico']],
    [{ q: '100%_' }, []],
    [{ office: 'anagrafe', q: 'nido' }, []],
  ])('given the filter %j, when the list is asked, then only matching procedures come back', async (query, keys) => {
    // given
    const filter = query;
    // when
    const res = await api().get('/api/v1/procedures').query(filter).expect(200);
    // then
    expect(res.body.items.map((p: { key: string }) => p.key)).toEqual(keys);
    expect(res.body.total).toBe(keys.length);
  });

  it('given a page size above 100, when the list is asked, then a problem names the field', async () => {
    // given
    const query = { pageSize: '101' };
    // when
    const res = await api().get('/api/v1/procedures').query(query).expect(400);
    // then
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'pageSize' })]);
  });

  it('given a repeated office filter, when the list is asked, then a problem names the field', async () => {
    // given
    const path = '/api/v1/procedures?office=suap&office=anagrafe';
    // when
    const res = await api().get(path).expect(400);
    // then
    // (repeated query parameters are refused at the edge for every route, before the catalogue sees them)
    expect(res.body).toEqual(expect.objectContaining({ code: 'REQUEST_INVALID_INPUT', errors: [expect.objectContaining({ field: 'office', code: 'repeated' })] }));
  });

  it('given a deployed procedure, when its detail is asked, then it shows metadata, version, office, start form schema and task forms', async () => {
    // given
    const key = 'iscrizione-nido';
    // when
    const res = await api().get(`/api/v1/procedures/${key}`).expect(200);
    // then
    expect(res.body).toEqual(
      expect.objectContaining({
        key,
        title: "Iscrizione al nido d'infanzia",
        category: 'Scuola e servizi educativi',
        legalDays: 60,
        lifeEvents: ['nascita di un figlio', 'iscrizione a scuola'],
        office: { key: 'servizi-educativi', name: 'Servizi educativi e scolastici', email: 'servizi.educativi@comune.example.it' },
        currentVersion: { id: expect.any(String), number: 1, deployedAt: expect.any(String) },
      }),
    );
    expect(res.body.startForm).toEqual(expect.objectContaining({ key: 'domanda-iscrizione-nido', version: 1 }));
    expect(res.body.startForm.schema).toEqual(expect.objectContaining({ id: 'domanda-iscrizione-nido', type: 'default' }));
    expect(res.body.taskForms).toContainEqual({
      taskId: 'Task_Integrazione',
      taskName: 'Integrazione della domanda',
      formKey: 'integrazione-iscrizione-nido',
      candidateGroups: ['citizen'],
    });
    expect(res.body.taskForms).toHaveLength(6);
  });

  it('given an unknown key, when its detail is asked, then a 404 problem carries the catalogue code', async () => {
    // given
    const key = 'passaporto';
    // when
    const res = await api().get(`/api/v1/procedures/${key}`).expect(404);
    // then
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toEqual(expect.objectContaining({ status: 404, code: 'CATALOGUE_PROCEDURE_NOT_FOUND', detail: 'Procedimento "passaporto" non trovato nel catalogo' }));
  });
});
