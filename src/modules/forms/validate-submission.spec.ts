import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormComponent, FormSchema } from './form-schema.types';
import { validateSubmission } from './validate-submission';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'forms');
const domandaContributo = JSON.parse(readFileSync(join(FIXTURES, 'domanda-contributo.form.json'), 'utf8')) as FormSchema;

function aForm(...components: FormComponent[]): FormSchema {
  return { id: 'test-form', type: 'default', components };
}

function aValidDomanda(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    richiedente: {
      nome: 'Maria Rossi',
      codiceFiscale: 'RSSMRA80A41H501X',
      email: 'maria.rossi@example.it',
      telefono: '+393331234567',
      dataNascita: '1980-01-01',
    },
    tipo: 'affitto',
    canoneMensile: 450.5,
    haFigli: true,
    figli: [
      { nome: 'Luca', eta: 6, scuole: ['primaria'] },
      { nome: 'Anna', eta: 16 },
    ],
    note: '',
    privacy: true,
    ...overrides,
  };
}

function errorsOf(result: ReturnType<typeof validateSubmission>): Array<{ field: string; code?: string }> {
  return result.ok ? [] : result.errors.map(({ field, code }) => ({ field, code }));
}

describe('validateSubmission on a realistic form', () => {
  it('given a complete valid submission, when validated, then the cleaned data keeps every visible field at its path', () => {
    // given
    const data = aValidDomanda();

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        richiedente: {
          nome: 'Maria Rossi',
          codiceFiscale: 'RSSMRA80A41H501X',
          email: 'maria.rossi@example.it',
          telefono: '+393331234567',
          dataNascita: '1980-01-01',
        },
        tipo: 'affitto',
        canoneMensile: 450.5,
        haFigli: true,
        figli: [{ nome: 'Luca', eta: 6, scuole: ['primaria'] }, { nome: 'Anna', eta: 16 }],
        note: '',
        privacy: true,
      },
    });
  });

  it('given unknown keys at every level, when validated, then they are dropped from the output', () => {
    // given
    const data = aValidDomanda({ isAdmin: true, richiedente: { ...(aValidDomanda().richiedente as object), ruolo: 'x' } });
    (data.figli as Array<Record<string, unknown>>)[0].extra = 'y';

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(result.ok).toBe(true);
    const cleaned = result.ok ? result.data : {};
    expect(cleaned).not.toHaveProperty('isAdmin');
    expect(cleaned).not.toHaveProperty('richiedente.ruolo');
    expect((cleaned.figli as Array<Record<string, unknown>>)[0]).not.toHaveProperty('extra');
  });

  it('given every problem at once, when validated, then each error names its nested or indexed field', () => {
    // given
    const data = aValidDomanda({
      richiedente: { nome: '', codiceFiscale: 'abc', email: 'not-an-email', telefono: '06123', dataNascita: '1980-02-30' },
      canoneMensile: 10000.123,
      figli: [{ nome: '', eta: 30 }],
      privacy: false,
    });

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(errorsOf(result)).toEqual([
      { field: 'richiedente.nome', code: 'required' },
      { field: 'richiedente.codiceFiscale', code: 'pattern' },
      { field: 'richiedente.email', code: 'email' },
      { field: 'richiedente.telefono', code: 'phone' },
      { field: 'richiedente.dataNascita', code: 'type' },
      { field: 'canoneMensile', code: 'decimal-digits' },
      { field: 'canoneMensile', code: 'max' },
      { field: 'figli[0].nome', code: 'required' },
      { field: 'figli[0].eta', code: 'max' },
      { field: 'privacy', code: 'required' },
    ]);
    expect(result.ok ? [] : result.errors.find((e) => e.field === 'richiedente.codiceFiscale')?.message).toBe('Codice fiscale non valido.');
  });

  it('given a field hidden by its condition, when its value is missing or invalid, then it is neither required nor stored', () => {
    // given
    const data = aValidDomanda({ tipo: 'utenze', canoneMensile: 'not a number' });

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(result.ok).toBe(true);
    expect(result.ok && result.data).not.toHaveProperty('canoneMensile');
  });

  it('given a hidden dynamic list, when validated, then its items are neither validated nor stored', () => {
    // given
    const data = aValidDomanda({ haFigli: false, figli: [{ nome: '' }] });

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(result.ok).toBe(true);
    expect(result.ok && result.data).not.toHaveProperty('figli');
  });

  it('given a condition on `this` inside a list item, when items differ, then it hides the field per item', () => {
    // given
    const data = aValidDomanda({ figli: [{ nome: 'Luca', eta: 6, scuole: ['nido'] }, { nome: 'Anna', eta: 16, scuole: ['primaria'] }] });

    // when
    const result = validateSubmission(domandaContributo, data);

    // then
    expect(result.ok && result.data.figli).toEqual([{ nome: 'Luca', eta: 6, scuole: ['nido'] }, { nome: 'Anna', eta: 16 }]);
  });
});

describe('validateSubmission: required and empty values', () => {
  it.each([
    ['textfield', ''],
    ['textarea', null],
    ['number', null],
    ['checkbox', false],
    ['checklist', []],
    ['select', null],
    ['datetime', ''],
  ])('given a required %s, when the value is %p, then the field is required', (type, value) => {
    // given
    const form = aForm({ type, key: 'campo', values: [{ label: 'A', value: 'a' }], validate: { required: true } });

    // when
    const result = validateSubmission(form, { campo: value });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'campo', code: 'required' }]);
  });

  it('given a missing field with a defaultValue, when validated, then the default is used and satisfies required', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'comune', defaultValue: 'Roma', validate: { required: true } });

    // when
    const result = validateSubmission(form, {});

    // then
    expect(result).toEqual({ ok: true, data: { comune: 'Roma' } });
  });

  it('given missing optional fields, when validated, then the output holds each type\'s empty value as form-js submits it', () => {
    // given
    const form = aForm(
      { type: 'textfield', key: 't' },
      { type: 'number', key: 'n' },
      { type: 'checkbox', key: 'c' },
      { type: 'taglist', key: 'l', values: ['a'] },
      { type: 'radio', key: 'r', values: ['a'] },
      { type: 'datetime', key: 'd', subtype: 'date' },
    );

    // when
    const result = validateSubmission(form, {});

    // then
    expect(result).toEqual({ ok: true, data: { t: '', n: null, c: false, l: [], r: null, d: null } });
  });

  it('given submitted data that is not an object, when validated, then the whole submission is refused', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'nome' });

    // when
    const result = validateSubmission(form, ['nome']);

    // then
    expect(errorsOf(result)).toEqual([{ field: '', code: 'type' }]);
  });
});

describe('validateSubmission: value types', () => {
  it.each([
    ['number', { type: 'number', key: 'x' }, '12'],
    ['number', { type: 'number', key: 'x' }, true],
    ['textfield', { type: 'textfield', key: 'x' }, 12],
    ['textarea', { type: 'textarea', key: 'x' }, { a: 1 }],
    ['checkbox', { type: 'checkbox', key: 'x' }, 'true'],
    ['checklist', { type: 'checklist', key: 'x', values: ['a'] }, 'a'],
    ['date', { type: 'datetime', key: 'x', subtype: 'date' }, '31/12/2024'],
    ['date', { type: 'datetime', key: 'x', subtype: 'date' }, '2023-02-29'],
    ['time', { type: 'datetime', key: 'x', subtype: 'time' }, '25:00'],
    ['datetime', { type: 'datetime', key: 'x', subtype: 'datetime' }, '2024-01-01'],
    ['filepicker', { type: 'filepicker', key: 'x' }, 'C:\\documento.pdf'],
    ['filepicker', { type: 'filepicker', key: 'x' }, 'files::Field_1'],
    ['filepicker', { type: 'filepicker', key: 'x' }, ['non-un-id']],
    ['filepicker', { type: 'filepicker', key: 'x' }, ['4f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10', '5a1d8d3f-9b72-4e4f-8b62-1d2a7a4c3b21']],
    ['filepicker', { type: 'filepicker', key: 'x', multiple: true }, ['4f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10', '4F0C7C2E-8A61-4D3E-9A51-0C1F6F3B2A10']],
  ] as Array<[string, FormComponent, unknown]>)('given a %s field, when it receives %p, then a type error names the field', (_label, component, value) => {
    // given
    const form = aForm(component);

    // when
    const result = validateSubmission(form, { x: value });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'x', code: 'type' }]);
  });

  it.each([
    [{ type: 'datetime', key: 'x', subtype: 'date' }, '2024-02-29'],
    [{ type: 'datetime', key: 'x', subtype: 'time' }, '09:30'],
    [{ type: 'datetime', key: 'x', subtype: 'time' }, '09:30+01:00'],
    [{ type: 'datetime', key: 'x', subtype: 'time' }, '08:30Z'],
    [{ type: 'datetime', key: 'x', subtype: 'datetime' }, '2024-05-01T09:30'],
    [{ type: 'filepicker', key: 'x' }, ['4f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10']],
    [{ type: 'filepicker', key: 'x', multiple: true }, ['4f0c7c2e-8a61-4d3e-9a51-0c1f6f3b2a10', '5a1d8d3f-9b72-4e4f-8b62-1d2a7a4c3b21']],
  ] as Array<[FormComponent, unknown]>)('given %p, when it receives %p as the browser serialises it, then it is accepted', (component, value) => {
    // given
    const form = aForm(component);

    // when
    const result = validateSubmission(form, { x: value });

    // then
    expect(result).toEqual({ ok: true, data: { x: value } });
  });

  it('given a textfield, when the value holds newlines, then they become spaces as form-js sanitises them', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'x' });

    // when
    const result = validateSubmission(form, { x: 'via Roma\n1' });

    // then
    expect(result).toEqual({ ok: true, data: { x: 'via Roma 1' } });
  });

  it('given a number field serialised to string, when a number or numeric string arrives, then the output is a string', () => {
    // given
    const form = aForm({ type: 'number', key: 'a', serializeToString: true }, { type: 'number', key: 'b', serializeToString: true });

    // when
    const result = validateSubmission(form, { a: 12.5, b: '0.10' });

    // then
    expect(result).toEqual({ ok: true, data: { a: '12.5', b: '0.10' } });
  });

  it('given a group path holding a string, when validated, then a type error names the group', () => {
    // given
    const form = aForm({ type: 'group', path: 'indirizzo', components: [{ type: 'textfield', key: 'via' }] });

    // when
    const result = validateSubmission(form, { indirizzo: 'via Roma 1' });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'indirizzo', code: 'type' }]);
  });

  it('given a dynamic list, when it is not an array or an item is not an object, then the errors name the list and the item', () => {
    // given
    const form = aForm({ type: 'dynamiclist', path: 'figli', components: [{ type: 'textfield', key: 'nome' }] });

    // when
    const notArray = validateSubmission(form, { figli: 'Luca' });
    const badItem = validateSubmission(form, { figli: [{ nome: 'Luca' }, 'Anna'] });

    // then
    expect(errorsOf(notArray)).toEqual([{ field: 'figli', code: 'type' }]);
    expect(errorsOf(badItem)).toEqual([{ field: 'figli[1]', code: 'type' }]);
  });
});

describe('validateSubmission: options', () => {
  const colours = [{ label: 'Rosso', value: 'rosso' }, { label: 'Verde', value: 'verde' }];

  it.each(['radio', 'select'])('given a %s with static values, when the value is not an option, then it is refused', (type) => {
    // given
    const form = aForm({ type, key: 'colore', values: colours });

    // when
    const refused = validateSubmission(form, { colore: 'blu' });
    const accepted = validateSubmission(form, { colore: 'verde' });

    // then
    expect(errorsOf(refused)).toEqual([{ field: 'colore', code: 'option' }]);
    expect(accepted).toEqual({ ok: true, data: { colore: 'verde' } });
  });

  it.each(['checklist', 'taglist'])('given a %s, when one of the values is not an option, then it is refused', (type) => {
    // given
    const form = aForm({ type, key: 'colori', values: colours });

    // when
    const refused = validateSubmission(form, { colori: ['rosso', 'blu'] });
    const accepted = validateSubmission(form, { colori: ['rosso', 'verde'] });

    // then
    expect(errorsOf(refused)).toEqual([{ field: 'colori', code: 'option' }]);
    expect(accepted).toEqual({ ok: true, data: { colori: ['rosso', 'verde'] } });
  });

  it('given options from valuesKey, when the form was opened with them as input data, then only those are accepted', () => {
    // given
    const form = aForm({ type: 'select', key: 'ufficio', valuesKey: 'uffici' });
    const inputData = { uffici: [{ label: 'Anagrafe', value: 'anagrafe' }] };

    // when
    const accepted = validateSubmission(form, { ufficio: 'anagrafe' }, { inputData });
    const refused = validateSubmission(form, { ufficio: 'tributi' }, { inputData });
    const noInput = validateSubmission(form, { ufficio: 'anagrafe' });

    // then
    expect(accepted).toEqual({ ok: true, data: { ufficio: 'anagrafe' } });
    expect(errorsOf(refused)).toEqual([{ field: 'ufficio', code: 'option' }]);
    expect(errorsOf(noInput)).toEqual([{ field: 'ufficio', code: 'option' }]);
  });

  it('given options from valuesExpression, when validated, then the options are those the expression yields on the data', () => {
    // given
    const form = aForm(
      { type: 'checkbox', key: 'esteso' },
      { type: 'select', key: 'taglia', valuesExpression: '=if esteso then ["S", "M", "L", "XL"] else ["S", "M"]' },
    );

    // when
    const refused = validateSubmission(form, { esteso: false, taglia: 'XL' });
    const accepted = validateSubmission(form, { esteso: true, taglia: 'XL' });

    // then
    expect(errorsOf(refused)).toEqual([{ field: 'taglia', code: 'option' }]);
    expect(accepted).toEqual({ ok: true, data: { esteso: true, taglia: 'XL' } });
  });
});

describe('validateSubmission: conditions, groups and paths', () => {
  it('given dotted keys and group paths, when validated, then data nests along the joined path', () => {
    // given
    const form = aForm({
      type: 'group',
      path: 'domanda.richiedente',
      components: [
        { type: 'textfield', key: 'residenza.comune' },
        { type: 'group', components: [{ type: 'textfield', key: 'nome' }] },
      ],
    });

    // when
    const result = validateSubmission(form, { domanda: { richiedente: { residenza: { comune: 'Roma' }, nome: 'Maria' } } });

    // then
    expect(result).toEqual({ ok: true, data: { domanda: { richiedente: { residenza: { comune: 'Roma' }, nome: 'Maria' } } } });
  });

  it('given a hidden group, when its children are required and invalid, then none of them is validated or stored', () => {
    // given
    const form = aForm(
      { type: 'checkbox', key: 'delegato' },
      {
        type: 'group',
        path: 'delega',
        conditional: { hide: '=not(delegato)' },
        components: [
          { type: 'textfield', key: 'nome', validate: { required: true } },
          { type: 'group', components: [{ type: 'number', key: 'anni', validate: { required: true } }] },
        ],
      },
    );

    // when
    const result = validateSubmission(form, { delegato: false, delega: { anni: 'molti' } });

    // then
    expect(result).toEqual({ ok: true, data: { delegato: false } });
  });

  it('given a condition reading a field that is itself hidden, when validated, then it sees the value the blank form held', () => {
    // given: b is hidden, so c's condition sees b's initial empty value, not the submitted one
    const form = aForm(
      { type: 'checkbox', key: 'a' },
      { type: 'textfield', key: 'b', conditional: { hide: '=a' } },
      { type: 'textfield', key: 'c', conditional: { hide: '=b = "nascondi"' }, validate: { required: true } },
    );

    // when
    const result = validateSubmission(form, { a: true, b: 'nascondi', c: '' });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'c', code: 'required' }]);
  });

  it('given a condition using `parent` inside a nested list, when validated, then it reads the enclosing item', () => {
    // given
    const form = aForm({
      type: 'dynamiclist',
      path: 'nuclei',
      components: [
        { type: 'checkbox', key: 'conFigli' },
        {
          type: 'dynamiclist',
          path: 'figli',
          components: [{ type: 'textfield', key: 'nome', validate: { required: true }, conditional: { hide: '=parent.conFigli = false' } }],
        },
      ],
    });

    // when
    const result = validateSubmission(form, {
      nuclei: [
        { conFigli: true, figli: [{ nome: '' }] },
        { conFigli: false, figli: [{ nome: '' }] },
      ],
    });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'nuclei[0].figli[0].nome', code: 'required' }]);
  });

  it('given list items whose fields share one condition on `this`, when validated, then each item is judged on its own values', () => {
    // given: two sibling fields with the same condition, in items that answer it differently
    const form = aForm({
      type: 'dynamiclist',
      path: 'veicoli',
      components: [
        { type: 'checkbox', key: 'targaEstera' },
        { type: 'textfield', key: 'paese', validate: { required: true }, conditional: { hide: '=this.targaEstera != true' } },
        { type: 'textfield', key: 'targa', validate: { required: true }, conditional: { hide: '=this.targaEstera != true' } },
      ],
    });

    // when
    const result = validateSubmission(form, {
      veicoli: [
        { targaEstera: false, paese: 'ignorato', targa: 'ignorata' },
        { targaEstera: true, paese: '', targa: '' },
        { targaEstera: true, paese: 'DE', targa: 'B-XY 123' },
      ],
    });

    // then
    expect(errorsOf(result)).toEqual([
      { field: 'veicoli[1].paese', code: 'required' },
      { field: 'veicoli[1].targa', code: 'required' },
    ]);
  });

  it('given a dynamic list missing from the data, when validated, then it starts with defaultRepetitions items like the browser', () => {
    // given
    const form = aForm({ type: 'dynamiclist', path: 'figli', defaultRepetitions: 2, components: [{ type: 'textfield', key: 'nome' }] });

    // when
    const result = validateSubmission(form, {});

    // then
    expect(result).toEqual({ ok: true, data: { figli: [{ nome: '' }, { nome: '' }] } });
  });

  it('given a list with isRepeating false, when validated, then it binds like a group', () => {
    // given
    const form = aForm({ type: 'dynamiclist', path: 'dati', isRepeating: false, components: [{ type: 'textfield', key: 'x' }] });

    // when
    const result = validateSubmission(form, { dati: { x: 'a' } });

    // then
    expect(result).toEqual({ ok: true, data: { dati: { x: 'a' } } });
  });

  it('given a condition that evaluates to null, when validated, then the field is hidden as form-js does (FEEL null = null)', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'x', conditional: { hide: '=missing > 3' }, validate: { required: true } });

    // when
    const result = validateSubmission(form, {});

    // then
    expect(result).toEqual({ ok: true, data: {} });
  });

  it('given a condition with a FEEL syntax error, when validated, then the field stays visible as in form-js', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'x', conditional: { hide: '=x = ' }, validate: { required: true } });

    // when
    const result = validateSubmission(form, {});

    // then
    expect(errorsOf(result)).toEqual([{ field: 'x', code: 'required' }]);
  });

  it('given input data the form was opened with, when a condition reads it, then it applies', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'pec', conditional: { hide: '=tipoSoggetto != "impresa"' }, validate: { required: true } });

    // when
    const cittadino = validateSubmission(form, {}, { inputData: { tipoSoggetto: 'cittadino' } });
    const impresa = validateSubmission(form, {}, { inputData: { tipoSoggetto: 'impresa' } });

    // then
    expect(cittadino).toEqual({ ok: true, data: {} });
    expect(errorsOf(impresa)).toEqual([{ field: 'pec', code: 'required' }]);
  });
});

describe('validateSubmission: disabled, readonly and expression fields', () => {
  it('given a disabled field, when its value is invalid, then it is skipped and left out as form-js submit does', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'protocollo', disabled: true, validate: { required: true } }, { type: 'textfield', key: 'nome' });

    // when
    const result = validateSubmission(form, { protocollo: '', nome: 'Maria' });

    // then
    expect(result).toEqual({ ok: true, data: { nome: 'Maria' } });
  });

  it('given a readonly field, when validated, then it is validated and kept as form-js submit does', () => {
    // given
    const form = aForm({ type: 'textfield', key: 'codiceFiscale', readonly: true, validate: { required: true } });

    // when
    const empty = validateSubmission(form, { codiceFiscale: '' });
    const filled = validateSubmission(form, { codiceFiscale: 'RSSMRA80A41H501X' });

    // then
    expect(errorsOf(empty)).toEqual([{ field: 'codiceFiscale', code: 'required' }]);
    expect(filled).toEqual({ ok: true, data: { codiceFiscale: 'RSSMRA80A41H501X' } });
  });

  it('given an expression field, when the client sends its own value, then the server recomputes it from the data', () => {
    // given
    const form = aForm(
      { type: 'number', key: 'quantita' },
      { type: 'number', key: 'prezzo' },
      { type: 'expression', key: 'totale', expression: '=quantita * prezzo' },
      { type: 'textfield', key: 'nota', conditional: { hide: '=totale < 100' }, validate: { required: true } },
    );

    // when
    const result = validateSubmission(form, { quantita: 3, prezzo: 50, totale: 1 });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'nota', code: 'required' }]);
    const small = validateSubmission(form, { quantita: 1, prezzo: 50, totale: 999 });
    expect(small).toEqual({ ok: true, data: { quantita: 1, prezzo: 50, totale: 50 } });
  });

  it('given FEEL bounds in validate, when validated, then they are evaluated on the data', () => {
    // given
    const form = aForm(
      { type: 'number', key: 'massimo' },
      { type: 'number', key: 'valore', validate: { max: '=massimo', min: '=null' } },
    );

    // when
    const result = validateSubmission(form, { massimo: 10, valore: 11 });

    // then
    expect(errorsOf(result)).toEqual([{ field: 'valore', code: 'max' }]);
  });
});
