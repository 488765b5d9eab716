/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';
import { startTestApp, TestApp } from '../../setup/test-app';
import { describeViolations, launchBrowser, PortalPage } from '../../support/browser';

const mario = DEMO_CITIZENS[0];
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe

// A real browser with axe and two screenshots per page on a shared 2-core machine: generous per-test time.
jest.setTimeout(240_000);

describe(`case page (messages, withdrawal, rating) in a real browser on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', COMUNE_NAME: 'Comune di Vallefiorita' });
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const opened: PortalPage[] = [];

  const open = async (): Promise<PortalPage> => {
    const p = await PortalPage.open(browser, base, 1280);
    opened.push(p);
    return p;
  };
  /** Every page a test opens: 0 axe violations at WCAG 2.1 AA, screenshots at 1280 and 390 px. */
  const check = async (p: PortalPage, name: string): Promise<void> => {
    expect(describeViolations(await p.axe())).toBe('');
    await p.screenshot(name);
  };
  const auth = async (who: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(who)}`;
  const file = async (): Promise<string> =>
    (await t.http().post('/api/v1/cases').set('Authorization', await auth(mario)).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body.id;
  const loginAndOpen = async (caseId: string): Promise<PortalPage> => {
    const p = await open();
    await p.page.goto(`/accesso/sviluppo?utente=${mario.fiscalCode}&ritorno=${encodeURIComponent(`/area-personale/pratiche/${caseId}`)}`);
    await p.page.waitForURL(`**/area-personale/pratiche/${caseId}`);
    return p;
  };
  const notice = (p: PortalPage) => p.page.locator('[data-testid="case-notice"]').textContent();
  const count = async (sql: string, params: unknown[]): Promise<number> => Number(((await t.app.get(DataSource).query(sql, params)) as Array<{ n: string }>)[0].n);

  beforeAll(async () => {
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const problems = opened.flatMap((p) => p.problems);
    await Promise.all(opened.splice(0).map((p) => p.close()));
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await dropTestSchema(config);
  });

  it('given a filed case, when the citizen writes to the office, then the message is listed on the case page; an empty message is refused in Italian', async () => {
    const id = await file();
    const p = await loginAndOpen(id);
    await expect(p.page.locator('#messaggi').textContent()).resolves.toContain('Nessun messaggio per questa pratica.');
    await check(p, 'pratica-messaggi-vuota');
    // when: an empty message
    await p.page.click('#invia-messaggio');
    await p.page.waitForURL(/avviso=messaggio-vuoto/);
    await expect(notice(p)).resolves.toBe('Scrivere un messaggio da 1 a 4000 caratteri.');
    // when: a real one, typed with the keyboard
    await p.page.locator('#testo-messaggio').focus();
    await p.page.keyboard.type('Posso ritirare il certificato allo sportello?');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Enter');
    await p.page.waitForURL(/avviso=messaggio-inviato/);
    // then
    await expect(notice(p)).resolves.toContain('Messaggio inviato all’ufficio');
    await expect(p.page.locator('[data-testid="case-messages"]').textContent()).resolves.toContain('Posso ritirare il certificato allo sportello?');
    await check(p, 'pratica-messaggio-inviato');
    expect(await count('select count(*) as n from case_message where case_id = $1', [id])).toBe(1);
    // and the office reads it through the API
    const office = await t.http().get(`/api/v1/cases/${id}/messages`).set('Authorization', await auth(luca)).expect(200);
    expect(office.body.items.map((m: { body: string }) => m.body)).toEqual(['Posso ritirare il certificato allo sportello?']);
  });

  it('given a filed case, when the citizen confirms the withdrawal, then the timeline shows it withdrawn and it cannot be withdrawn again', async () => {
    const id = await file();
    const p = await loginAndOpen(id);
    await p.page.click('[data-testid="withdraw-link"]');
    await p.page.waitForURL(`**/area-personale/pratiche/${id}/ritiro`);
    await check(p, 'pratica-ritiro-conferma');
    // when: without ticking the confirmation, nothing happens (the browser's required check, then the server's)
    const unconfirmed = await p.page.request.post(`/area-personale/pratiche/${id}/ritiro`, {
      form: { _csrf: (await p.page.locator('input[name="_csrf"]').first().inputValue()) },
      maxRedirects: 0,
    });
    expect(unconfirmed.status()).toBe(303);
    expect(unconfirmed.headers().location).toContain('avviso=ritiro-non-confermato');
    expect(await count(`select count(*) as n from case_file where id = $1 and status = 'ritirata'`, [id])).toBe(0);
    // when: confirmed
    await p.page.click('label[for="conferma-ritiro"]');
    await p.page.click('#conferma-ritiro-invio');
    await p.page.waitForURL(/avviso=ritirata/);
    // then
    await expect(notice(p)).resolves.toContain('La domanda è stata ritirata');
    await expect(p.page.locator('[data-testid="timeline"]').textContent()).resolves.toContain('ritirata');
    await expect(p.page.locator('[data-testid="withdrawal"]').textContent()).resolves.toMatch(/protocollo n\. \d{7}\/\d{4}/);
    expect(await p.page.locator('[data-testid="withdraw-link"]').count()).toBe(0);
    await check(p, 'pratica-ritirata');
    // and a second withdrawal (an old tab) is refused in Italian
    await p.page.goto(`/area-personale/pratiche/${id}/ritiro`);
    await expect(p.page.locator('main').textContent()).resolves.toContain('La pratica non può più essere ritirata.');
    const csrf = await p.page.locator('meta[name="csrf-token"]').getAttribute('content');
    const again = await p.page.request.post(`/area-personale/pratiche/${id}/ritiro`, { form: { _csrf: csrf ?? '', conferma: 'si' }, maxRedirects: 0 });
    expect(again.headers().location).toContain('avviso=ritiro-gia-ritirata');
    await p.page.goto(again.headers().location);
    await expect(notice(p)).resolves.toBe('La pratica è già stata ritirata.');
    expect(await count(`select count(*) as n from case_file where id = $1 and status = 'ritirata'`, [id])).toBe(1);
  });

  it('given a closed case, when the citizen rates it 1 to 5 stars with a comment, then the rating is shown and a second rating is refused', async () => {
    const id = await file();
    const p = await loginAndOpen(id);
    // not closed yet: no rating form, and a forged post is refused in Italian
    expect(await p.page.locator('[data-testid="rating-form"]').count()).toBe(0);
    const csrf = (await p.page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const early = await p.page.request.post(`/area-personale/pratiche/${id}/valutazione`, { form: { _csrf: csrf, stelle: '5' }, maxRedirects: 0 });
    expect(early.headers().location).toContain('avviso=valutazione-non-conclusa');
    // the office accepts: the case closes
    const tasks = await t.http().get('/api/v1/tasks?office=anagrafe&pageSize=100').set('Authorization', await auth(luca)).expect(200);
    const task = (tasks.body.items as Array<{ id: string; caseId: string }>).find((i) => i.caseId === id)!;
    await t.http().post(`/api/v1/tasks/${task.id}/complete`).set('Authorization', await auth(luca)).send({ data: { verificaAnpr: true, esito: 'accolta', motivazione: 'Residenza verificata in ANPR' } }).expect(200);
    await p.page.reload();
    expect(await p.page.locator('[data-testid="withdraw-link"]').count()).toBe(0);
    await expect(p.page.locator('[data-testid="rating-form"] legend').textContent()).resolves.toContain('da 1 a 5 stelle');
    await check(p, 'pratica-valutazione');
    // bad stars are refused
    const bad = await p.page.request.post(`/area-personale/pratiche/${id}/valutazione`, { form: { _csrf: csrf, stelle: '6' }, maxRedirects: 0 });
    expect(bad.headers().location).toContain('avviso=valutazione-stelle');
    // when: 4 stars with the keyboard (arrow keys move within the radio group) and a comment
    await p.page.locator('#stelle-1').focus();
    for (let i = 0; i < 3; i += 1) await p.page.keyboard.press('ArrowDown');
    expect(await p.page.locator('#stelle-4').isChecked()).toBe(true);
    await p.page.fill('#commento', '  Veloce e chiaro  ');
    await p.page.click('#invia-valutazione');
    await p.page.waitForURL(/avviso=valutata/);
    // then
    await expect(notice(p)).resolves.toBe('Grazie per la valutazione del servizio.');
    await expect(p.page.locator('[data-testid="rating"]').textContent()).resolves.toBe('4 stelle su 5: «Veloce e chiaro»');
    expect(await p.page.locator('[data-testid="rating-form"]').count()).toBe(0);
    await check(p, 'pratica-valutata');
    // and not twice
    const twice = await p.page.request.post(`/area-personale/pratiche/${id}/valutazione`, { form: { _csrf: csrf, stelle: '1' }, maxRedirects: 0 });
    expect(twice.headers().location).toContain('avviso=valutazione-doppia');
    await p.page.goto(twice.headers().location);
    await expect(notice(p)).resolves.toBe('Ha già valutato il servizio per questa pratica.');
    expect(await count('select count(*) as n from case_rating where case_id = $1', [id])).toBe(1);
    await expect(p.page.locator('[data-testid="rating"]').textContent()).resolves.toBe('4 stelle su 5: «Veloce e chiaro»');
  });
});
