import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { axeIn as axeViolations, MODELER_ARTIFACTS as ARTIFACTS, ModelerSession, openModeler } from '../support/modeler-browser';
import { databaseLabel } from '../setup/test-database';

// A real browser with the bpmn-js editor on a shared 2-core machine: generous per-test time.
jest.setTimeout(180_000);

describe(`modeler dry run in a browser on ${databaseLabel()}`, () => {
  let s: ModelerSession;
  let ds: DataSource;
  let base: string;
  let page: Page;
  const engineRows = async (): Promise<number> =>
    Number(((await ds.query(`select (select count(*) from engine_instance) + (select count(*) from engine_model_version) + (select count(*) from engine_item) as n`)) as Array<{ n: string }>)[0].n);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s = await openModeler('.test-data/modeler-dry-run-e2e-keys');
    ({ ds, base, page } = s);
  });
  afterAll(async () => {
    await s?.close();
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

  it('given a dry run, when the analyst sends data the start form refuses, then the server\'s field error shows on the data and the run does not start', async () => {
    // given
    const panel = page.locator('#sp-dryrun');
    await panel.getByRole('button', { name: 'Ricomincia' }).click();
    // the panel redraws the start step with fresh proposed data (the previous test left bad JSON in the old one)
    await panel.locator('#sp-dryrun-start:not([aria-invalid])').waitFor();
    const start = panel.locator('#sp-dryrun-start');
    const proposed = JSON.parse(await start.inputValue()) as Record<string, unknown>;
    // when: the declaration the form requires (dichiarazioneVeridicita) is left unticked
    expect(proposed.dichiarazioneVeridicita).toBe(true);
    await start.fill(JSON.stringify({ ...proposed, dichiarazioneVeridicita: false }));
    await panel.getByRole('button', { name: 'Invia la domanda di prova' }).click();
    // then
    await panel.locator('#sp-dryrun-start[aria-invalid="true"]').waitFor();
    expect(await panel.locator('#sp-dryrun-start-error').textContent()).toContain('dichiarazioneVeridicita: ');
    expect(await panel.locator('.sp-dryrun-step').count()).toBe(0);
  });

  it('given every page opened above, when the browser console is read, then no script failed', () => {
    expect(s.pageErrors).toEqual([]);
  });
});
