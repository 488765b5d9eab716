/// <reference lib="dom" />
import { DataSource } from 'typeorm';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { DebtDispatcher } from '../../../src/modules/payments';
import { aCertificatoResidenzaRequest, aNidoApplication } from '../../factories/case.factory';
import { aPdf } from '../../factories/document.factory';
import { useBrowserApp } from '../../setup/browser-app';
import { databaseLabel, testConfig } from '../../setup/test-database';
import type { TestApp } from '../../setup/test-app';
import { PortalPage } from '../../support/browser';

const mario = DEMO_CITIZENS[0];
const giulia = DEMO_CITIZENS[3];
const operator = (userId: string) => DEMO_OPERATORS.find((o) => o.userId === userId)!;
const luca = operator('luca.romano'); // anagrafe
const davide = operator('davide.greco'); // polizia-locale (head)
const chiara = operator('chiara.bruno'); // lavori-pubblici (head)
const elena = operator('elena.marino'); // suap (head)
const paolo = operator('paolo.ricci'); // servizi-educativi
const laura = DEMO_CITIZENS[1];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

// A real browser with axe and two screenshots per page on a shared 2-core machine: generous per-test time.
jest.setTimeout(240_000);

describe(`case page (messages, withdrawal, rating) in a real browser on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', COMUNE_NAME: 'Comune di Vallefiorita' });
  /** Every page a test opens: 0 axe violations at WCAG 2.1 AA, no horizontal overflow at 390 px, screenshots at 1280 and 390 px. */
  const { t, open, check } = useBrowserApp(config, { overflowAt390: true });
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
    // when: a reason over 1000 characters (past the textarea's maxlength): the page comes back with the message on the field, nothing withdrawn
    const tooLong = await p.page.request.post(`/area-personale/pratiche/${id}/ritiro`, {
      form: { _csrf: (await p.page.locator('input[name="_csrf"]').first().inputValue()), conferma: 'si', motivo: 'x'.repeat(1001) },
      maxRedirects: 0,
    });
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.text()).toContain('Il motivo del ritiro può avere al massimo 1000 caratteri.');
    expect(await count(`select count(*) as n from case_file where id = $1 and status = 'ritirata'`, [id])).toBe(0);
    // when: confirmed, with a reason
    await p.page.fill('#motivo-ritiro', '  Ho già ottenuto il certificato allo sportello  ');
    await p.page.click('label[for="conferma-ritiro"]');
    await p.page.click('#conferma-ritiro-invio');
    await p.page.waitForURL(/avviso=ritirata/);
    // then
    await expect(notice(p)).resolves.toContain('La domanda è stata ritirata');
    await expect(p.page.locator('[data-testid="timeline"]').textContent()).resolves.toContain('ritirata dal richiedente (motivo: «Ho già ottenuto il certificato allo sportello»)');
    await expect(p.page.locator('.steppers-header').innerText()).resolves.toMatch(/Inviata[\s\S]*Ritirata/);
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

  it('given a citizen with messages and a canone to pay, when they open the Messaggi and Pagamenti tabs, then each lists them (empty states before); the avviso PDF downloads', async () => {
    const p = await open();
    await p.page.goto(`/accesso/sviluppo?utente=${giulia.fiscalCode}&ritorno=${encodeURIComponent('/area-personale?scheda=messaggi')}`);
    await expect(p.page.locator('main').textContent()).resolves.toContain('Non ci sono messaggi.');
    await p.page.goto('/area-personale?scheda=pagamenti');
    await expect(p.page.locator('main').textContent()).resolves.toContain('Non ci sono pagamenti da effettuare');
    // given: occupazione di suolo pubblico filed, both opinions, accepted with a canone of 312,40 euro
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
    const taskOf = async (who: typeof luca, office: string) => {
      const res = await t.http().get(`/api/v1/tasks?office=${office}&pageSize=100`).set('Authorization', await auth(who)).expect(200);
      return (res.body.items as Array<{ id: string; caseId: string }>).find((i) => i.caseId === c.id)!;
    };
    const complete = async (who: typeof luca, taskId: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/tasks/${taskId}/complete`).set('Authorization', await auth(who)).send({ data: body }).expect(200);
    await complete(davide, (await taskOf(davide, 'polizia-locale')).id, { parerePoliziaLocale: 'favorevole', prescrizioniPoliziaLocale: 'Lasciare libero il passaggio pedonale' });
    await complete(chiara, (await taskOf(chiara, 'lavori-pubblici')).id, { parereLavoriPubblici: 'favorevole', prescrizioniLavoriPubblici: 'Nessuna prescrizione' });
    await complete(elena, (await taskOf(elena, 'suap')).id, { esito: 'accolta', canoneEuro: 312.4, motivazione: 'Pareri favorevoli acquisiti' });
    expect(await t.app.get(DebtDispatcher).dispatchDue()).toEqual({ published: 1, retried: 0, failed: 0 });
    // and a message from the citizen and the office's answer
    await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(giulia)).send({ body: 'Quando posso pagare il canone?' }).expect(201);
    await t.http().post(`/api/v1/cases/${c.id}/messages`).set('Authorization', await auth(elena)).send({ body: 'Entro 30 giorni con l’avviso pagoPA.' }).expect(201);
    // when
    await p.page.goto('/area-personale?scheda=messaggi');
    // then
    const groups = (await p.page.locator('[data-testid="message-groups"]').textContent()) ?? '';
    expect(groups).toContain(c.code);
    expect(groups.indexOf('Entro 30 giorni con l’avviso pagoPA.')).toBeLessThan(groups.indexOf('Quando posso pagare il canone?'));
    await check(p, 'area-messaggi');
    await p.page.goto('/area-personale?scheda=pagamenti');
    const row = (await p.page.locator('[data-testid="payments"] tbody tr').textContent()) ?? '';
    expect(row.replace(/\s+/g, ' ')).toMatch(/312,40\s?€/);
    expect(row).toContain('Da pagare');
    await check(p, 'area-pagamenti');
    const link = await p.page.locator('[data-testid="payments"] tbody tr a[href$="/avviso"]').getAttribute('href');
    const pdf = await p.page.request.get(link!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // another citizen's session gets no avviso
    const other = await open();
    await other.page.goto(`/accesso/sviluppo?utente=${mario.fiscalCode}&ritorno=/area-personale`);
    expect((await other.page.request.get(link!, { headers: { Accept: 'text/html' } })).status()).toBe(404);
  });
  it('given more than a page of messages, when the citizen pages back on the case page and the Messaggi tab, then older messages follow the newest 20 with no gap or repeat', async () => {
    const id = await file();
    for (let i = 1; i <= 23; i += 1) {
      await t.http().post(`/api/v1/cases/${id}/messages`).set('Authorization', await auth(mario)).send({ body: `Messaggio numero ${i}` }).expect(201);
    }
    const p = await loginAndOpen(id);
    const bodies = async () => p.page.locator('[data-testid="case-messages"] p').allTextContents();
    // then: the newest 20, newest first
    const first = await bodies();
    expect(first).toEqual(Array.from({ length: 20 }, (_, i) => `Messaggio numero ${23 - i}`));
    // when: older
    await p.page.click('[data-testid="older-messages"]');
    await p.page.waitForURL(/prima=/);
    expect(await bodies()).toEqual(['Messaggio numero 3', 'Messaggio numero 2', 'Messaggio numero 1']);
    expect(await p.page.locator('[data-testid="older-messages"]').count()).toBe(0);
    await check(p, 'pratica-messaggi-precedenti');
    // the Messaggi tab pages the same way across the citizen's cases
    await p.page.goto('/area-personale?scheda=messaggi');
    const tab = async () => p.page.locator('[data-testid="message-groups"] li p').allTextContents();
    const newest = await tab();
    expect(newest).toHaveLength(20);
    expect(newest[0]).toBe('Messaggio numero 23');
    await p.page.click('[data-testid="older-messages"]');
    await p.page.waitForURL(/scheda=messaggi&prima=/);
    const older = await tab();
    expect(older.length).toBeGreaterThanOrEqual(3);
    expect(older.filter((b) => newest.includes(b))).toEqual([]);
    expect(older.slice(0, 3)).toEqual(['Messaggio numero 3', 'Messaggio numero 2', 'Messaggio numero 1']);
    await check(p, 'area-messaggi-precedenti');
    // a cursor that is not a message id reads as the newest page
    await p.page.goto(`/area-personale/pratiche/${id}?prima=non-un-id`);
    expect((await bodies())[0]).toBe('Messaggio numero 23');
  });

  it('given the office asks for an integration of an iscrizione al nido, when the citizen answers on the portal, then the case resumes with the office and the stepper follows the diagram', async () => {
    const data = aNidoApplication(laura, { nome: 'Marta', codiceFiscale: 'BNCMRT24D41H501Y' });
    const c = (await t.http().post('/api/v1/cases').set('Authorization', await auth(laura)).send({ procedureKey: 'iscrizione-nido', data }).expect(201)).body as { id: string };
    const officeTasks = async () => {
      const res = await t.http().get('/api/v1/tasks?office=servizi-educativi&pageSize=100').set('Authorization', await auth(paolo)).expect(200);
      return (res.body.items as Array<{ id: string; caseId: string; elementId: string }>).filter((i) => i.caseId === c.id);
    };
    const p = await open();
    await p.page.goto(`/accesso/sviluppo?utente=${laura.fiscalCode}&ritorno=${encodeURIComponent(`/area-personale/pratiche/${c.id}`)}`);
    await p.page.waitForURL(`**/area-personale/pratiche/${c.id}`);
    const stepper = () => p.page.locator('.steppers-header li').evaluateAll((items) => items.map((li) => `${li.firstChild?.textContent?.trim()}:${li.className || 'todo'}`));
    // the diagram's phases in order (integration and suspension only once they happen)
    expect(await stepper()).toEqual(['Inviata:active', 'Presa in carico:todo', 'In lavorazione:todo', 'Esito:todo']);
    // when: the office takes it in charge and asks for an integration
    const [evaluation] = await officeTasks();
    await t.http().post(`/api/v1/tasks/${evaluation.id}/claim`).set('Authorization', await auth(paolo)).expect(200);
    await t.http().post(`/api/v1/tasks/${evaluation.id}/complete`).set('Authorization', await auth(paolo)).send({ data: { esito: 'integrazione', richiestaIntegrazione: 'Indicare il valore ISEE aggiornato', motivazione: 'DSU scaduta' } }).expect(200);
    await p.page.reload();
    expect(await stepper()).toEqual(['Inviata:confirmed', 'Presa in carico:confirmed', 'In lavorazione:todo', 'Da integrare:active', 'Esito:todo']);
    await check(p, 'pratica-da-integrare');
    // then: the request is listed under "Da fare" and in the Scadenze tab, with the day to answer by (30 days, art. 2 c. 7)
    await expect(p.page.locator('text=rispondere entro il').count()).resolves.toBe(1);
    await p.page.goto('/area-personale?scheda=scadenze');
    await expect(p.page.locator('[data-testid=reply-by]').textContent()).resolves.toMatch(/^rispondere entro il \d{1,2} \p{L}+ \d{4}$/u);
    await check(p, 'scadenze');
    await p.page.goBack();
    await p.page.click('a:has-text("Rispondi")');
    await p.page.waitForURL(/\/attivita\//);
    await p.page.locator('#task-form textarea').waitFor();
    await check(p, 'pratica-integrazione');
    // when: the citizen answers (the browser's form-js checks the required fields first)
    await p.page.click('#task-submit');
    await expect(p.page.locator('#task-alert').textContent()).resolves.toContain('Correggi i campi evidenziati.');
    await p.page.getByLabel('Informazioni e chiarimenti richiesti').fill('Il valore ISEE aggiornato è 17.900 euro (DSU del 10 gennaio).');
    await p.page.getByLabel('Valore ISEE aggiornato (euro), se richiesto').fill('17900');
    await p.page.getByLabel(/Dichiaro, ai sensi degli artt\. 46 e 47/).check();
    await p.page.click('#task-submit');
    await p.page.waitForURL(`**/area-personale/pratiche/${c.id}`);
    // then: nothing left for the citizen, the evaluation is back in the office's queue
    expect(await p.page.locator('a:has-text("Rispondi")').count()).toBe(0);
    expect((await officeTasks()).map((i) => i.elementId)).toEqual(['Task_Valutazione']);
    const view = (await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', await auth(laura)).expect(200)).body as { openCitizenTasks: unknown[]; status: string };
    expect(view.openCitizenTasks).toEqual([]);
    expect(await count(`select count(*) as n from task where case_id = $1 and office = 'citizen' and status = 'completed'`, [c.id])).toBe(1);
    await check(p, 'pratica-integrata');
  });
});
