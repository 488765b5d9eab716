/// <reference lib="dom" />
import { DEMO_CITIZENS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { useBrowserApp } from '../../setup/browser-app';
import { databaseLabel, testConfig } from '../../setup/test-database';
import { CONSOLE_ARTIFACTS } from '../../support/browser';

jest.setTimeout(240_000);

describe(`office head views in a real browser on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-office-keys', COMUNE_NAME: 'Comune di Vallefiorita' });
  const { t, open, check, devLogin: login } = useBrowserApp(config, { artifacts: CONSOLE_ARTIFACTS, expectedStatuses: [400, 403, 404, 422, 429] });

  it('given open work in anagrafe, when its head opens /console/ufficio and exports the CSV, then workload, deadlines and durations show and the CSV is for Italian Excel', async () => {
    // given: a case waiting in the anagrafe queue
    const token = await t.token(DEMO_CITIZENS[0]);
    expect((await t.http().post('/api/v1/cases').set('Authorization', `Bearer ${token}`).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() })).status).toBe(201);
    // when
    const head = await open();
    await login(head, 'utente=anna.esposito&ufficio=anagrafe&ruolo=responsabile', '/console/ufficio');
    await head.page.waitForURL('**/console/ufficio');
    // then
    await expect(head.page.locator('[data-testid="workload"] tbody tr').count()).resolves.toBe(1);
    await expect(head.page.locator('[data-testid="workload"] tbody').textContent()).resolves.toContain('Non assegnate');
    await check(head, 'ufficio');
    await head.page.selectOption('#periodo', '365');
    await head.page.click('#office-filter');
    await head.page.waitForURL('**/console/ufficio?ufficio=anagrafe&periodo=365');
    const csv = await head.page.request.get(await head.page.locator('[data-testid="csv"]').getAttribute('href').then((h) => h ?? ''));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8').slice(1).split('\r\n')[0]).toBe('Ufficio;Procedimento;Codice procedimento;Periodo (giorni);Pratiche concluse;Giorni medi;Giorni 90° percentile');
    // an operator who heads no office is refused; at 390 px the head's view still works
    const operator = await open();
    await login(operator, 'utente=luca.romano&ufficio=anagrafe', '/console/sportello');
    expect((await operator.page.goto('/console/ufficio'))?.status()).toBe(403);
    await check(operator, 'ufficio-rifiutato');
    const narrow = await open(390);
    await login(narrow, 'utente=anna.esposito&ufficio=anagrafe&ruolo=responsabile', '/console/ufficio');
    await expect(narrow.page.locator('h1').textContent()).resolves.toContain('Ufficio');
  });
});
