import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFormSchema } from './check-form-schema';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'forms');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.form.json`), 'utf8'));
const aSchema = (components: unknown[]): unknown => ({ id: 'modulo', type: 'default', components });

describe('checkFormSchema', () => {
  it('given a well-formed form, when checked against its key, then there are no problems', () => {
    // given
    const schema = fixture('domanda-contributo');

    // when
    const problems = checkFormSchema(schema, 'domanda-contributo');

    // then
    expect(problems).toEqual([]);
  });

  it.each([
    ['a string', 'not json object'],
    ['an array', []],
    ['null', null],
  ])('given %s, when checked, then it is not a form', (_label, json) => {
    // given / when
    const problems = checkFormSchema(json);

    // then
    expect(problems).toEqual(['form schema is not a JSON object']);
  });

  it('given a form without id and components, when checked, then both are reported', () => {
    // given
    const schema = { type: 'default' };

    // when
    const problems = checkFormSchema(schema);

    // then
    expect(problems).toEqual(['form schema has no "id"', 'form schema has no "components" array']);
  });

  it('given a form whose id differs from its file key, when checked, then the mismatch is reported', () => {
    // given
    const schema = fixture('domanda-contributo');

    // when
    const problems = checkFormSchema(schema, 'domanda-bonus');

    // then
    expect(problems).toEqual(['form id "domanda-contributo" does not match the expected "domanda-bonus"']);
  });

  it('given an unknown component type, when checked, then the component is named', () => {
    // given
    const schema = fixture('broken-unknown-type');

    // when
    const problems = checkFormSchema(schema, 'broken-unknown-type');

    // then
    expect(problems).toEqual(['colorpicker "colore": unknown component type "colorpicker"']);
  });

  it('given a key claimed twice through a group path, when checked, then the duplicate binding is reported', () => {
    // given
    const schema = fixture('broken-duplicate-key');

    // when
    const problems = checkFormSchema(schema);

    // then
    expect(problems).toEqual(['textfield "email": binding path "richiedente.email" is already claimed by another field']);
  });

  it('given an invalid pattern and an unparsable condition, when checked, then both name their component', () => {
    // given
    const schema = fixture('broken-expressions');

    // when
    const problems = checkFormSchema(schema);

    // then
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^textfield "codice": validate.pattern is not a valid regular expression/);
    expect(problems[1]).toMatch(/^textfield "altro": conditional.hide is not valid FEEL \(.+\): =codice = $/);
  });

  it.each([
    [[{ type: 'textfield', key: 'a' }, { type: 'number', key: 'a' }], 'number "a": binding path "a" is already claimed by another field'],
    [[{ type: 'textfield', key: 'a' }, { type: 'textfield', key: 'a.b' }], 'textfield "a.b": binding path "a.b" is already claimed by another field'],
    [[{ type: 'textfield', key: 'a.b' }, { type: 'group', path: 'a', components: [] }], null],
    [[{ type: 'textfield', key: 'a.b' }, { type: 'dynamiclist', path: 'a', components: [] }], 'dynamiclist "a": binding path "a" is already claimed by another field or container'],
    [[{ type: 'dynamiclist', path: 'l', components: [{ type: 'textfield', key: 'x' }] }, { type: 'textfield', key: 'l.y' }], 'textfield "l.y": binding path "l.y" is already claimed by a dynamic list'],
    [[{ type: 'textfield', id: 'X', key: 'a' }, { type: 'textfield', id: 'X', key: 'b' }], 'textfield "b": duplicate id "X"'],
    [[{ type: 'textfield' }], 'textfield at components[0]: missing "key"'],
    [[{ type: 'textfield', key: '__proto__.x' }], 'textfield "__proto__.x": invalid key "__proto__.x"'],
    [[{ type: 'dynamiclist', components: [] }], 'dynamiclist at components[0]: a dynamic list needs a "path"'],
    [[{ type: 'textfield', key: 'a', conditional: { hide: 'a = 1' } }], 'textfield "a": conditional.hide must be a FEEL expression starting with "="'],
    [[{ type: 'number', key: 'n', validate: { max: '=limite +' } }], 'number "n": validate.max is not valid FEEL (Incomplete <ArithmeticExpression>): =limite +'],
    [[{ type: 'number', key: 'n', decimalDigits: -1, increment: 'abc' }], 'number "n": decimalDigits must be a non-negative integer'],
    [[{ type: 'datetime', key: 'd', subtype: 'week' }], 'datetime "d": unknown datetime subtype "week"'],
    [[{ type: 'textfield', key: 't', validate: { validationType: 'iban' } }], 'textfield "t": unknown validate.validationType "iban"'],
    [[{ type: 'select', key: 's', values: 'a,b' }], 'select "s": "values" must be an array of options'],
  ])('given components %j, when checked, then the first problem is %p', (components, expected) => {
    // given
    const schema = aSchema(components);

    // when
    const problems = checkFormSchema(schema);

    // then
    expect(problems[0] ?? null).toBe(expected);
  });

  it('given a nested list whose children bind inside it, when checked, then the list may own those paths', () => {
    // given
    const schema = aSchema([
      { type: 'dynamiclist', path: 'nuclei', components: [{ type: 'dynamiclist', path: 'figli', components: [{ type: 'textfield', key: 'nome' }] }] },
    ]);

    // when
    const problems = checkFormSchema(schema);

    // then
    expect(problems).toEqual([]);
  });
});
