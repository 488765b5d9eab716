import type { Browser } from 'playwright-core';
import { FakeAppIo } from '../../../src/modules/app-io';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { NotificationsService, OutboxDispatcher } from '../../../src/modules/notifications';
import { Transactions } from '../../../src/database';
import { aCertificatoResidenzaRequest } from '../../factories/case.factory';
import { IoTestApp, startIoTestApp } from '../../support/io-test-app';
import { describeViolations, launchBrowser, PortalPage } from '../../support/browser';
import type { SmtpPeer } from '../../support/smtp-peer';
import { databaseLabel } from '../../setup/test-database';
import type { TestApp } from '../../setup/test-app';

const mario = DEMO_CITIZENS[0]; // on the development IO
const verdi = DEMO_CITIZENS[2]; // not on IO (DEV_IO_ABSENT_DEMO_CITIZENS)
const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!; // anagrafe

// A real browser with axe on a shared 2-core machine: generous per-test time.
jest.setTimeout(300_000);

describe(`App IO or e-mail, as the citizen chooses, in a real browser on ${databaseLabel()}`, () => {
  let io: IoTestApp;
  let smtp: SmtpPeer;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const opened: PortalPage[] = [];

  const auth = async (who: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(who)}`;
  /** Files certificato-residenza as `who`, and Luca (anagrafe) takes it in charge: two citizen-visible status changes. */
  const fileAndTakeInCharge = async (who: (typeof DEMO_CITIZENS)[number]): Promise<{ id: string; code: string }> => {
    const data = aCertificatoResidenzaRequest({ richiedente: { nome: who.givenName, cognome: who.familyName, codiceFiscale: who.fiscalCode, email: who.email! } });
    const filed = (await t.http().post('/api/v1/cases').set('Authorization', await auth(who)).send({ procedureKey: 'certificato-residenza', data }).expect(201)).body;
    const inbox = await t.http().get('/api/v1/tasks?office=anagrafe').set('Authorization', await auth(luca)).expect(200);
    const task = inbox.body.items.find((i: { caseId: string }) => i.caseId === filed.id);
    await t.http().post(`/api/v1/tasks/${task.id}/claim`).set('Authorization', await auth(luca)).expect(200);
    return { id: filed.id, code: filed.code };
  };

  beforeAll(async () => {
    io = await startIoTestApp({ CATALOGUE_LOAD: 'true' });
    ({ t, base, smtp } = io);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const problems = opened.flatMap((p) => p.problems);
    await Promise.all(opened.splice(0).map((p) => p.close()));
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await io?.stop();
  });

  it('given a citizen on IO who had chosen e-mail, when they choose App IO in the personal area and their case changes status, then the notice is in their IO inbox at /dev-io, not in their mailbox', async () => {
    // given
    const tx = t.app.get(Transactions);
    await tx.run(() => t.app.get(NotificationsService).chooseChannel(mario.fiscalCode, 'email'));
    const p = await PortalPage.open(browser, base);
    opened.push(p);
    await p.page.goto(`/accesso/sviluppo?utente=${mario.fiscalCode}&ritorno=${encodeURIComponent('/area-personale')}`);
    await p.page.waitForURL('**/area-personale');
    // when: the citizen opens the preferences, chooses App IO and the weather alerts
    await p.page.getByRole('link', { name: /Preferenze di notifica/ }).click();
    await p.page.waitForURL('**/area-personale/preferenze');
    await expect(p.page.getByLabel('E-mail', { exact: true }).isChecked()).resolves.toBe(true);
    expect(describeViolations(await p.axe())).toBe('');
    // Bootstrap Italia draws the radio and the checkbox on their labels: a person clicks the label.
    await p.page.click('label[for="canale-io"]');
    await p.page.click('label[for="argomento-allerta-meteo"]');
    await p.page.getByRole('button', { name: 'Salva le preferenze' }).click();
    await p.page.waitForURL('**/area-personale/preferenze?salvate=1');
    await expect(p.page.locator('[data-testid="preferences-saved"]').textContent()).resolves.toContain('Preferenze salvate');
    await expect(p.page.getByLabel('App IO', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(p.page.getByLabel('Allerta meteo').isChecked()).resolves.toBe(true);
    expect(describeViolations(await p.axe())).toBe('');
    const { id, code } = await fileAndTakeInCharge(mario);
    expect(await t.app.get(OutboxDispatcher).dispatchDue(new Date(Date.now() + 1000))).toMatchObject({ sent: 2, failed: 0 });
    // then: the development IO's page lists both notices in Mario's inbox, naming the office and linking to the case
    await p.page.goto('/dev-io');
    const inbox = p.page.locator(`section[data-fiscal-code="${mario.fiscalCode}"]`);
    await expect(inbox.locator('h3').allTextContents()).resolves.toEqual(['Pratica presa in carico: Certificato di residenza', 'Domanda inviata: Certificato di residenza']);
    // the submission notice links to the receipt's public verification page (IO carries no attachment here)
    await expect(inbox.locator('li').nth(1).textContent()).resolves.toMatch(new RegExp(`${base}/documenti/verifica/[A-Za-z0-9_-]+`));
    const text = await inbox.locator('li').first().textContent();
    expect(text).toContain('Ufficio Anagrafe e Stato civile');
    expect(text).toContain(code);
    expect(text).toContain(`${base}/area-personale/pratiche/${id}`);
    expect(smtp.received.filter((m) => m.envelopeTo.includes(mario.email!))).toHaveLength(0);
    const stored = await t.app.get(FakeAppIo).inbox(mario.fiscalCode);
    expect(stored).toHaveLength(2);
  });

  it('given a citizen not on IO, when their case changes status, then the notice comes by e-mail', async () => {
    // when
    await fileAndTakeInCharge(verdi);
    await t.app.get(OutboxDispatcher).dispatchDue(new Date(Date.now() + 1000));
    // then
    const mails = smtp.received.filter((m) => m.envelopeTo.includes(verdi.email!));
    expect(mails.map((m) => m.subject).sort()).toEqual(['Domanda inviata: Certificato di residenza', 'Pratica presa in carico: Certificato di residenza']);
    expect(mails.find((m) => m.subject.startsWith('Pratica presa'))!.text).toContain('presa in carico da Ufficio Anagrafe e Stato civile');
    expect(await t.app.get(FakeAppIo).inbox(verdi.fiscalCode)).toHaveLength(0);
  });
});
