import axe from 'axe-core';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DEMO_ANALYSTS, DEMO_CITIZENS } from '../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const analyst = DEMO_ANALYSTS[0];

/** axe-core on the page, limited to the given selectors (the modeler's own chrome). */
async function axeViolations(page: Page, include: string[]): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (selectors) => {
    const w = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await w.axe.run({ include: selectors.map((s) => [s]) }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
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
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${await t.token(analyst)}` }, locale: 'it-IT' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (config) await dropTestSchema(config);
  });

  it('given a citizen, when /modeler is opened, then it is refused', async () => {
    // given
    const citizen = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${await t.token(DEMO_CITIZENS[0])}` } });
    // when
    const res = await (await citizen.newPage()).goto(`${base}/modeler`);
    // then
    expect(res?.status()).toBe(403);
    await citizen.close();
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
    const opened = await t.http().get('/modeler/api/procedures/certificato-residenza').set({ Authorization: `Bearer ${await t.token(analyst)}` }).expect(200);
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

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(pageErrors).toEqual([]);
  });
});
