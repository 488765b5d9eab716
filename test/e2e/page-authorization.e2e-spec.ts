import request from 'supertest';
import { DEMO_ADMINS, DEMO_ANALYSTS, DEMO_CITIZENS, DEMO_OPERATORS } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

// Boots the whole app and logs in eight sessions on a shared 2-core machine.
jest.setTimeout(180_000);

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const csrfOf = (html: string): string => /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * The authorization matrix of the pages (the API's is in authorization-and-mail.e2e-spec.ts):
 * every page family × the eight kinds of caller, each with a session from the development login
 * (which stands for SPID/CIE and the staff login, TOTP included). A page nobody logged in may not
 * see sends GETs to the login page (303); a logged-in caller without the right gets 403; a case of
 * another citizen, or a task of another office, is 404, as if it did not exist.
 */
describe(`authorization matrix of the pages (every page family × every kind of caller) on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', OIDC_LOGIN_RATE_LIMIT: '3' });
  let t: TestApp;
  let caseId: string;
  let taskId: string;
  /** One cookie-keeping agent per caller, with the CSRF token of its session. */
  const agents: Array<{ who: string; agent: ReturnType<typeof request.agent>; csrf: string }> = [];

  const LOGINS: Array<[string, string | null]> = [
    ['anonymous', null],
    ['citizen A (the applicant)', `utente=${mario.fiscalCode}`],
    ['citizen B', `utente=${laura.fiscalCode}`],
    ['operator of office X (anagrafe)', 'utente=luca.romano&ufficio=anagrafe'],
    ['operator of office Y (servizi-educativi)', 'utente=sara.colombo&ufficio=servizi-educativi'],
    ['office head of X', 'utente=anna.esposito&ufficio=anagrafe&ruolo=responsabile'],
    ['analyst', `utente=${DEMO_ANALYSTS[0].userId}&ruolo=analista`],
    ['administrator', `utente=${DEMO_ADMINS[0].userId}&ruolo=amministratore`],
  ];

  beforeAll(async () => {
    t = await startTestApp(config);
    const filed = await t.http().post('/api/v1/cases').set({ Authorization: `Bearer ${await t.token(mario)}` }).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201);
    caseId = filed.body.id;
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set({ Authorization: `Bearer ${await t.token(DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!)}` }).expect(200);
    taskId = inbox.body.items.find((i: { caseId: string }) => i.caseId === caseId).id;
    for (const [who, login] of LOGINS) {
      const agent = request.agent(t.app.getHttpServer());
      if (login) await agent.get(`/accesso/sviluppo?${login}`).expect(303);
      const home = await agent.get('/').set('Accept', 'text/html').expect(200);
      agents.push({ who, agent, csrf: csrfOf(home.text) });
    }
  });
  afterAll(async () => {
    await t.close();
    await dropTestSchema(config);
  });

  const ALL = (s: number): number[] => Array(8).fill(s);
  /** Pages for the applicant only: the login page for nobody, 404 for another citizen, 403 for staff. */
  const APPLICANT = [303, 200, 404, 403, 403, 403, 403, 403];
  const CITIZENS = [303, 200, 200, 403, 403, 403, 403, 403];
  const ANALYSTS = [303, 403, 403, 403, 403, 403, 200, 403];
  const ADMINS = [303, 403, 403, 403, 403, 403, 403, 200];
  const OPERATORS = [303, 403, 403, 200, 200, 200, 403, 403];

  /** Page, how it is called, and the status each caller gets (columns as in LOGINS). */
  const PAGES: Array<[string, 'GET' | 'POST', () => string, Record<string, string> | undefined, number[]]> = [
    ['home', 'GET', () => '/', undefined, ALL(200)],
    ['services', 'GET', () => '/servizi', undefined, ALL(200)],
    ['service sheet', 'GET', () => '/servizi/certificato-residenza', undefined, ALL(200)],
    ['status lookup', 'GET', () => '/stato-pratica', undefined, ALL(200)],
    ['privacy', 'GET', () => '/privacy', undefined, ALL(200)],
    ['login page', 'GET', () => '/accesso', undefined, ALL(200)],
    ['staff login page', 'GET', () => '/accesso/personale', undefined, ALL(200)],
    // only a login that passed with a temporary password may open it; everyone else goes back to the staff login
    ['staff password change', 'GET', () => '/accesso/personale/nuova-password', undefined, ALL(303)],
    // the Comune's own OIDC provider is not configured here: the staff OIDC login does not exist
    ['staff login through the Comune\'s provider (not configured)', 'GET', () => '/accesso/personale/oidc', undefined, ALL(404)],
    ['personal area', 'GET', () => '/area-personale', undefined, CITIZENS],
    ['application wizard', 'GET', () => '/servizi/certificato-residenza/domanda', undefined, CITIZENS],
    ['a case page', 'GET', () => `/area-personale/pratiche/${caseId}`, undefined, APPLICANT],
    // the receipt link sends the applicant on to the receipt document (303); another citizen finds nothing
    ['a case receipt', 'GET', () => `/area-personale/pratiche/${caseId}/ricevuta`, undefined, [303, 303, 404, 403, 403, 403, 403, 403]],
    ['withdrawal confirmation', 'GET', () => `/area-personale/pratiche/${caseId}/ritiro`, undefined, APPLICANT],
    // the applicant is sent back to the case page with the refusal as a notice (the portal's pattern)
    ['message to the office (empty)', 'POST', () => `/area-personale/pratiche/${caseId}/messaggi`, { testo: '' }, [401, 303, 404, 403, 403, 403, 403, 403]],
    // the modeler pages serve modeler-ui/dist, built by `npm run build` before the e2e tier
    ['modeler', 'GET', () => '/modeler', undefined, ANALYSTS],
    ['modeler: a procedure', 'GET', () => '/modeler/processi/certificato-residenza', undefined, ANALYSTS],
    ['console inbox', 'GET', () => '/console', undefined, OPERATORS],
    ['console: completed tab', 'GET', () => '/console?state=completed&completedBy=office', undefined, OPERATORS],
    // a task of anagrafe: another office's operator finds nothing
    ['console: a task page', 'GET', () => `/console/attivita/${taskId}`, undefined, [303, 403, 403, 200, 404, 200, 403, 403]],
    ['console: front desk search', 'GET', () => '/console/sportello', undefined, OPERATORS],
    ['console: citizen-360', 'GET', () => `/console/cittadini/${mario.fiscalCode}`, undefined, OPERATORS],
    ['console: office head views', 'GET', () => '/console/ufficio', undefined, [303, 403, 403, 403, 403, 200, 403, 403]],
    ['console: bulk claim (nothing chosen)', 'POST', () => '/console/azioni', {}, [401, 403, 403, 303, 303, 303, 403, 403]],
    ['administration', 'GET', () => '/amministrazione', undefined, ADMINS],
    ['administration: users', 'GET', () => '/amministrazione/utenti', undefined, ADMINS],
    ['administration: a user', 'GET', () => '/amministrazione/utenti/luca.romano', undefined, ADMINS],
    ['administration: offices', 'GET', () => '/amministrazione/uffici', undefined, ADMINS],
    ['administration: audit trail', 'GET', () => '/amministrazione/registro', undefined, ADMINS],
    ['administration: audit export', 'GET', () => '/amministrazione/registro/esporta', undefined, ADMINS],
    ['administration: unlock a user', 'POST', () => '/amministrazione/utenti/luca.romano/sblocca', {}, [401, 403, 403, 403, 403, 403, 403, 303]],
    ['administration: create a user (invalid)', 'POST', () => '/amministrazione/utenti', { utente: '', nome: '', tipo: 'operator' }, [401, 403, 403, 403, 403, 403, 403, 400]],
  ];

  it.each(PAGES)('given every kind of caller, when opening %s (%s), then access is as the matrix says', async (_name, method, url, form, expected) => {
    // when
    const got: number[] = [];
    for (const { agent, csrf } of agents) {
      const req = method === 'GET' ? agent.get(url()) : agent.post(url()).type('form').send({ _csrf: csrf, ...(form ?? {}) });
      got.push((await req.set('Accept', 'text/html').redirects(0)).status);
    }
    // then
    expect(Object.fromEntries(agents.map(({ who }, i) => [who, got[i]]))).toEqual(Object.fromEntries(agents.map(({ who }, i) => [who, expected[i]])));
  });

  it('given a GET page refused to nobody logged in, when opened, then the login page comes back to it', async () => {
    const res = await agents[0].agent.get('/amministrazione/utenti').set('Accept', 'text/html').redirects(0).expect(303);
    expect(res.headers.location).toBe(`/accesso?ritorno=${encodeURIComponent('/amministrazione/utenti')}`);
  });

  it('given the citizen login limit of 3, when a fourth start or callback comes from the same address, then 429 with Retry-After and the Italian page', async () => {
    const b = request.agent(t.app.getHttpServer());
    for (let i = 0; i < 3; i++) expect((await b.get('/accesso/oidc/nessuno').set('Accept', 'text/html').redirects(0)).status).not.toBe(429);
    for (const path of ['/accesso/oidc/spid', '/accesso/oidc/ritorno?code=x&state=y']) {
      const res = await b.get(path).set('Accept', 'text/html').redirects(0);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(res.text).toContain('Troppi tentativi di accesso da questo indirizzo');
    }
  });
});
