import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { FakeAnpr } from '../../src/modules/anpr';
import { databaseLabel, dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { describeViolations, launchBrowser, PortalPage } from '../support/browser';

const MARIO = 'RSSMRA80A01H501U';

describe(`the development ANPR's registry page in a browser on ${databaseLabel()}`, () => {
  const config = testConfig({ ANPR_ADAPTER: 'fake' });
  let t: TestApp;
  let browser: Browser;
  let page: PortalPage;

  beforeAll(async () => {
    t = await startTestApp(config);
    await t.app.listen(0, '127.0.0.1');
    browser = await launchBrowser();
    page = await PortalPage.open(browser, `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`);
  }, 180_000);
  afterAll(async () => {
    await page?.context.close();
    await browser?.close();
    await t.close();
    await dropTestSchema(config);
  });

  it('given the registry page, when a tester moves Mario Rossi and switches the fault on, then the page and the residence check follow, with no accessibility violation', async () => {
    // given
    await page.page.goto('/dev-anpr');
    expect(describeViolations(await page.axe())).toBe('');
    // when: Mario moves
    await page.page.fill(`#via-${MARIO}`, 'Via Garibaldi');
    await page.page.fill(`#civico-${MARIO}`, '5');
    await Promise.all([page.page.waitForURL('**/dev-anpr'), page.page.click(`form[action="/dev-anpr/soggetti/${MARIO}"] button[type=submit]`)]);
    // then
    expect(await page.page.textContent('tbody')).toContain('Via Garibaldi 5');
    expect(await t.app.get(FakeAnpr).residence(MARIO)).toMatchObject({ outcome: 'resident', residence: { street: 'Via Garibaldi', streetNumber: '5' } });
    // when: the fault is switched on from the page
    await Promise.all([page.page.waitForURL('**/dev-anpr'), page.page.click('form[action="/dev-anpr/guasto"] button')]);
    // then
    expect(await page.page.textContent('[role=status]')).toContain('ANPR non risponde');
    await expect(t.app.get(FakeAnpr).residence(MARIO)).rejects.toMatchObject({ code: 'ANPR_UNAVAILABLE' });
    expect(describeViolations(await page.axe())).toBe('');
    expect(page.problems).toEqual([]);
  });
});
