import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormComponent, FormSchema } from './form-schema.types';
import { validateSubmission } from './validate-submission';

/**
 * Differential test against the real form-js 1.23 viewer, run in jsdom by a plain Node oracle
 * (test/fixtures/forms/form-js-oracle.cjs). It needs `@bpmn-io/form-js-viewer@1.23.0` and
 * `jsdom` installed: from this project's node_modules, or from the directory named by
 * FORMS_ORACLE_DIR. Without them the suite is skipped (and says so).
 *
 * Cases hold only values the browser can produce; for those, form-js and the server must agree on
 * which fields have how many errors and, when valid, on the submitted data.
 */
const ROOT = join(__dirname, '..', '..', '..');
const ORACLE = join(ROOT, 'test', 'fixtures', 'forms', 'form-js-oracle.cjs');
const ORACLE_DIR = process.env.FORMS_ORACLE_DIR ?? ROOT;
const available = ['@bpmn-io/form-js-viewer', 'jsdom'].every((name) => existsSync(join(ORACLE_DIR, 'node_modules', name, 'package.json')));

interface Case {
  name: string;
  schema: FormSchema;
  data: Record<string, unknown>;
  inputData?: Record<string, unknown>;
}

interface Outcome {
  data: Record<string, unknown> | null;
  errors: Record<string, number>;
}

const form = (...components: FormComponent[]): FormSchema => ({ id: 'differential', type: 'default', components });
const domanda = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'forms', 'domanda-contributo.form.json'), 'utf8')) as FormSchema;
const richiedente = { nome: 'Maria', codiceFiscale: 'RSSMRA80A41H501X', email: 'maria@example.it', telefono: '+393331234567', dataNascita: '1980-01-01' };

const CASES: Case[] = [
  { name: 'valid domanda', schema: domanda, data: { richiedente, tipo: 'affitto', canoneMensile: 450.5, haFigli: true, figli: [{ nome: 'Luca', eta: 6, scuole: ['nido'] }, { nome: 'Anna', eta: 16 }], privacy: true } },
  { name: 'domanda with errors everywhere', schema: domanda, data: { richiedente: { ...richiedente, nome: '', email: 'x@', telefono: '+390612345678' }, tipo: 'affitto', canoneMensile: 5000.555, haFigli: true, figli: [{ nome: '', eta: 30 }, { nome: 'B', eta: 2.5 }], privacy: false } },
  { name: 'domanda with hidden parts', schema: domanda, data: { richiedente, tipo: 'utenze', haFigli: false, figli: [{ nome: '' }], privacy: true } },
  { name: 'empty domanda', schema: domanda, data: {} },
  {
    name: 'required across types',
    schema: form(
      { type: 'textfield', key: 't', validate: { required: true } },
      { type: 'textarea', key: 'a', validate: { required: true } },
      { type: 'number', key: 'n', validate: { required: true } },
      { type: 'checkbox', key: 'c', validate: { required: true } },
      { type: 'checklist', key: 'l', values: ['x', 'y'], validate: { required: true } },
      { type: 'taglist', key: 'g', values: ['x', 'y'], validate: { required: true } },
      { type: 'radio', key: 'r', values: ['x', 'y'], validate: { required: true } },
      { type: 'select', key: 's', values: ['x', 'y'], validate: { required: true } },
      { type: 'datetime', key: 'd', subtype: 'date', validate: { required: true } },
    ),
    data: {},
  },
  {
    name: 'lengths, pattern and bounds',
    schema: form(
      { type: 'textfield', key: 'a', validate: { minLength: 3, maxLength: 5, pattern: '^[a-z]+$' } },
      { type: 'textfield', key: 'b', validate: { minLength: 3 } },
      { type: 'number', key: 'c', validate: { min: -1.5, max: 2 } },
      { type: 'number', key: 'd', validate: { min: 1 } },
      { type: 'number', key: 'e', increment: 0.25, decimalDigits: 1 },
      { type: 'number', key: 'f', increment: 5 },
    ),
    data: { a: 'AB1234', b: '  ab  ', c: -2, d: 0, e: 1.3, f: 12 },
  },
  {
    name: 'email and phone presets',
    schema: form(
      { type: 'textfield', key: 'e1', validate: { validationType: 'email' } },
      { type: 'textfield', key: 'e2', validate: { validationType: 'email' } },
      { type: 'textfield', key: 'p1', validate: { validationType: 'phone' } },
      { type: 'textfield', key: 'p2', validate: { validationType: 'phone' } },
    ),
    data: { e1: 'a.b@comune.roma.it', e2: 'a@b@c', p1: '+393331234567', p2: '3331234567' },
  },
  {
    name: 'FEEL bounds and conditions on siblings',
    schema: form(
      { type: 'number', key: 'massimo' },
      { type: 'number', key: 'valore', validate: { max: '=massimo', minLength: '=null' } },
      { type: 'checkbox', key: 'flag' },
      { type: 'textfield', key: 'nascosto', conditional: { hide: '=flag' }, validate: { required: true } },
      { type: 'textfield', key: 'nullo', conditional: { hide: '=massimo > 100' }, validate: { required: true } },
    ),
    data: { massimo: 10, valore: 11, flag: true },
  },
  {
    name: 'condition reading a hidden field',
    schema: form(
      { type: 'checkbox', key: 'a' },
      { type: 'textfield', key: 'b', conditional: { hide: '=a' } },
      { type: 'textfield', key: 'c', conditional: { hide: '=b = "nascondi"' }, validate: { required: true } },
    ),
    data: { a: true, b: 'nascondi', c: '' },
  },
  {
    name: 'nested groups with paths and dotted keys',
    schema: form({
      type: 'group',
      path: 'domanda.richiedente',
      conditional: { hide: '=nascondi = true' },
      components: [
        { type: 'textfield', key: 'residenza.comune', validate: { required: true } },
        { type: 'group', components: [{ type: 'textfield', key: 'nome', validate: { required: true } }] },
      ],
    }, { type: 'checkbox', key: 'nascondi' }),
    data: { domanda: { richiedente: { residenza: { comune: 'Roma' }, nome: '' } } },
  },
  {
    name: 'nested dynamic lists with this and parent',
    schema: form({
      type: 'dynamiclist',
      path: 'nuclei',
      components: [
        { type: 'checkbox', key: 'conFigli' },
        { type: 'textfield', key: 'cognome', conditional: { hide: '=this.conFigli' }, validate: { required: true } },
        {
          type: 'dynamiclist',
          path: 'figli',
          components: [{ type: 'textfield', key: 'nome', validate: { required: true }, conditional: { hide: '=parent.conFigli = false' } }],
        },
      ],
    }),
    data: { nuclei: [{ conFigli: true, cognome: '', figli: [{ nome: '' }, { nome: 'x' }] }, { conFigli: false, cognome: '', figli: [{ nome: '' }] }] },
  },
  {
    name: 'options from valuesKey and valuesExpression',
    schema: form(
      { type: 'select', key: 'ufficio', valuesKey: 'uffici', validate: { required: true } },
      { type: 'checkbox', key: 'esteso' },
      { type: 'radio', key: 'taglia', valuesExpression: '=if esteso then ["S", "XL"] else ["S"]' },
    ),
    data: { ufficio: 'anagrafe', esteso: true, taglia: 'XL' },
    inputData: { uffici: [{ label: 'Anagrafe', value: 'anagrafe' }] },
  },
  {
    name: 'disabled, readonly and expression fields',
    schema: form(
      { type: 'textfield', key: 'bloccato', disabled: true, validate: { required: true } },
      { type: 'textfield', key: 'sola', readonly: true, validate: { required: true } },
      { type: 'number', key: 'q' },
      { type: 'expression', key: 'doppio', expression: '=q * 2' },
      { type: 'textfield', key: 'nota', conditional: { hide: '=doppio < 10' }, validate: { required: true } },
    ),
    data: { bloccato: '', sola: '', q: 6 },
  },
  {
    name: 'list items whose fields are all hidden',
    schema: form(
      { type: 'dynamiclist', path: 'figli', components: [{ type: 'number', key: 'eta' }, { type: 'textfield', key: 'nome', conditional: { hide: '=this.eta > 10' } }] },
      { type: 'dynamiclist', path: 'vuoti', components: [{ type: 'textfield', key: 'n', conditional: { hide: '=true' } }] },
      { type: 'dynamiclist', path: 'zero', defaultRepetitions: 0, components: [{ type: 'textfield', key: 'n' }] },
    ),
    data: { figli: [{ eta: 12, nome: 'a' }, { eta: 5, nome: 'b' }], vuoti: [{ n: 'x' }], zero: [] },
  },
  {
    name: 'conditions that do not parse or yield null',
    schema: form(
      { type: 'textfield', key: 'x', conditional: { hide: '=x = ' }, validate: { required: true } },
      { type: 'textfield', key: 'y', conditional: { hide: '=missing > 3' }, validate: { required: true } },
    ),
    data: {},
  },
  {
    name: 'dates and times',
    schema: form(
      { type: 'datetime', key: 'd', subtype: 'date', validate: { required: true } },
      { type: 'datetime', key: 't', subtype: 'time', timeSerializingFormat: 'utc_offset' },
      { type: 'datetime', key: 'dt', subtype: 'datetime', timeSerializingFormat: 'no_timezone' },
    ),
    data: { d: '2024-02-29', t: '09:30+01:00', dt: '2024-05-01T09:30' },
  },
];

/** One Node process per case: widgets' timers (date pickers) must not leak from one form into the next. */
function runOracle({ schema, data, inputData }: Case): Outcome {
  const input = JSON.stringify([{ schema, data, inputData }]);
  const output = execFileSync(process.execPath, [ORACLE, ORACLE_DIR], { input, encoding: 'utf8', timeout: 60_000 });
  const [outcome] = JSON.parse(output) as Array<{ data: Record<string, unknown>; errors: Record<string, number> }>;
  return { data: Object.keys(outcome.errors).length > 0 ? null : outcome.data, errors: outcome.errors };
}

function runServer({ schema, data, inputData }: Case): Outcome {
  const result = validateSubmission(schema, data, { inputData });
  if (result.ok) return { data: result.data, errors: {} };
  const errors: Record<string, number> = {};
  result.errors.forEach(({ field }) => (errors[field] = (errors[field] ?? 0) + 1));
  return { data: null, errors };
}

(available ? describe : describe.skip)('validateSubmission against the real form-js 1.23 viewer', () => {
  it.each(CASES.map((testCase, index) => [testCase.name, index] as const))(
    'given the %s case, when both validate it, then they agree on errors and submitted data',
    (_name, index) => {
      // given
      const testCase = CASES[index];

      // when
      const server = runServer(testCase);
      const formJs = runOracle(testCase);

      // then
      expect(server).toEqual(formJs);
    },
    60_000,
  );
});

if (!available) {
  it('form-js differential test is skipped: install @bpmn-io/form-js-viewer@1.23.0 and jsdom, or set FORMS_ORACLE_DIR', () => {
    // given / when / then: nothing to compare against
    expect(available).toBe(false);
  });
}
