/// <reference lib="dom" />
import { DataSource } from 'typeorm';
import { DEMO_CITIZENS, DEMO_OPERATORS } from '../../../src/modules/identity';
import { aCertificatoResidenzaRequest, aNidoApplication } from '../../factories/case.factory';
import { anExecutable, aPdf } from '../../factories/document.factory';
import { flatText } from '../../support/pdf-text';
import { DocumentsService } from '../../../src/modules/documents';
import { useBrowserApp } from '../../setup/browser-app';
import { databaseLabel, testConfig } from '../../setup/test-database';
import { PortalPage } from '../../support/browser';

const mario = DEMO_CITIZENS[0];
const laura = DEMO_CITIZENS[1];
const giulia = DEMO_CITIZENS[3];
const giuseppe = DEMO_CITIZENS[2];
const anna = DEMO_OPERATORS[0];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const NIDO = aNidoApplication(laura, { nome: 'Marta', codiceFiscale: 'BNCMRT24D41H501Y' });

const SUOLO = {
  richiedente: { nome: giulia.givenName, cognome: giulia.familyName, codiceFiscale: giulia.fiscalCode, email: 'giulia.ferrari@example.it' },
  qualitaRichiedente: 'privato',
  occupazione: { indirizzo: 'Via Roma', civico: '12', metriQuadri: 6.5, dataInizio: inDays(40), dataFine: inDays(42) },
  finalita: 'trasloco',
  limitazioneTransito: true,
  dichiarazioneVeridicita: true,
  presaVisionePrivacy: true,
};

// A real browser with axe and two screenshots per page on a shared 2-core machine: generous per-test time.
jest.setTimeout(240_000);

describe(`citizen portal in a real browser on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-keys', COMUNE_NAME: 'Comune di Vallefiorita' });
  /** Every page a test opens: 0 axe violations at WCAG 2.1 AA, no horizontal overflow at 390 px, screenshots at 1280 and 390 px. */
  const harness = useBrowserApp(config, { overflowAt390: true, expectedStatuses: [400, 403, 404, 422, 429] });
  const { t, open, check } = harness;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await t.app.get(DataSource).query(sql, params)) as Array<{ n: string }>)[0].n);
  const login = async (p: PortalPage, query: string, back = '/area-personale'): Promise<void> => {
    await p.page.goto(`/accesso/sviluppo?${query}&ritorno=${encodeURIComponent(back)}`);
  };
  const csrf = (p: PortalPage): Promise<string> => p.page.locator('meta[name="csrf-token"]').getAttribute('content').then((v) => v ?? '');
  const putDraft = (p: PortalPage, key: string, body: unknown) =>
    p.page.evaluate(
      ([url, payload]) =>
        fetch(url as string, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': (document.querySelector('meta[name="csrf-token"]') as HTMLMetaElement).content },
          body: JSON.stringify(payload),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      [`/servizi/${key}/domanda/bozza`, body] as const,
    );
  /** Presses the wizard's "Avanti" until the summary opens; every step must pass the browser's validation. */
  const walkToSummary = async (p: PortalPage): Promise<void> => {
    for (let i = 0; i < 10 && !p.page.url().includes('/riepilogo'); i += 1) {
      await p.page.click('#wizard-next');
      await p.page.waitForFunction(() => {
        const next = document.getElementById('wizard-next') as HTMLButtonElement | null;
        return location.pathname.endsWith('/riepilogo') || (next !== null && !next.disabled);
      });
      if (p.page.url().includes('/riepilogo')) break;
      await p.page.waitForTimeout(50);
      if (p.page.url().includes('/riepilogo')) break;
      expect(await p.page.locator('#wizard-alert').textContent({ timeout: 2000 }).catch(() => '')).toBe('');
    }
    await p.page.waitForURL('**/riepilogo');
  };
  /** Walks the wizard's steps with its own buttons to the summary, then files. */
  const walkAndFile = async (p: PortalPage, key: string, name: string): Promise<string> => {
    await p.page.goto(`/servizi/${key}/domanda?passo=0`);
    await p.page.waitForSelector('.fjs-form');
    await check(p, `${name}-domanda`);
    await walkToSummary(p);
    await check(p, `${name}-riepilogo`);
    await p.page.click('label[for="conferma"]');
    await p.page.click('#submit-button');
    await p.page.waitForURL(/\/area-personale\/pratiche\/[0-9a-f-]{36}\?inviata=1$/);
    await expect(p.page.locator('[data-testid="receipt"]').textContent()).resolves.toMatch(/protocollo n\. \d{7}\/\d{4}/);
    await check(p, `${name}-ricevuta`);
    return p.page.url().split('/pratiche/')[1].split('?')[0];
  };

  it('given anyone, when they browse the public pages, then the Comune publishes its services accessibly with the AgID scheda servizio', async () => {
    const p = await open();
    await p.page.goto('/');
    await expect(p.page.locator('.it-brand-title').first().textContent()).resolves.toBe('Comune di Vallefiorita');
    await check(p, 'home');
    await p.page.fill('#home-search', 'nido');
    await p.page.press('#home-search', 'Enter');
    await p.page.waitForURL('**/servizi?q=nido');
    await expect(p.page.locator('.service-card').count()).resolves.toBe(1);
    await check(p, 'servizi-ricerca');
    await p.page.goto('/servizi?evento=cambio%20di%20residenza');
    await expect(p.page.locator('.service-card h3').allTextContents()).resolves.toEqual(['Certificato di residenza']);
    await p.page.goto('/servizi?ufficio=suap');
    await expect(p.page.locator('.service-card h3').allTextContents()).resolves.toEqual(['Concessione per occupazione temporanea di suolo pubblico']);
    await p.page.goto('/servizi');
    await check(p, 'servizi');
    for (const key of ['certificato-residenza', 'iscrizione-nido', 'occupazione-suolo-pubblico']) {
      await p.page.goto(`/servizi/${key}`);
      for (const element of ['service-title', 'service-description', 'service-status', 'service-topic', 'breadcrumb', 'service-addressed', 'service-how-to', 'service-needed', 'service-achieved', 'service-calendar-text', 'service-calendar-list', 'service-online-access', 'service-area']) {
        await expect(p.page.locator(`[data-element="${element}"]`).count()).resolves.toBeGreaterThan(0);
      }
      await check(p, `scheda-${key}`);
    }
    for (const [url, name] of [['/privacy', 'privacy'], ['/dichiarazione-accessibilita', 'accessibilita'], ['/contatti', 'contatti'], ['/accesso', 'accesso'], ['/stato-pratica', 'stato-pratica']]) {
      await p.page.goto(url);
      await check(p, name);
    }
    const missing = await p.page.goto('/servizi/non-esiste');
    expect(missing?.status()).toBe(404);
    await expect(p.page.locator('h1').textContent()).resolves.toBe('Pagina non trovata');
    await check(p, 'errore-404');
  });

  it('given the web layer, when responses go out, then the CSP forbids inline scripts, X-Powered-By is gone, the API keeps problem+json and its docs are not frameable', async () => {
    const page = await fetch(`${harness.base}/`, { headers: { Accept: 'text/html' } });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('set-cookie')).toMatch(/sportello\.sid=.*HttpOnly.*SameSite=Lax/i);
    const docs = await fetch(`${harness.base}/api/docs`);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    const api = await fetch(`${harness.base}/api/v1/cases`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(api.headers.get('set-cookie')).toBeNull();
  });

  it('given a citizen using only the keyboard, when they log in from the scheda servizio and complete the wizard, then the case is filed once with the prefilled applicant', async () => {
    const p = await open();
    await p.page.goto('/servizi/certificato-residenza');
    await p.page.click('[data-element="service-online-access"] a');
    await p.page.waitForURL('**/accesso?ritorno=%2Fservizi%2Fcertificato-residenza%2Fdomanda');
    await login(p, `utente=${mario.fiscalCode}`, '/servizi/certificato-residenza/domanda');
    await p.page.waitForSelector('.fjs-form');
    const kb = p.page.keyboard;
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 80; i += 1) {
        if (await p.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await kb.press('Tab');
      }
      throw new Error(`keyboard focus never reached ${selector}`);
    };
    // step 1: the applicant is prefilled from the login ("once only")
    await expect(p.page.inputValue('input[id$="-CodiceFiscale"]')).resolves.toBe(mario.fiscalCode);
    await tabTo('#wizard-next');
    await kb.press('Enter');
    await p.page.waitForFunction(() => document.getElementById('wizard-step-title')?.textContent === 'Dati della domanda');
    // step 2
    await tabTo('input[type="radio"]');
    await kb.press('Space');
    await tabTo('[id$="-NumeroCopie"]');
    await kb.type('2');
    await tabTo('[id$="-ModalitaRitiro"]');
    // form-js opens the list on focus and binds its keys in an effect after the next paint, bound
    // anew after every render: a key pressed before that is lost or acts on the previous item (CI
    // under load picked the wrong option, the step stayed invalid and the test timed out).
    const painted = () => p.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    await p.page.waitForSelector('.fjs-dropdownlist-item.focused');
    await painted();
    await kb.press('ArrowDown');
    await p.page.waitForFunction(() => document.querySelector('.fjs-dropdownlist-item.focused')?.textContent?.startsWith('Ritiro allo sportello') ?? false);
    await painted();
    await kb.press('Enter');
    await p.page.waitForFunction(() => document.querySelector('[id$="-ModalitaRitiro-display"]')?.textContent?.startsWith('Ritiro allo sportello') ?? false);
    await tabTo('#wizard-next');
    await kb.press('Enter');
    await p.page.waitForFunction(() => document.getElementById('wizard-step-title')?.textContent === 'Dichiarazioni e privacy');
    // step 3: declarations
    await tabTo('[id$="-Dichiarazione"]');
    await kb.press('Space');
    await tabTo('[id$="-Privacy"]');
    await kb.press('Space');
    await tabTo('#wizard-next');
    await kb.press('Enter');
    await p.page.waitForURL('**/riepilogo');
    await check(p, 'certificato-riepilogo');
    await expect(p.page.locator('.summary-list').first().textContent()).resolves.toContain(mario.fiscalCode);
    await tabTo('#conferma');
    await kb.press('Space');
    await tabTo('#submit-button');
    await kb.press('Enter');
    await p.page.waitForURL(/\/area-personale\/pratiche\/[0-9a-f-]{36}\?inviata=1$/);
    await check(p, 'certificato-ricevuta');
    expect(await count(`select count(*) as n from case_file where citizen_fiscal_code = $1 and procedure_key = 'certificato-residenza'`, [mario.fiscalCode])).toBe(1);
    expect(await count(`select count(*) as n from draft where citizen_fiscal_code = $1`, [mario.fiscalCode])).toBe(0);
    // the personal area lists it with its Designers Italia state
    await p.page.goto('/area-personale');
    await expect(p.page.locator('table tbody tr').count()).resolves.toBe(1);
    await check(p, 'area-personale');
    for (const tab of ['pagamenti', 'documenti', 'messaggi', 'scadenze']) {
      await p.page.goto(`/area-personale?scheda=${tab}`);
      await check(p, `area-personale-${tab}`);
    }
    // the status lookup finds it by code and fiscal code, without login
    const code = (await t.app.get(DataSource).query(`select code from case_file where citizen_fiscal_code = $1`, [mario.fiscalCode]))[0].code as string;
    const anon = await open(390);
    await anon.page.goto('/stato-pratica');
    await anon.page.fill('#codice', code.toLowerCase());
    await anon.page.fill('#codiceFiscale', mario.fiscalCode);
    await anon.page.click('button[type="submit"]');
    await expect(anon.page.locator('[data-testid="lookup-result"]').textContent()).resolves.toContain('Certificato di residenza');
    await check(anon, 'stato-pratica-trovata');
    await anon.page.fill('#codice', 'ZZZZZZZZ');
    await anon.page.click('button[type="submit"]');
    await expect(anon.page.locator('.alert-danger').textContent()).resolves.toContain('Nessuna pratica');
  });

  it('given a citizen who leaves a draft, when they come back from the personal area, then they resume it and file iscrizione al nido; a double submit files once', async () => {
    const p = await open();
    await login(p, `utente=${laura.fiscalCode}`, '/servizi/iscrizione-nido/domanda');
    await p.page.waitForSelector('.fjs-form');
    await p.page.click('#wizard-next');
    await p.page.waitForFunction(() => /Bozza salvata/.test(document.getElementById('wizard-saved')?.textContent ?? ''));
    await p.page.goto('/area-personale');
    await expect(p.page.locator('[data-testid="drafts"]').textContent()).resolves.toContain("Iscrizione al nido d'infanzia");
    await check(p, 'area-personale-bozza');
    await p.page.click('[data-testid="drafts"] a');
    await p.page.waitForSelector('.fjs-form');
    await expect(p.page.locator('#wizard-step-title').textContent()).resolves.not.toBe('Dati del richiedente');
    await expect(p.page.locator('.alert-info').textContent()).resolves.toContain('ripreso la bozza');
    // the rest of the data arrives as the wizard's own autosave would send it
    expect((await putDraft(p, 'iscrizione-nido', { data: NIDO, step: 0 })).status).toBe(200);
    await p.page.goto('/servizi/iscrizione-nido/domanda?passo=0');
    await p.page.waitForSelector('.fjs-form');
    await walkToSummary(p);
    // a double click: two posts of the same summary
    const token = await csrf(p);
    const key = await p.page.inputValue('input[name="idempotencyKey"]');
    const post = () => p.page.request.post('/servizi/iscrizione-nido/domanda/invio', { form: { _csrf: token, idempotencyKey: key, conferma: 'si' }, maxRedirects: 0 });
    const [first, second] = [await post(), await post()];
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(first.headers().location).toBe(second.headers().location);
    expect(await count(`select count(*) as n from case_file where citizen_fiscal_code = $1`, [laura.fiscalCode])).toBe(1);
    await p.page.goto(first.headers().location);
    await check(p, 'nido-pratica');
    await expect(p.page.locator('.steppers-header li').first().textContent()).resolves.toContain('Inviata');
  });

  it('given a citizen, when they file occupazione di suolo pubblico with its planimetria, then the receipt PDF carries the protocol number and its verification page says valid', async () => {
    const p = await open();
    await login(p, `utente=${giulia.fiscalCode}`, '/servizi/occupazione-suolo-pubblico/domanda');
    await p.page.waitForSelector('.fjs-form');
    expect((await putDraft(p, 'occupazione-suolo-pubblico', { data: SUOLO, step: 0 })).status).toBe(200);
    const step = await p.page.evaluate(() => JSON.parse(document.getElementById('wizard-data')!.textContent!).filepickers[0].step as number);
    await p.page.goto(`/servizi/occupazione-suolo-pubblico/domanda?passo=${step}`);
    await p.page.waitForSelector('#upload-Planimetria');
    const attachments = () => count('select count(*) as n from attachment');
    const before = await attachments();
    // a disguised file: an executable named .pdf is refused by its content, and not kept
    await p.page.setInputFiles('#upload-Planimetria', { name: 'planimetria.pdf', mimeType: 'application/pdf', buffer: anExecutable() });
    await p.page.waitForFunction(() => (document.getElementById('upload-Planimetria-error')?.textContent ?? '') !== '');
    await expect(p.page.locator('#upload-Planimetria-error').textContent()).resolves.toMatch(/^planimetria\.pdf: /);
    expect(await attachments()).toBe(before);
    // a real PDF
    await p.page.setInputFiles('#upload-Planimetria', { name: 'planimetria.pdf', mimeType: 'application/pdf', buffer: aPdf('Planimetria di via Roma 12') });
    await p.page.waitForFunction(() => /Caricato: planimetria\.pdf/.test(document.querySelector('[data-upload-field="planimetria"]')?.textContent ?? ''));
    expect(await attachments()).toBe(before + 1);
    await check(p, 'suolo-allegato');
    await p.page.click('#wizard-next');
    await p.page.waitForFunction(() => /Bozza salvata/.test(document.getElementById('wizard-saved')?.textContent ?? ''));
    const id = await walkAndFile(p, 'occupazione-suolo-pubblico', 'suolo');
    expect(await count(`select count(*) as n from case_file where id = $1 and citizen_fiscal_code = $2`, [id, giulia.fiscalCode])).toBe(1);
    // the case lists the attachment; the receipt PDF names the protocol number
    await expect(p.page.locator('[data-testid="documents"]').textContent()).resolves.toContain('planimetria.pdf');
    const protocol = (await p.page.locator('[data-testid="receipt"] strong').first().textContent())!.split('/')[0];
    const pdf = await p.page.request.get(`/area-personale/pratiche/${id}/ricevuta`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(flatText(await pdf.body())).toContain(protocol);
    await p.page.goto('/area-personale?scheda=documenti');
    await expect(p.page.locator('[data-testid="documents"] li').count()).resolves.toBeGreaterThanOrEqual(2);
    await check(p, 'area-personale-documenti-pieno');
    // anyone can verify it by its code
    const receipt = (await t.app.get(DocumentsService).listForCase(id)).find((d) => d.kind === 'receipt')!;
    const anon = await open();
    await anon.page.goto(`/documenti/verifica/${receipt.verificationCode}`);
    await expect(anon.page.locator('[data-testid="verification"]').textContent()).resolves.toContain('Documento valido');
    await check(anon, 'verifica-documento');
    const unknown = await anon.page.goto('/documenti/verifica/NONESISTE');
    expect(unknown?.status()).toBe(404);
  });

  it('given bad input, when a forged CSRF token, a tampered draft or a forbidden wizard post arrives, then an Italian message answers and nothing is stored', async () => {
    const p = await open();
    await login(p, `utente=${giuseppe.fiscalCode}`, '/servizi/certificato-residenza/domanda');
    await p.page.waitForSelector('.fjs-form');
    const cases = () => count('select count(*) as n from case_file');
    const before = await cases();
    // a tampered draft: a field the form does not have, a step that does not exist, not an object
    const unknownField = await putDraft(p, 'certificato-residenza', { data: { ...aCertificatoResidenzaRequest({ richiedente: { nome: 'Giuseppe', cognome: 'Verdi', codiceFiscale: giuseppe.fiscalCode, email: 'giuseppe.verdi@example.it' } }), campoInventato: 'x' }, step: 0 });
    expect(unknownField).toMatchObject({ status: 400, body: { code: 'WEB_INVALID_INPUT', errors: [{ field: 'data.campoInventato', message: 'campo non previsto dal modulo' }] } });
    expect((await putDraft(p, 'certificato-residenza', { data: aCertificatoResidenzaRequest({ richiedente: { nome: 'Giuseppe', cognome: 'Verdi', codiceFiscale: giuseppe.fiscalCode, email: 'giuseppe.verdi@example.it' } }), step: 42 })).body.errors[0].field).toBe('step');
    expect((await putDraft(p, 'certificato-residenza', { data: ['x'], step: 0 })).status).toBe(400);
    expect(await count('select count(*) as n from draft where citizen_fiscal_code = $1', [giuseppe.fiscalCode])).toBe(0);
    // the server's validation errors come back on the field
    const invalid = await putDraft(p, 'certificato-residenza', { data: aCertificatoResidenzaRequest({ numeroCopie: 0 }), step: 2, final: true });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('numeroCopie');
    // a forged CSRF token
    expect((await putDraft(p, 'certificato-residenza', { data: aCertificatoResidenzaRequest({ richiedente: { nome: 'Giuseppe', cognome: 'Verdi', codiceFiscale: giuseppe.fiscalCode, email: 'giuseppe.verdi@example.it' } }), step: 0 })).status).toBe(200);
    const forged = await p.page.request.post('/servizi/certificato-residenza/domanda/invio', { form: { _csrf: 'forged-token', conferma: 'si' }, headers: { Accept: 'text/html' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('La pagina è scaduta o la richiesta non proviene da questo sito');
    const noToken = await p.page.request.post('/stato-pratica', { form: { codice: 'X', codiceFiscale: giuseppe.fiscalCode }, headers: { Accept: 'text/html' } });
    expect(noToken.status()).toBe(403);
    expect(await cases()).toBe(before);
    // an unknown procedure
    const token = await csrf(p);
    const unknown = await p.page.request.post('/servizi/non-esiste/domanda/invio', { form: { _csrf: token, conferma: 'si' }, headers: { Accept: 'text/html' } });
    expect(unknown.status()).toBe(404);
    // an operator may not file through the citizen wizard
    const op = await open();
    await login(op, `utente=${anna.userId}&ufficio=anagrafe&ruolo=responsabile`, '/servizi/certificato-residenza/domanda');
    expect(op.page.url()).toMatch(/\/servizi\/certificato-residenza\/domanda$/);
    await expect(op.page.locator('h1').textContent()).resolves.toBe('Accesso non consentito');
    await check(op, 'errore-403');
    const opToken = await csrf(op);
    const opPost = await op.page.request.post('/servizi/certificato-residenza/domanda/invio', { form: { _csrf: opToken, conferma: 'si' }, headers: { Accept: 'text/html' }, maxRedirects: 0 });
    expect(opPost.status()).toBe(403);
    expect(await cases()).toBe(before);
    // the development login explains bad input in Italian
    const bad = await open();
    const refused = await bad.page.goto('/accesso/sviluppo?utente=NONVALIDO');
    expect(refused?.status()).toBe(400);
    await expect(bad.page.locator('main').textContent()).resolves.toContain('Il codice fiscale indicato non è valido');
    await bad.page.goto('/accesso/sviluppo?utente=mario.bianchi&ufficio=inesistente');
    await expect(bad.page.locator('main').textContent()).resolves.toContain("L'ufficio indicato non esiste");
    await check(bad, 'accesso-errore');
  });
});
