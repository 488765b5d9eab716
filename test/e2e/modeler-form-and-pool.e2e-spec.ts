import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeIn as axeViolations, fromPage, ModelerSession, openModeler } from '../support/modeler-browser';
import { databaseLabel } from '../setup/test-database';

// A real browser with the bpmn-js and form-js editors on a shared 2-core machine: generous per-test time.
jest.setTimeout(180_000);

const POOL = readFileSync(join(__dirname, '../fixtures/bpmn/pool-certificato-residenza.bpmn'), 'utf8');

const editorXml = (page: Page): Promise<string> =>
  page.evaluate(async () => {
    const modeler = (window as unknown as { sportelloModeler: { saveXML(o: unknown): Promise<{ xml: string }> } }).sportelloModeler;
    return (await modeler.saveXML({ format: false })).xml;
  });

describe(`modeler form editing and pool diagrams in a browser on ${databaseLabel()}`, () => {
  let s: ModelerSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    s = await openModeler('.test-data/modeler-form-pool-e2e-keys');
    ({ base, page } = s);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('given the office review form, when the analyst relabels a field and adds one from the palette, saves, reads the diff and publishes, then the published form has both changes', async () => {
    // given
    await page.goto(`${base}/modeler/moduli/istruttoria-certificato-residenza`);
    await page.locator('.fjs-editor-container .fjs-element[data-id="Motivazione"]').waitFor();
    const properties = page.locator('.fjs-properties-container');
    /** Opens the properties panel's General group (label, key) if it is folded. */
    const openGeneral = async (): Promise<void> => {
      const header = properties.locator('[data-group-id="group-general"] .bio-properties-panel-group-header');
      await header.waitFor();
      if (!(await header.evaluate((h) => h.classList.contains('open')))) await header.click();
    };
    // when: relabel "motivazione"
    await page.locator('.fjs-editor-container .fjs-element[data-id="Motivazione"]').click();
    await openGeneral();
    const label = properties.locator('[data-entry-id="label"] [contenteditable="true"]');
    await label.waitFor();
    await label.fill('Motivazione della decisione');
    // when: add a text field from the palette by keyboard (Enter on the palette entry adds it last), then give it a key and a label
    await page.locator('.fjs-palette-field[data-field-type="textfield"]').focus();
    await page.keyboard.press('Enter');
    const added = await page.waitForFunction(() => {
      const editor = (window as unknown as { sportelloFormEditor: { getSchema(): { components: Array<{ id: string; type: string }> } } }).sportelloFormEditor;
      const last = editor.getSchema().components.at(-1);
      return last?.type === 'textfield' ? last.id : null;
    });
    await page.locator(`.fjs-editor-container .fjs-element[data-id="${await added.jsonValue()}"]`).click();
    await openGeneral();
    await properties.locator('[data-entry-id="key"] input').fill('telefonoRichiedente');
    await properties.locator('[data-entry-id="label"] [contenteditable="true"]').fill('Telefono del richiedente');
    await page.waitForFunction(() => {
      const editor = (window as unknown as { sportelloFormEditor: { getSchema(): { components: Array<{ key?: string; label?: string }> } } }).sportelloFormEditor;
      const c = editor.getSchema().components;
      return c.some((x) => x.key === 'telefonoRichiedente' && x.label === 'Telefono del richiedente') && c.some((x) => x.key === 'motivazione' && x.label === 'Motivazione della decisione');
    });
    await page.getByRole('button', { name: 'Salva bozza' }).click();
    await page.getByRole('status').filter({ hasText: 'Bozza salvata.' }).waitFor();
    // then: the draft holds both changes
    const draft = await fromPage<{ draft: boolean; schema: { components: Array<{ key?: string; label?: string }> } }>(page, 'GET', '/modeler/api/forms/istruttoria-certificato-residenza');
    expect(draft.body.draft).toBe(true);
    // when: the procedure's publication shows the form-field diff
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    await page.locator('.djs-element[data-element-id="Task_Verifica"]').waitFor();
    await page.getByRole('button', { name: 'Pubblica…' }).click();
    const section = page.locator('#sp-publish');
    await section.getByRole('heading', { name: 'Pubblicazione' }).waitFor();
    // then
    expect(await section.innerText()).toContain(
      'istruttoria-certificato-residenza: campi aggiunti: telefonoRichiedente; campi modificati (etichetta, tipo, regole o opzioni): motivazione',
    );
    expect(await axeViolations(page, ['#sp-publish'])).toEqual([]);
    // when published
    await section.getByRole('button', { name: 'Conferma la pubblicazione' }).click();
    await section.getByRole('status').filter({ hasText: /^Pubblicata la versione \d+\./ }).waitFor();
    // then: the form in force is the edited one, and no draft is left
    const published = await fromPage<{ draft: boolean; schema: { components: Array<{ key?: string; label?: string }> } }>(page, 'GET', '/modeler/api/forms/istruttoria-certificato-residenza');
    expect(published.body.draft).toBe(false);
    expect(published.body.schema.components.filter((c) => c.key === 'telefonoRichiedente' || c.key === 'motivazione').map((c) => [c.key, c.label])).toEqual([
      ['motivazione', 'Motivazione della decisione'],
      ['telefonoRichiedente', 'Telefono del richiedente'],
    ]);
  });

  it('given a diagram whose process is drawn as a pool, when the analyst selects the pool, then the conventions panel reads and writes the process metadata, not the participant', async () => {
    // given
    await page.goto(`${base}/modeler`);
    expect((await fromPage(page, 'PUT', '/modeler/api/procedures/certificato-residenza/draft', { xml: POOL })).status).toBe(200);
    await page.goto(`${base}/modeler/processi/certificato-residenza`);
    const pool = page.locator('.djs-element[data-element-id="Participant_Comune"]');
    await pool.waitFor();
    // when: select the pool by its label band and open the Convenzioni Sportello group
    await pool.click({ position: { x: 12, y: 140 } });
    const group = page.locator('[data-group-id="group-sportello"]');
    await group.locator('.bio-properties-panel-group-header').click();
    // then: the process's metadata
    expect(await group.locator('input[name="sportello-title"]').inputValue()).toBe('Certificato di residenza');
    expect(await group.locator('select[name="sportello-office"]').inputValue()).toBe('anagrafe');
    expect(await group.locator('input[name="sportello-legalDays"]').inputValue()).toBe('30');
    // when: the office changes
    await group.locator('select[name="sportello-office"]').selectOption('protocollo');
    // then: written on the process, the participant has no properties of its own
    const xml = await editorXml(page);
    const processBlock = xml.slice(xml.indexOf('<bpmn:process'), xml.indexOf('</bpmn:process>'));
    expect(processBlock).toContain('<camunda:property name="office" value="protocollo" />');
    expect(xml).toMatch(/<bpmn:participant id="Participant_Comune" name="[^"]*" processRef="certificato-residenza" \/>/);
    expect(await axeViolations(page, ['.sp-panel [data-group-id="group-sportello"]'])).toEqual([]);
    // when undone, the process is as it was
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window as unknown as { sportelloModeler: { get(n: string): { undo(): void } } }).sportelloModeler.get('commandStack').undo());
    expect(await editorXml(page)).toContain('<camunda:property name="office" value="anagrafe" />');
  });

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
