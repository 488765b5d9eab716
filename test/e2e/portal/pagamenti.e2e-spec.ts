/// <reference lib="dom" />
import { createServer as createNetServer, AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { ActIssuer } from '../../../src/modules/documents';
import { DebtDispatcher } from '../../../src/modules/payments';
import { aPdf } from '../../factories/document.factory';
import { useBrowserApp } from '../../setup/browser-app';
import { databaseLabel, testConfig } from '../../setup/test-database';
import type { TestApp } from '../../setup/test-app';
import { PortalPage } from '../../support/browser';

const giulia = DEMO_CITIZENS[3];
const mario = DEMO_CITIZENS[0];
const operator = (userId: string) => DEMO_OPERATORS.find((o) => o.userId === userId)!;
const davide = operator('davide.greco'); // polizia-locale (head)
const chiara = operator('chiara.bruno'); // lavori-pubblici (head)
const elena = operator('elena.marino'); // suap (head)
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Checkout sends the payer back to PUBLIC_BASE_URL: the app listens on the port that URL names. */
const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const srv = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => ok(port));
    });
  });

jest.setTimeout(300_000);

describe(`Pagamenti tab: "Paga con pagoPA" through the development Checkout in a real browser on ${databaseLabel()}`, () => {
  const { t, open, check } = useBrowserApp(
    async () => testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', COMUNE_NAME: 'Comune di Vallefiorita', PUBLIC_BASE_URL: `http://127.0.0.1:${await freePort()}` }),
    { listenOnPublicBaseUrl: true },
  );
  const auth = async (who: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(who)}`;
  const caseOf = async (id: string) => (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', await auth(giulia)).expect(200)).body;
  const paymentsOf = async (id: string) => (await t.http().get(`/api/v1/cases/${id}/payments`).set('Authorization', await auth(giulia)).expect(200)).body as Array<{ noticeNumber: string; status: string; receiptId: string | null }>;
  const count = async (sql: string, params: unknown[]): Promise<number> => Number(((await t.app.get(DataSource).query(sql, params)) as Array<{ n: string }>)[0].n);
  const notice = (p: PortalPage) => p.page.locator('[data-testid="payment-notice"]').textContent();

  /** Occupazione di suolo pubblico filed by Giulia, both opinions, accepted with a canone: the notice is published at pagoPA. */
  const concessionAwaitingCanone = async (canoneEuro: number): Promise<{ id: string; code: string }> => {
    const planimetria = (await t.http().post('/api/v1/attachments').set('Authorization', await auth(giulia)).field('field', 'planimetria').attach('file', aPdf('Planimetria'), 'planimetria.pdf').expect(201)).body.id;
    const data = {
      richiedente: { nome: giulia.givenName, cognome: giulia.familyName, codiceFiscale: giulia.fiscalCode, email: 'giulia.ferrari@example.it' },
      qualitaRichiedente: 'privato',
      occupazione: { indirizzo: 'Via Roma', civico: '12', metriQuadri: 6.5, dataInizio: inDays(40), dataFine: inDays(42) },
      finalita: 'trasloco',
      limitazioneTransito: true,
      dichiarazioneVeridicita: true,
      presaVisionePrivacy: true,
      planimetria: [planimetria],
    };
    const c = (await t.http().post('/api/v1/cases').set('Authorization', await auth(giulia)).send({ procedureKey: 'occupazione-suolo-pubblico', data }).expect(201)).body as { id: string; code: string };
    const taskOf = async (who: typeof davide, office: string) => {
      const res = await t.http().get(`/api/v1/tasks?office=${office}&pageSize=100`).set('Authorization', await auth(who)).expect(200);
      return (res.body.items as Array<{ id: string; caseId: string }>).find((i) => i.caseId === c.id)!;
    };
    const complete = async (who: typeof davide, office: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/tasks/${(await taskOf(who, office)).id}/complete`).set('Authorization', await auth(who)).send({ data: body }).expect(200);
    await complete(davide, 'polizia-locale', { parerePoliziaLocale: 'favorevole', prescrizioniPoliziaLocale: 'Lasciare libero il passaggio pedonale' });
    await complete(chiara, 'lavori-pubblici', { parereLavoriPubblici: 'favorevole', prescrizioniLavoriPubblici: 'Nessuna prescrizione' });
    await complete(elena, 'suap', { esito: 'accolta', canoneEuro, motivazione: 'Pareri favorevoli acquisiti' });
    expect(await t.app.get(DebtDispatcher).dispatchDue()).toMatchObject({ published: 1 });
    return c;
  };

  it('given two canoni to pay, when the citizen cancels at Checkout and then pays both in one cart, then both are paid once, the receipts show and each case resumes to its concession', async () => {
    const first = await concessionAwaitingCanone(312.4);
    const second = await concessionAwaitingCanone(48);
    expect((await caseOf(first.id)).outcome).toBeNull();
    const p = await open();
    await p.page.goto(`/accesso/sviluppo?utente=${giulia.fiscalCode}&ritorno=${encodeURIComponent('/area-personale?scheda=pagamenti')}`);
    await p.page.waitForURL('**/area-personale?scheda=pagamenti');
    expect(await p.page.locator('[data-testid="payments"] tbody tr input[type="checkbox"]').count()).toBe(2);
    await check(p, 'area-pagamenti-da-pagare');

    // when: nothing chosen, the refusal is shown on the notices' fieldset
    await p.page.click('#paga-pagopa');
    await p.page.waitForURL(/\/area-personale\/pagamenti\?esito=nessun-avviso/);
    await expect(notice(p)).resolves.toBe('Selezionare almeno un avviso da pagare.');
    expect(await p.page.locator('fieldset').getAttribute('aria-describedby')).toBe('esito-pagamento');
    await check(p, 'area-pagamenti-nessun-avviso');

    // when: both chosen with the keyboard, then cancelled at Checkout
    const [a, b] = await paymentsOf(first.id).then(async (x) => [x[0], (await paymentsOf(second.id))[0]]);
    await p.page.locator(`#avviso-${a.noticeNumber}`).focus();
    await p.page.keyboard.press('Space');
    await p.page.locator(`#avviso-${b.noticeNumber}`).focus();
    await p.page.keyboard.press('Space');
    await p.page.locator('#paga-pagopa').focus();
    await p.page.keyboard.press('Enter');
    await p.page.waitForURL(/\/dev-pagopa\/checkout\/[0-9a-f-]{36}$/);
    const cart = (await p.page.locator('main table').textContent()) ?? '';
    expect(cart).toContain(a.noticeNumber);
    expect(cart).toContain(b.noticeNumber);
    expect(cart.replace(/\s+/g, ' ')).toMatch(/360,40\s?€/);
    await p.page.click('button:has-text("Annulla")');
    await p.page.waitForURL(/\/area-personale\/pagamenti\?esito=annullato/);
    await expect(notice(p)).resolves.toContain('Pagamento annullato');
    expect((await paymentsOf(first.id))[0].status).toBe('published');

    // when: chosen again and paid
    await p.page.click(`label[for="avviso-${a.noticeNumber}"]`);
    await p.page.click(`label[for="avviso-${b.noticeNumber}"]`);
    await p.page.click('#paga-pagopa');
    await p.page.waitForURL(/\/dev-pagopa\/checkout\//);
    await p.page.click('button:has-text("Paga")');
    await p.page.waitForURL(/\/area-personale\/pagamenti\?esito=ok/);

    // then: back on the tab, both paid with their receipts, nothing left to pay
    await expect(notice(p)).resolves.toContain('Pagamento eseguito');
    const rows = ((await p.page.locator('[data-testid="payments"] tbody').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(rows.match(/Pagato, il/g)).toHaveLength(2);
    expect(rows).toContain('Ricevuta pagoPA');
    expect(await p.page.locator('#paga-pagopa').count()).toBe(0);
    await check(p, 'area-pagamenti-pagato');
    for (const c of [first, second]) {
      const [paid] = await paymentsOf(c.id);
      expect(paid).toMatchObject({ status: 'paid' });
      expect(paid.receiptId).toMatch(/^[0-9a-f]{32}$/);
      // and the case resumed after the receipt: the concession is granted
      expect(await caseOf(c.id)).toMatchObject({ status: 'accettata', outcome: 'accettata' });
    }
    expect(await count(`select count(*) as n from case_payment where case_id = any($1) and status = 'paid'`, [[first.id, second.id]])).toBe(2);

    // and the concessions are issued after the commit (the acts pass), listed in Documenti with the avvisi
    expect(await t.app.get(ActIssuer).issueDue()).toEqual({ issued: 2, retried: 0, refused: 0 });
    await p.page.goto('/area-personale?scheda=documenti');
    const listed = ((await p.page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(listed).toMatch(new RegExp(`Provvedimento ?concessione-${first.code}\\.pdf`));
    expect(listed).toMatch(new RegExp(`Avviso di pagamento ?avviso-${a.noticeNumber}\\.pdf`));
    await check(p, 'area-documenti-concessione');
    const [act] = (await t.http().get(`/api/v1/cases/${first.id}/documents`).set('Authorization', await auth(giulia)).expect(200)).body.filter((d: { kind: string }) => d.kind === 'act') as Array<{ verificationCode: string }>;
    await p.page.goto(`/documenti/verifica/${act.verificationCode}`);
    await expect(p.page.locator('[data-testid="verification"]').textContent()).resolves.toContain('Documento valido');
    await expect(p.page.locator('main').textContent()).resolves.toMatch(/Protocollo\s*n\. \d{7}\/\d{4}/);
    await check(p, 'verifica-concessione');
    await p.page.goto('/area-personale/pagamenti');

    // and an old tab's second cart for the same notices is refused in Italian, nothing charged twice
    const csrf = (await p.page.locator('input[name="_csrf"]').first().inputValue()) ?? '';
    const again = await p.page.request.post('/area-personale/pagamenti', { form: { _csrf: csrf, avvisi: a.noticeNumber }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe('/area-personale/pagamenti?esito=non-pagabile#pagamenti');
  });

  it('given Giulia\'s notice, when another citizen posts it to a cart, then it is refused (not theirs) and no cart is created; six notices are refused as too many', async () => {
    const c = await concessionAwaitingCanone(20);
    const [mine] = await paymentsOf(c.id);
    const p = await open();
    await p.page.goto(`/accesso/sviluppo?utente=${mario.fiscalCode}&ritorno=${encodeURIComponent('/area-personale?scheda=pagamenti')}`);
    await p.page.waitForURL('**/area-personale?scheda=pagamenti');
    await expect(p.page.locator('main').textContent()).resolves.toContain('Non ci sono pagamenti da effettuare');
    const csrf = (await p.page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const carts = await count('select count(*) as n from dev_pagopa_cart', []);
    const forged = await p.page.request.post('/area-personale/pagamenti', { form: { _csrf: csrf, avvisi: mine.noticeNumber }, maxRedirects: 0 });
    expect(forged.headers().location).toBe('/area-personale/pagamenti?esito=non-pagabile#pagamenti');
    const six = new URLSearchParams([['_csrf', csrf], ...['1', '2', '3', '4', '5', '6'].map((n) => ['avvisi', n.repeat(18)])]).toString();
    const tooMany = await p.page.request.post('/area-personale/pagamenti', { data: six, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
    expect(tooMany.headers().location).toBe('/area-personale/pagamenti?esito=troppi-avvisi#pagamenti');
    // without the CSRF token nothing happens
    const noCsrf = await p.page.request.post('/area-personale/pagamenti', { form: { avvisi: mine.noticeNumber }, maxRedirects: 0 });
    expect(noCsrf.status()).toBe(403);
    expect(await count('select count(*) as n from dev_pagopa_cart', [])).toBe(carts);
    expect((await paymentsOf(c.id))[0].status).toBe('published');
  });
});
