import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormSchema } from './form-schema.types';
import { samplePattern } from './sample-pattern';
import { SAMPLE_ATTACHMENT_ID, sampleSubmission } from './sample-submission';
import { validateSubmission } from './validate-submission';

const OPTIONS = { today: '2026-11-30', text: 'Testo di prova', email: 'prova@example.it', phone: '+393331234567' };
const FORMS = join(__dirname, '../../../forms');
const form = (components: FormSchema['components']): FormSchema => ({ id: 'prova', type: 'default', components });

describe('sample submission (dry-run data generator)', () => {
  it.each(readdirSync(FORMS).filter((f) => f.endsWith('.form.json')))('given the shipped form %s, when sample data is generated, then the server-side validation accepts it', (file) => {
    // given
    const schema = JSON.parse(readFileSync(join(FORMS, file), 'utf8')) as FormSchema;
    // when
    const data = sampleSubmission(schema, OPTIONS);
    // then
    expect(validateSubmission(schema, data)).toEqual({ ok: true, data: expect.any(Object) });
  });

  it('given required fields of every type, when sample data is generated, then each gets a value of its type within its rules', () => {
    // given
    const schema = form([
      { type: 'textfield', key: 'cf', validate: { required: true, pattern: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$' } },
      { type: 'textfield', key: 'mail', validate: { required: true, validationType: 'email' } },
      { type: 'textfield', key: 'tel', validate: { validationType: 'phone' } },
      { type: 'textarea', key: 'motivo', validate: { required: true, minLength: 20, maxLength: 40 } },
      { type: 'number', key: 'copie', validate: { required: true, min: 1, max: 5 }, decimalDigits: 0 },
      { type: 'number', key: 'mq', validate: { required: true, min: 0.25, max: 500 }, decimalDigits: 1 },
      { type: 'number', key: 'isee', validate: { min: 0, max: 100000 }, increment: 50 },
      { type: 'select', key: 'esito', values: [{ label: 'Accolta', value: 'accolta' }, { label: 'Respinta', value: 'respinta' }], validate: { required: true } },
      { type: 'radio', key: 'ritiro', values: [{ label: 'Online', value: 'online' }] },
      { type: 'checklist', key: 'giorni', values: [{ label: 'Lunedì', value: 'lun' }] },
      { type: 'checkbox', key: 'privacy', validate: { required: true } },
      { type: 'datetime', key: 'dal', subtype: 'date', validate: { required: true } },
      { type: 'datetime', key: 'ora', subtype: 'time' },
      { type: 'filepicker', key: 'planimetria', validate: { required: true } },
      { type: 'textfield', key: 'codice', defaultValue: 'ABC' },
      { type: 'group', path: 'richiedente', components: [{ type: 'textfield', key: 'nome', validate: { required: true } }] },
      { type: 'dynamiclist', path: 'figli', defaultRepetitions: 2, components: [{ type: 'textfield', key: 'nome' }] },
      { type: 'text', text: 'solo testo' },
    ]);
    // when
    const data = sampleSubmission(schema, OPTIONS);
    // then
    expect(data).toEqual({
      cf: 'AAAAAA00A00A000A',
      mail: 'prova@example.it',
      tel: '+393331234567',
      motivo: 'Testo di prova Testo di prova',
      copie: 1,
      mq: 0.3,
      isee: 50,
      esito: 'accolta',
      ritiro: 'online',
      giorni: ['lun'],
      privacy: true,
      dal: '2026-11-30',
      ora: '09:00',
      planimetria: [SAMPLE_ATTACHMENT_ID],
      codice: 'ABC',
      richiedente: { nome: 'Testo di prova' },
      figli: [{ nome: 'Testo di prova' }, { nome: 'Testo di prova' }],
    });
    expect(validateSubmission(schema, data).ok).toBe(true);
  });

  it('given a too-short maxLength and options read from FEEL, when sample data is generated, then the text is cut and the option is left empty', () => {
    // given
    const schema = form([
      { type: 'textfield', key: 'sigla', validate: { maxLength: 4 } },
      { type: 'select', key: 'ufficio', valuesKey: 'uffici' },
    ]);
    // when / then
    expect(sampleSubmission(schema, OPTIONS)).toEqual({ sigla: 'Test', ufficio: null });
  });

  it.each([
    ['^INPS-ISEE-[0-9]{4}-[0-9]{8,9}[A-Z]?-[0-9]{2}$', 'INPS-ISEE-0000-00000000-00'],
    ['^[0-9]{11}$', '00000000000'],
    ['^(SI|NO)\\d+$', 'SI0'],
    ['^a(?=b)', null],
    ['^[^0-9]+$', null],
  ])('given the pattern %s, when a sample is drawn, then it is %p', (pattern, expected) => {
    expect(samplePattern(pattern)).toBe(expected);
  });
});
