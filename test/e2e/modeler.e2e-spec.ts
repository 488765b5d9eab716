import axe from 'axe-core';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DEMO_ANALYSTS, DEMO_CITIZENS } from '../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { axeIn as axeViolations } from '../support/modeler-browser';

// A real browser with the bpmn-js and form-js editors on a shared 2-core machine: generous per-test time.
jest.setTimeout(120_000);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const analyst = DEMO_ANALYSTS[0];

/** A script read from the page (same origin, the page's cookies), as modeler-ui makes them. */
function fetchFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; type: string; body: { code?: string; draft?: boolean; xml?: string } }> {
  return page.evaluate(
    async ([m, url, payload]) => {
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
      const res = await fetch(url as string, { method: m as string, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
    },
    [method, path, body] as const,
  );
}

describe(`modeler in a browser on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '../../modeler-ui/dist/index.html'))) throw new Error('modeler-ui is not built: run npm run build first');
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/modeler-e2e-keys' });
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'it-IT' });
    page = await context.newPage();
    // CSP violations are console errors in Chromium: any of them fails the last test.
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    page.on('requestfailed', (r) => pageErrors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (config) await dropTestSchema(config);
  });

  it('given nobody logged in, when /modeler is opened, then the browser is sent to the login page and scripts get a 401 problem', async () => {
    // given
    const anonymous = await browser.newContext();
    const p = await anonymous.newPage();
    // when
    await p.goto(`${base}/modeler/processi/certificato-residenza`);
    // then
    expect(new URL(p.url()).pathname).toBe('/accesso');
    expect(new URL(p.url()).searchParams.get('ritorno')).toBe('/modeler/processi/certificato-residenza');
    const api = await fetchFromPage(p, 'GET', '/modeler/api/catalogue');
    expect(api.status).toBe(401);
    expect(api.type).toContain('application/problem+json');
    await anonymous.close();
  });

  it('given a citizen logged in, when /modeler is opened, then the Italian 403 page answers and scripts get a 403 problem', async () => {
    // given
    const citizen = await browser.newContext();
    const p = await citizen.newPage();
    await p.goto(`${base}/accesso/sviluppo?utente=${DEMO_CITIZENS[0].fiscalCode}&ritorno=/`);
    // when
    const res = await p.goto(`${base}/modeler`);
    // then
    expect(res?.status()).toBe(403);
    expect(await p.locator('html').getAttribute('lang')).toBe('it');
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Accesso non consentito');
    const api = await fetchFromPage(p, 'GET', '/modeler/api/catalogue');
    expect(api.status).toBe(403);
    expect(api.type).toContain('application/problem+json');
    await citizen.close();
  });

  it('given an analyst, when logging in through the development login, then the modeler opens', async () => {
    // when
    await page.goto(`${base}/accesso/sviluppo?utente=${analyst.userId}&ruolo=analista&ritorno=/modeler`);
    // then
    expect(new URL(page.url()).pathname).toBe('/modeler');
    const csp = (await page.request.get(`${base}/modeler`)).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(await page.locator('meta[name="csrf-token"]').getAttribute('content')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('given an analyst, when /modeler is opened, then procedures and forms are listed and axe finds no violation', async () => {
    // when
    await page.goto(`${base}/modeler`);
    await page.getByRole('link', { name: 'certificato-residenza', exact: true }).waitFor();
    // then
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Procedimenti', 'Moduli']);
    expect(await page.getByRole('link', { name: 'istruttoria-certificato-residenza' }).count()).toBe(1);
    expect(await axeViolations(page, ['body'])).toEqual([]);
  });

  it('given a procedure, when an analyst empties a service task implementation, then the lint marks it on the canvas and the server reports it; restoring it clears both', async () => {
    // given
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    await page.locator('.djs-element[data-element-id="Task_Verifica"]').waitFor();
    expect(await page.locator('.bjsl-overlay .bjsl-icon-error').count()).toBe(0);
    expect(await axeViolations(page, ['.sp-header', '.sp-toolbar', '.sp-report'])).toEqual([]);
    // when
    await page.locator('.djs-element[data-element-id="Task_ProtocolloAccoglimento"]').click();
    const group = page.locator('[data-group-id="group-sportello"]');
    await group.locator('.bio-properties-panel-group-header').click();
    const implementation = group.locator('select[name="sportello-implementation"]');
    await implementation.selectOption('');
    // then
    const marker = page.locator('.djs-overlays[data-container-id="Task_ProtocolloAccoglimento"] .bjsl-overlay .bjsl-icon-error');
    await marker.waitFor();
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.locator('#sp-problems li').first().waitFor();
    expect(await page.locator('#sp-problems li').allTextContents()).toEqual([
      'processes/certificato-residenza.bpmn, serviceTask Task_ProtocolloAccoglimento: implementation is missing; name a registered service such as "protocol.register"',
    ]);
    // when fixed and saved
    await implementation.selectOption('protocol.register');
    await marker.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Salva bozza' }).click();
    // then
    await page.getByRole('status').filter({ hasText: 'Bozza salvata.' }).waitFor();
    expect(await page.locator('#sp-problems li').count()).toBe(0);
    const opened = await fetchFromPage(page, 'GET', '/modeler/api/procedures/certificato-residenza');
    expect(opened.status).toBe(200);
    expect(opened.body.draft).toBe(true);
    expect(opened.body.xml).toContain('implementation="protocol.register"');
  });

  it('given a user task, when an analyst picks its office from the drop-down, then only offices and the citizen are offered', async () => {
    // given
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    await page.locator('.djs-element[data-element-id="Task_Verifica"]').click();
    const group = page.locator('[data-group-id="group-sportello"]');
    await group.locator('.bio-properties-panel-group-header').click();
    // when
    const options = await group.locator('select[name="sportello-camunda-candidateGroups"] option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    // then
    expect(options).toEqual(expect.arrayContaining(['', 'anagrafe', 'citizen']));
    expect(options).not.toContain('ufficio-inesistente');
  });

  it('given a form, when the form editor is opened, then form-js shows its fields and axe finds no violation in the chrome', async () => {
    // when
    await page.goto(`${base}/modeler/moduli/istruttoria-certificato-residenza`);
    await page.locator('.fjs-editor-container').waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`form editor not shown: ${pageErrors.join(' | ')} ${await page.locator('#app').innerHTML()}`);
    });
    // then
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Modulo istruttoria-certificato-residenza');
    expect(await axeViolations(page, ['.sp-header', '.sp-toolbar'])).toEqual([]);
  });

  it('given an analyst session, when a draft is written without the CSRF token, then it is refused and nothing changes', async () => {
    // given
    await page.goto(`${base}/modeler`);
    const before = await fetchFromPage(page, 'GET', '/modeler/api/procedures/certificato-residenza');
    // when (the session's cookies, no token; through the context so the page's console stays clean for the last test)
    const forged = await page.request.put(`${base}/modeler/api/procedures/certificato-residenza/draft`, {
      headers: { accept: 'application/json' },
      data: { xml: before.body.xml?.replace('protocol.register', 'protocol.missing') },
    });
    // then
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('WEB_CSRF_INVALID');
    expect((await fetchFromPage(page, 'GET', '/modeler/api/procedures/certificato-residenza')).body.xml).toBe(before.body.xml);
  });

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(pageErrors).toEqual([]);
  });
});
