import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CitizenPrincipal, DEMO_ANALYSTS } from '../../src/modules/identity';
import { aCertificatoResidenzaRequest } from '../factories/case.factory';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { axeIn as axeViolations } from '../support/modeler-browser';

// A real browser with the bpmn-js editor on a shared 2-core machine: generous per-test time.
jest.setTimeout(180_000);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const analyst = DEMO_ANALYSTS[0];
const mario: CitizenPrincipal = { kind: 'citizen', fiscalCode: 'RSSMRA80A01H501U', givenName: 'Mario', familyName: 'Rossi' };
const ARTIFACTS = join(__dirname, '../artifacts/modeler');
void axe;

/** Presses Tab (keyboard only) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe(`modeler publish, new procedure and keyboard use in a browser on ${databaseLabel()}`, () => {
  let config: ReturnType<typeof testConfig>;
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];
  const fileCase = async (): Promise<string> =>
    (await t.http().post('/api/v1/cases').set('Authorization', `Bearer ${await t.token(mario)}`).send({ procedureKey: 'certificato-residenza', data: aCertificatoResidenzaRequest() }).expect(201)).body.id as string;
  const versionOfCase = async (caseId: string): Promise<number> =>
    ((await ds.query(
      'select m.version from case_file c join engine_instance i on i.id = c.instance_id join engine_model_version m on m.id = i.model_version_id where c.id = $1',
      [caseId],
    )) as Array<{ version: number }>)[0].version;
  const currentVersion = async (): Promise<number> =>
    ((await ds.query(`select model_version from catalogue_procedure where key = 'certificato-residenza'`)) as Array<{ model_version: number }>)[0].model_version;

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '../../modeler-ui/dist/index.html'))) throw new Error('modeler-ui is not built: run npm run build first');
    mkdirSync(ARTIFACTS, { recursive: true });
    config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/modeler-publish-e2e-keys' });
    t = await startTestApp(config);
    ds = t.app.get(DataSource);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ locale: 'it-IT' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && !message.text().includes('status of 4') && pageErrors.push(message.text())));
    await page.goto(`${base}/accesso/sviluppo?utente=${analyst.kind === 'analyst' ? analyst.userId : ''}&ruolo=analista&ritorno=/modeler`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (config) await dropTestSchema(config);
  });

  it('given the procedure editor, when an analyst uses only the keyboard, then the Convenzioni Sportello group opens and the office changes in the diagram', async () => {
    // given
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    await page.locator('.djs-element[data-element-id="Task_Verifica"]').waitFor();
    await page.locator('[data-group-id="group-sportello"]').waitFor();
    // when: Tab to the group's toggle, open it, Tab to the office drop-down, pick the next office
    await tabTo(page, '[data-group-id="group-sportello"] .bio-properties-panel-group-header-button');
    await page.keyboard.press('Enter');
    await tabTo(page, 'select[name="sportello-office"]');
    const before = await page.locator('select[name="sportello-office"]').inputValue();
    await page.keyboard.press('ArrowDown');
    // then
    const after = await page.locator('select[name="sportello-office"]').inputValue();
    expect([before, after === before]).toEqual(['anagrafe', false]);
    const xml = await page.evaluate(async () => {
      const modeler = (window as unknown as { sportelloModeler: { saveXML(o: unknown): Promise<{ xml: string }> } }).sportelloModeler;
      return (await modeler.saveXML({ format: false })).xml;
    });
    expect(xml).toContain(`<camunda:property name="office" value="${after}" />`);
    // the focused drop-down shows a focus indicator (the panel draws a box-shadow ring, or an outline)
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLSelectElement;
      const style = getComputedStyle(active);
      return { name: active.getAttribute('name'), ring: style.boxShadow !== 'none' || style.outlineStyle !== 'none' };
    });
    expect(focused).toEqual({ name: 'sportello-office', ring: true });
    expect(await axeViolations(page, ['.sp-header', '.sp-toolbar', '.sp-panel [data-group-id="group-sportello"]'])).toEqual([]);
  });

  it('given a case on the current version, when the analyst breaks and fixes an office, reads the diff and publishes, then a new case gets the new version and the old one stays on its own', async () => {
    // given
    const oldCase = await fileCase();
    const before = await currentVersion();
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    await page.locator('.djs-element[data-element-id="Task_Verifica"]').click();
    const group = page.locator('[data-group-id="group-sportello"]');
    await group.locator('.bio-properties-panel-group-header').click();
    const office = group.locator('select[name="sportello-camunda-candidateGroups"]');
    // when: no office, a lint error on the canvas; then another office, the error goes
    await office.selectOption('');
    const marker = page.locator('.djs-overlays[data-container-id="Task_Verifica"] .bjsl-overlay .bjsl-icon-error');
    await marker.waitFor();
    await office.selectOption('protocollo');
    await marker.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Pubblica…' }).click();
    const section = page.locator('#sp-publish');
    await section.getByRole('heading', { name: 'Pubblicazione' }).waitFor();
    // then: the diff, the running cases, the focus on the section
    const text = await section.innerText();
    expect(text).toContain(`Differenze rispetto alla versione ${before}, in vigore.`);
    expect(text).toContain('Verifica anagrafica (userTask Task_Verifica): cambiano: candidateGroups');
    expect(text).toMatch(new RegExp(`\\d+ pratic[ah] in corso rest[ae] sulla versione ${before}\\.`));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sp-publish-title');
    expect(await axeViolations(page, ['#sp-publish', '.sp-toolbar'])).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'publish-diff-1280.png'), fullPage: true });
    // when confirmed
    await section.getByRole('button', { name: 'Conferma la pubblicazione' }).click();
    await section.getByRole('status').filter({ hasText: `Pubblicata la versione ${before + 1}.` }).waitFor();
    // then
    expect(await currentVersion()).toBe(before + 1);
    expect(await versionOfCase(await fileCase())).toBe(before + 1);
    expect(await versionOfCase(oldCase)).toBe(before);
  });

  it('given the list, when an analyst creates a procedure with a bad key, then the error shows on the field; with a good one the editor opens its laid-out template', async () => {
    // given
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/modeler`);
    const form = page.locator('#sp-new-procedure');
    await form.waitFor();
    // when
    await form.getByLabel('Chiave').fill('Nuova Procedura');
    await form.getByLabel('Titolo').fill('Contributo per lo sport');
    await form.getByRole('button', { name: 'Nuova procedura' }).click();
    // then
    await form.locator('#nuova-chiave[aria-invalid="true"]').waitFor();
    expect(await form.locator('#nuova-chiave-error').textContent()).toContain('non è valida');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nuova-chiave');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page, ['body'])).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'new-procedure-390.png'), fullPage: true });
    // when fixed
    await form.getByLabel('Chiave').fill('contributo-sport');
    await form.getByRole('button', { name: 'Nuova procedura' }).click();
    // then
    await page.waitForURL(`${base}/modeler/processi/contributo-sport`);
    await page.locator('.djs-element[data-element-id="Task_Istruttoria"]').waitFor();
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('status').filter({ hasText: 'Nessun problema' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(pageErrors).toEqual([]);
  });
});
