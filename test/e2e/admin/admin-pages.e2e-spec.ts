/// <reference lib="dom" />
import { DEMO_STAFF_PASSWORD } from '../../../src/modules/identity';
import { hotp, totpStep } from '../../../src/modules/staff-login';
import { useBrowserApp } from '../../setup/browser-app';
import { databaseLabel, testConfig } from '../../setup/test-database';
import { PortalPage } from '../../support/browser';

// A real browser with axe and screenshots on a shared 2-core machine: generous per-test time.
jest.setTimeout(300_000);

/**
 * The administration pages in a real browser: the admin logs in through the staff login with
 * TOTP (enrolled on the first login), creates an operator, gives them an office, unlocks a
 * locked-out operator, resets an analyst's second factor (who enrols again), deactivates a user
 * (whose session ends), and finds every change in the audit trail and its CSV export.
 */
describe(`administration pages in a real browser on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: '.test-data/e2e-admin', LOGIN_RATE_LIMIT: '200', STAFF_TOTP_KEY: 'a'.repeat(40) });
  /** The administrator's browser, kept across the tests of this file (they follow one another). */
  let admin: PortalPage;
  let temporary = '';
  /** The password the new operator chose at the forced change. */
  const chosen = 'Girasole-Azzurro-73';

  // Declared before the harness's hooks: closed before its browser is.
  afterAll(async () => {
    await admin?.close();
  });
  const harness = useBrowserApp(config, { screenshotPrefix: 'admin-', expectedStatuses: [400, 401, 403, 404, 409, 423] });
  const { t, open, check, rows } = harness;

  /** Presses a button that submits a form and waits for the page it leads to. */
  const submit = async (p: PortalPage, selector: string): Promise<void> => {
    await Promise.all([p.page.waitForNavigation(), p.page.click(selector)]);
  };
  /** Staff login through the pages; returns the TOTP secret when the page enrolled one. */
  const staffLogin = async (p: PortalPage, username: string, password: string, secret?: string): Promise<string | undefined> => {
    await p.page.goto('/accesso/personale');
    await p.page.fill('#username', username);
    await p.page.fill('#password', password);
    await Promise.all([p.page.waitForNavigation(), p.page.click('button[type="submit"]:has-text("Accedi")')]);
    const secretShown = p.page.locator('[data-testid="totp-secret"]');
    const shown = (await secretShown.count()) ? await secretShown.textContent() : null;
    if (!shown && !(await p.page.locator('#codice').count())) return undefined;
    const key = shown ?? secret;
    if (key === undefined) throw new Error(`${username}: a code is asked but no secret is known`);
    // the enrolment page (QR code and text) is checked at the administrator's first login
    if (shown && username === 'admin') {
      await expect(p.page.locator('[data-testid="totp-qr"]').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
      await check(p, 'totp-enrol');
    }
    await p.page.fill('#codice', hotp(key, totpStep(new Date()) + (shown ? 0 : 1)));
    await Promise.all([p.page.waitForNavigation(), p.page.click('button[type="submit"]:has-text("Verifica")')]);
    return key;
  };

  /** The forced change of a temporary password: the new one twice. */
  const choosePassword = async (p: PortalPage, password: string, confirmation = password): Promise<void> => {
    await p.page.fill('#password', password);
    await p.page.fill('#conferma', confirmation);
    await Promise.all([p.page.waitForNavigation(), p.page.click('button[type="submit"]:has-text("Salva e continua")')]);
  };

  it('given an admin with TOTP, when they manage staff users, offices and memberships, then the new operator works in the office they were given', async () => {
    // given: the admin enrols TOTP at the first login and lands on the administration home
    admin = await PortalPage.open(harness.browser, harness.base);
    expect(await staffLogin(admin, 'admin', DEMO_STAFF_PASSWORD)).toMatch(/^[A-Z2-7]{32}$/);
    await admin.page.goto('/amministrazione');
    await expect(admin.page.locator('h1').textContent()).resolves.toBe('Amministrazione');
    await check(admin, 'home');

    // when: a new operator is created, with a bad id first (refused on the field)
    await admin.page.goto('/amministrazione/utenti');
    await check(admin, 'utenti');
    await admin.page.fill('#utente', 'con spazi');
    await admin.page.fill('#nome', 'Nuovo Operatore');
    await submit(admin, 'button:has-text("Crea utente")');
    await expect(admin.page.locator('#utente-error').textContent()).resolves.toMatch(/lettere, cifre/);
    await check(admin, 'utenti-errore');
    await admin.page.fill('#utente', 'nuovo.operatore');
    await admin.page.selectOption('#tipo', 'operator');
    await submit(admin, 'button:has-text("Crea utente")');
    temporary = (await admin.page.locator('[data-testid="temporary-password"]').textContent())?.trim() ?? '';
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await check(admin, 'utente-creato');
    // an operator without an office cannot log in yet
    const newcomer = await open(390);
    await staffLogin(newcomer, 'nuovo.operatore', temporary);
    await expect(newcomer.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/non corretti/);
    // the admin gives them the anagrafe office as head
    await admin.page.selectOption('#ufficio', 'anagrafe');
    await admin.page.selectOption('#ruolo', 'head');
    await submit(admin, 'button:has-text("Salva l\'ufficio")');
    await expect(admin.page.locator('[data-testid="admin-notice"]').textContent()).resolves.toMatch(/Appartenenza/);
    await expect(admin.page.locator('[data-testid="memberships"]').textContent()).resolves.toMatch(/anagrafe\s*Responsabile/);
    await check(admin, 'utente-ufficio');
    await admin.page.goto('/amministrazione/uffici');
    await expect(admin.page.locator('[data-testid="office-anagrafe"]').textContent()).resolves.toContain('Nuovo Operatore');
    await check(admin, 'uffici');
    // then: they log in (an operator gives no code), must first replace the temporary password, and are head of anagrafe
    await staffLogin(newcomer, 'nuovo.operatore', temporary);
    expect(new URL(newcomer.page.url()).pathname).toBe('/accesso/personale/nuova-password');
    await check(newcomer, 'nuova-password');
    await newcomer.page.goto('/console');
    expect(new URL(newcomer.page.url()).pathname).toBe('/accesso');
    await newcomer.page.goto('/accesso/personale/nuova-password');
    const noCsrf = await newcomer.page.request.post('/accesso/personale/nuova-password', { form: { password: chosen, conferma: chosen }, headers: { accept: 'text/html' } });
    expect(noCsrf.status()).toBe(403);
    await choosePassword(newcomer, 'corta', 'corta');
    await expect(newcomer.page.locator('[data-testid="error-password"]').textContent()).resolves.toMatch(/almeno 12 caratteri/);
    await check(newcomer, 'nuova-password-errore');
    await choosePassword(newcomer, temporary, temporary);
    await expect(newcomer.page.locator('[data-testid="error-password"]').textContent()).resolves.toMatch(/diversa da quella temporanea/);
    await choosePassword(newcomer, chosen, `${chosen}!`);
    await expect(newcomer.page.locator('[data-testid="error-conferma"]').textContent()).resolves.toMatch(/non coincidono/);
    await choosePassword(newcomer, chosen);
    expect(new URL(newcomer.page.url()).pathname).toBe('/');
    const [session] = await rows<{ data: { principal: { headOf: string[] } } }>(`select data from web_session where data -> 'principal' ->> 'userId' = 'nuovo.operatore'`);
    expect(session.data.principal.headOf).toEqual(['anagrafe']);

  });

  it('given a logged-in operator, when the admin deactivates them, then their session ends at once and the password no longer works', async () => {
    const newcomer = await open(390);
    await staffLogin(newcomer, 'nuovo.operatore', temporary);
    await expect(newcomer.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/non corretti/);
    await staffLogin(newcomer, 'nuovo.operatore', chosen);
    expect(new URL(newcomer.page.url()).pathname).toBe('/');
    // when: deactivated, their session ends at once and the password no longer works
    await admin.page.goto('/amministrazione/utenti/nuovo.operatore');
    await submit(admin, 'button:has-text("Disattiva l\'utente")');
    await expect(admin.page.locator('[data-testid="user-state"]').textContent()).resolves.toBe('Disattivato');
    expect(await rows(`select 1 from web_session where data -> 'principal' ->> 'userId' = 'nuovo.operatore'`)).toHaveLength(0);
    await staffLogin(newcomer, 'nuovo.operatore', chosen);
    await expect(newcomer.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/non corretti/);
    // and the admin cannot deactivate themself
    const self = await admin.page.request.post('/amministrazione/utenti/admin/disattiva', { form: { _csrf: (await admin.page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '' }, headers: { accept: 'text/html' } });
    expect(self.status()).toBe(409);

  });

  it('given an operator locked out by wrong passwords, when the admin unlocks them and then sets a new password, then the lock is gone and only the new password works', async () => {
    // when: an operator locks themself out, the admin unlocks them and resets the password
    const luca = await open();
    for (let i = 0; i < 5; i++) await staffLogin(luca, 'luca.romano', 'sbagliata');
    await expect(luca.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/bloccato/);
    await admin.page.goto('/amministrazione/utenti/luca.romano');
    await expect(admin.page.locator('[data-testid="user-lock"]').textContent()).resolves.toMatch(/Bloccato fino/);
    await submit(admin, 'button:has-text("Rimuovi il blocco")');
    await expect(admin.page.locator('[data-testid="user-lock"]').textContent()).resolves.toBe('Nessuno');
    await staffLogin(luca, 'luca.romano', DEMO_STAFF_PASSWORD);
    expect(new URL(luca.page.url()).pathname).toBe('/');
    await submit(admin, 'button:has-text("Imposta una nuova password")');
    const lucaPassword = (await admin.page.locator('[data-testid="temporary-password"]').textContent())?.trim() ?? '';
    expect(await rows(`select 1 from web_session where data -> 'principal' ->> 'userId' = 'luca.romano'`)).toHaveLength(0);
    await staffLogin(luca, 'luca.romano', DEMO_STAFF_PASSWORD);
    await expect(luca.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/non corretti/);
    // a session of Luca's elsewhere (another device), opened after the reset
    const elsewhere = await open();
    await elsewhere.page.goto('/accesso/sviluppo?utente=luca.romano&ufficio=anagrafe');
    expect(await rows(`select 1 from web_session where data -> 'principal' ->> 'userId' = 'luca.romano'`)).toHaveLength(1);
    await staffLogin(luca, 'luca.romano', lucaPassword);
    expect(new URL(luca.page.url()).pathname).toBe('/accesso/personale/nuova-password');
    await choosePassword(luca, 'Torre-Pendente-1173');
    expect(new URL(luca.page.url()).pathname).toBe('/');
    // then: the session elsewhere ended with the change; only the new one is left
    const lucaSessions = await rows<{ sid: string }>(`select sid from web_session where data -> 'principal' ->> 'userId' = 'luca.romano'`);
    expect(lucaSessions).toHaveLength(1);
    await elsewhere.page.goto('/console');
    expect(new URL(elsewhere.page.url()).pathname).toBe('/accesso');
    await staffLogin(luca, 'luca.romano', lucaPassword);
    await expect(luca.page.locator('[data-testid="login-error"]').textContent()).resolves.toMatch(/non corretti/);
    await staffLogin(luca, 'luca.romano', 'Torre-Pendente-1173');
    expect(new URL(luca.page.url()).pathname).toBe('/');

  });

  it('given an analyst with TOTP, when the admin resets it, then the next login enrols a new secret', async () => {
    // when: the analyst's second factor is reset, the next login enrols a new secret
    const giorgia = await open();
    const first = await staffLogin(giorgia, 'giorgia.conti', DEMO_STAFF_PASSWORD);
    await admin.page.goto('/amministrazione/utenti/giorgia.conti');
    await expect(admin.page.locator('[data-testid="user-totp"]').textContent()).resolves.toBe('Attiva');
    await submit(admin, 'button:has-text("Azzera la verifica")');
    await expect(admin.page.locator('[data-testid="admin-notice"]').textContent()).resolves.toMatch(/azzerata/);
    const second = await staffLogin(giorgia, 'giorgia.conti', DEMO_STAFF_PASSWORD);
    expect(second).toMatch(/^[A-Z2-7]{32}$/);
    expect(second).not.toBe(first);
    expect(new URL(giorgia.page.url()).pathname).toBe('/');

  });

  it('given those changes, when the admin opens the audit trail and exports it, then every change is there', async () => {
    // then: every change is in the audit trail page and its CSV export
    await admin.page.goto('/amministrazione/registro?tipo=user');
    const trail = (await admin.page.locator('[data-testid="audit-rows"]').textContent()) ?? '';
    for (const action of ['user.create', 'user.membership-set.head', 'user.deactivate', 'user.unlock', 'user.password-reset', 'user.totp-reset', 'user.password-change']) expect(trail).toContain(action);
    await check(admin, 'registro');
    const csv = await admin.page.request.get('/amministrazione/registro/esporta?tipo=user');
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toMatch(/user\.totp-reset,user,giorgia\.conti,web/);
    expect(text).toMatch(/user\.membership-set\.head,user,nuovo\.operatore\/anagrafe,web/);
  });

  it('given subscribers of allerta-meteo, when the admin sends an alert from /amministrazione/avvisi, then a bad form names the fields and a good one queues it for each subscriber', async () => {
    // given
    await rows(`insert into alert_subscription (fiscal_code, topic, email) values ('RSSMRA80A01H501U', 'allerta-meteo', 'mario.rossi@example.it'), ('BNCLRA90E45H501A', 'allerta-meteo', null)`);
    await admin.page.goto('/amministrazione');
    await submit(admin, 'a[href="/amministrazione/avvisi"]');
    await expect(admin.page.locator('#argomento option[value="allerta-meteo"]').textContent()).resolves.toContain('2 iscritti');
    // when: too short a subject and no text
    await admin.page.fill('#oggetto', 'Allerta');
    await submit(admin, 'button[type="submit"]:has-text("Invia l\'avviso")');
    // then
    await expect(admin.page.locator('#oggetto-error').textContent()).resolves.toBe('da 10 a 120 caratteri');
    await expect(admin.page.locator('#testo-error').textContent()).resolves.toBe('campo obbligatorio');
    await check(admin, 'avvisi-errori');
    // when: a good alert
    await admin.page.fill('#oggetto', 'Allerta meteo arancione per domani');
    await admin.page.fill('#testo', 'Domani allerta arancione per temporali: evitate i sottopassi e le aree vicine ai corsi d’acqua, seguite la protezione civile.');
    await submit(admin, 'button[type="submit"]:has-text("Invia l\'avviso")');
    // then: the alert's page, queued for both subscribers (no channel tried yet: delivery is off in this test)
    await expect(admin.page.locator('[data-testid="alert-notice"]').textContent()).resolves.toBe('Avviso accodato per 2 iscritti.');
    await expect(admin.page.locator('[data-testid="alert-recipients"] tbody tr').count()).resolves.toBe(2);
    await check(admin, 'avviso');
    const [alert] = await rows<{ recipients: number }>(`select recipients from topic_alert`);
    expect(alert.recipients).toBe(2);
    await expect(rows(`select action, actor_subject, channel from audit_event where resource_type = 'alert'`)).resolves.toEqual([{ action: 'alert.send', actor_subject: 'admin', channel: 'web' }]);
  });

  it('given people who are not a TOTP-verified admin, when they open the administration pages, then they are sent to log in or refused', async () => {
    const anonymous = await open();
    await anonymous.page.goto('/amministrazione/utenti');
    expect(new URL(anonymous.page.url()).pathname).toBe('/accesso');
    const operator = await open();
    await staffLogin(operator, 'anna.esposito', DEMO_STAFF_PASSWORD);
    const refused = await operator.page.goto('/amministrazione/utenti');
    expect(refused?.status()).toBe(403);
    await check(operator, 'rifiutato');
  });
});
