import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEmailTemplatesDir, EmailTemplates, italianDate, projectRoot } from './email-templates';
import { NotificationsTemplateFailedException, NotificationsTemplateMissingException } from './notifications.exceptions';
import { EMAIL_EVENTS } from './notifications.types';

const variables = {
  comune: 'Comune di Esempio',
  citizenName: 'Maria Rossi',
  procedureTitle: 'Iscrizione al nido',
  protocolNumber: '0000042',
  protocolDate: '2026-03-02T09:00:00Z',
  office: 'Servizi educativi e scolastici',
  legalDeadline: '2026-04-01',
  message: "L'ufficio sta esaminando la domanda.",
};

/** A throwaway template folder holding copies of nothing but what a test writes. */
function templateDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'email-templates-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

const minimalLayouts = { '_layout.html.hbs': '<main>{{> @partial-block }}</main>', '_layout.text.hbs': '{{> @partial-block }}' };

describe('email templates', () => {
  const shipped = new EmailTemplates(defaultEmailTemplatesDir());

  it('given the source tree, when the templates folder is resolved, then it is src/templates/email under the folder with package.json', () => {
    // when
    const dir = defaultEmailTemplatesDir();
    // then
    expect(dir).toBe(join(projectRoot(), 'src', 'templates', 'email'));
    expect(readdirSync(projectRoot())).toContain('package.json');
    expect(readdirSync(dir)).toContain('_layout.html.hbs');
  });

  it('given the shipped templates, when checked, then every citizen status has a subject, an HTML and a text part', () => {
    // when / then
    expect(() => shipped.checkDefaults()).not.toThrow();
    for (const event of EMAIL_EVENTS) {
      // A topic alert's subject is the administrator's own.
      const r = shipped.render('qualsiasi-procedimento', event, event === 'allerta' ? { ...variables, alertSubject: 'Iscrizione al nido: sportello chiuso' } : variables);
      expect(r.subject).toContain('Iscrizione al nido');
      expect(r.html).toContain('Gentile Maria Rossi,');
      expect(r.text).toContain('Gentile Maria Rossi,');
      expect(r.templates).toEqual({ subject: event, html: event, text: event });
    }
  });

  it('given a submitted application, when the inviata e-mail is rendered, then subject and bodies are Italian with the variables in place', () => {
    // when
    const r = shipped.render('iscrizione-nido', 'inviata', variables);
    // then
    expect(r.subject).toBe('Domanda inviata: Iscrizione al nido');
    expect(r.html).toContain('<html lang="it">');
    expect(r.html).toContain('registrata al protocollo con il numero 0000042 del 2 marzo 2026');
    expect(r.html).toContain('entro il 1 aprile 2026');
    expect(r.html).toContain('Servizi educativi e scolastici');
    expect(r.html).toContain('L&#x27;ufficio sta esaminando la domanda.');
    expect(r.text).toContain('la sua domanda per «Iscrizione al nido» è stata inviata correttamente');
    expect(r.text).toContain("L'ufficio sta esaminando la domanda.");
    expect(r.text).toContain('Protocollo: n. 0000042 del 2 marzo 2026');
    expect(r.text).not.toMatch(/\n{3,}/);
    expect(r.text.endsWith('Questo messaggio è stato inviato automaticamente: la preghiamo di non rispondere.\n')).toBe(true);
  });

  it('given no citizen name and no optional data, when rendered, then a neutral greeting and no empty lines are left', () => {
    // when
    const r = shipped.render('iscrizione-nido', 'conclusa', { comune: 'Comune di Esempio', procedureTitle: 'Iscrizione al nido' });
    // then
    expect(r.text).toContain('Gentile cittadina, gentile cittadino,');
    expect(r.text).not.toContain('Protocollo');
    expect(r.html).not.toContain('Protocollo');
    expect(r.text).not.toMatch(/\n{3,}/);
  });

  it('given markup in a variable, when rendered, then the HTML part escapes it and the text part keeps it as typed', () => {
    // given
    const hostile = { ...variables, citizenName: '<script>alert(1)</script> & Co' };
    // when
    const r = shipped.render('iscrizione-nido', 'accettata', hostile);
    // then
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(r.text).toContain('Gentile <script>alert(1)</script> & Co,');
  });

  it('given a procedure that overrides the accettata e-mail, when rendered, then its own templates are used', () => {
    // when
    const own = shipped.render('certificato-residenza', 'accettata', { ...variables, procedureTitle: 'Certificato di residenza' });
    const other = shipped.render('iscrizione-nido', 'accettata', variables);
    // then
    expect(own.subject).toBe('Il suo certificato di residenza è pronto');
    expect(own.text).toContain('validità di sei mesi');
    expect(own.templates.subject).toBe('certificato-residenza/accettata');
    expect(other.subject).toBe('Domanda accolta: Iscrizione al nido');
  });

  it('given an override of the subject only, when rendered, then the bodies fall back to the defaults', () => {
    // given
    const dir = templateDir({
      ...minimalLayouts,
      'sospesa.subject.hbs': 'Sospesa: {{procedureTitle}}',
      'sospesa.html.hbs': '{{#> layout}}<p>default {{procedureTitle}}</p>{{/layout}}',
      'sospesa.text.hbs': '{{#> layout}}default {{procedureTitle}}{{/layout}}',
      'passo-carrabile/sospesa.subject.hbs': 'Passo carrabile:\n  pratica   sospesa',
    });
    // when
    const r = new EmailTemplates(dir).render('passo-carrabile', 'sospesa', { procedureTitle: 'Passo carrabile' });
    // then
    expect(r.subject).toBe('Passo carrabile: pratica sospesa');
    expect(r.html).toBe('<main><p>default Passo carrabile</p></main>');
    expect(r.templates).toEqual({ subject: 'passo-carrabile/sospesa', html: 'sospesa', text: 'sospesa' });
  });

  it('given a folder lacking a default template, when checked, then the missing file is named', () => {
    // given
    const dir = templateDir({ ...minimalLayouts, 'inviata.subject.hbs': 'x', 'inviata.html.hbs': 'x' });
    // when / then
    expect(() => new EmailTemplates(dir).checkDefaults()).toThrow(NotificationsTemplateMissingException);
    expect(() => new EmailTemplates(dir).checkDefaults()).toThrow(join(dir, 'inviata.text.hbs'));
  });

  it('given a template with a syntax error, when checked, then it fails with the template named', () => {
    // given
    const files: Record<string, string> = { ...minimalLayouts };
    for (const e of EMAIL_EVENTS) for (const p of ['subject', 'html', 'text']) files[`${e}.${p}.hbs`] = 'ok';
    files['rifiutata.html.hbs'] = '{{#if procedureTitle}}unclosed';
    // when / then
    expect(() => new EmailTemplates(templateDir(files)).checkDefaults()).toThrow(NotificationsTemplateFailedException);
    expect(() => new EmailTemplates(templateDir(files)).checkDefaults()).toThrow('rifiutata.html.hbs');
  });

  it('given dates in several shapes, when formatted, then Italian long dates in Rome time, and other text as given', () => {
    // when / then
    expect(italianDate(new Date('2026-12-31T23:30:00Z'))).toBe('1 gennaio 2027');
    expect(italianDate('2026-03-02')).toBe('2 marzo 2026');
    expect(italianDate('entro fine mese')).toBe('entro fine mese');
    expect(italianDate(undefined)).toBe('');
  });
});
