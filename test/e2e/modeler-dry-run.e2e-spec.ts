import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ANALYSTS } from '../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';

// A real browser with the bpmn-js editor on a shared 2-core machine: generous per-test time.
jest.setTimeout(180_000);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const analyst = DEMO_ANALYSTS[0];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = join(__dirname, '../artifacts/modeler');

async function axeViolations(page: Page, include: string[]): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selectors) => {
    const w = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await w.axe.run({ include: selectors.map((s) => [s]) }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
}

describe(`modeler dry run in a browser on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];
  const engineRows = async (): Promise<number> =>
    ((await ds.query(`select (select count(*) from engine_instance) + (select count(*) from engine_model_version) + (select count(*) from engine_item) as n`)) as Array<{ n: string }>)[0].n as unknown as number;

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '../../modeler-ui/dist/index.html'))) throw new Error('modeler-ui is not built: run npm run build first');
    mkdirSync(ARTIFACTS, { recursive: true });
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/modeler-dry-run-e2e-keys' });
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'it-IT' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    await page.goto(`${base}/accesso/sviluppo?utente=${analyst.kind === 'analyst' ? analyst.userId : ''}&ruolo=analista&ritorno=/modeler`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (config) await dropTestSchema(config);
  });

  it('given the iscrizione-nido editor, when the analyst walks a dry run to the end (changing a decision, firing the observations timer, by keyboard for one step), then each step shows the citizen status and nothing is left in the database', async () => {
    // given
    const before = await engineRows();
    await page.goto(`${base}/modeler/processi/iscrizione-nido`);
    await page.locator('.djs-element[data-element-id="Task_Valutazione"]').waitFor();
    const panel = page.locator('#sp-dryrun');
    const citizen = panel.locator('#sp-dryrun-citizen');
    // when: open the panel; the start form's data is proposed
    await page.getByRole('button', { name: 'Prova (dry run)' }).click();
    await panel.getByLabel('Dati della domanda (modulo domanda-iscrizione-nido), in JSON').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sp-dryrun-title');
    expect(await axeViolations(page, ['#sp-dryrun', '.sp-toolbar'])).toEqual([]);
    await panel.getByRole('button', { name: 'Invia la domanda di prova' }).click();
    // then
    await citizen.filter({ hasText: 'Stato «presa-in-carico»' }).waitFor();
    expect(await panel.locator('.sp-dryrun-step').first().innerText()).toContain('Il cittadino vede «inviata»');
    // when: the evaluation refuses (the analyst edits the proposed esito), by keyboard
    const valutazione = panel.locator('#sp-dryrun-Task_Valutazione');
    const proposed = JSON.parse(await valutazione.inputValue()) as Record<string, unknown>;
    expect(proposed.esito).toBe('accolta');
    await valutazione.fill(JSON.stringify({ ...proposed, esito: 'respinta' }, null, 2));
    await valutazione.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Completa «/);
    await page.keyboard.press('Enter');
    // then: the gateway took the refusal path to the notice
    await panel.locator('#sp-dryrun-Task_Preavviso').waitFor();
    await panel.getByRole('button', { name: /^Completa «.*preavviso/i }).click();
    // then: the citizen is asked for observations, with a 10-day timer the analyst fires
    const fire = panel.getByRole('button', { name: /^Fai scattare «/ });
    await fire.waitFor();
    expect(await citizen.innerText()).toContain('Stato «sospesa»');
    expect(await panel.locator('.sp-dryrun-timer').innerText()).toContain('scadenza');
    expect(await page.locator('.djs-element.sp-dryrun-waiting[data-element-id="Timer_Osservazioni"]').count()).toBe(1);
    await fire.click();
    await panel.locator('#sp-dryrun-Task_Decisione').waitFor();
    await panel.getByRole('button', { name: /^Completa «/ }).click();
    // then: the end, with the protocol registration skipped
    await panel.locator('.sp-dryrun-ended').waitFor();
    expect(await citizen.innerText()).toContain('Stato «accettata»');
    const steps = await panel.locator('.sp-dryrun-step').allInnerTexts();
    expect(steps).toHaveLength(5);
    expect(steps[3]).toMatch(/^Timer scattato: /);
    expect(steps[4]).toContain('(servizio protocol.register)');
    expect(await page.locator('.djs-element.sp-dryrun-path[data-element-id="End_Accettata"]').count()).toBe(1);
    expect(await axeViolations(page, ['#sp-dryrun', '.sp-toolbar'])).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dry-run-1280.png'), fullPage: true });
    expect(await engineRows()).toBe(before);
  });

  it('given a dry run, when the analyst types data that is not JSON, then the field says so and nothing is sent', async () => {
    // given
    const panel = page.locator('#sp-dryrun');
    await panel.getByRole('button', { name: 'Ricomincia' }).click();
    const start = panel.locator('#sp-dryrun-start');
    await start.waitFor();
    // when
    await start.fill('{ "nome": ');
    await panel.getByRole('button', { name: 'Invia la domanda di prova' }).click();
    // then
    await panel.locator('#sp-dryrun-start[aria-invalid="true"]').waitFor();
    expect(await panel.locator('#sp-dryrun-start-error').textContent()).toContain('non è un oggetto JSON valido');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sp-dryrun-start');
  });

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(pageErrors).toEqual([]);
  });
});
