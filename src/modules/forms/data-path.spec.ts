import { clearAt, formatPath, getAt, setAt } from './data-path';

describe('data paths', () => {
  it('given a path through objects and list items, when set then read, then the value round-trips', () => {
    // given
    const data: Record<string, unknown> = {};

    // when
    setAt(data, ['figli', 1, 'nome'], 'Anna');

    // then
    expect(getAt(data, ['figli', 1, 'nome'])).toBe('Anna');
    expect(formatPath(['figli', 1, 'nome'])).toBe('figli[1].nome');
    expect(formatPath(['richiedente', 'email'])).toBe('richiedente.email');
  });

  it('given a prototype segment, when setting, then it is refused', () => {
    // given
    const data: Record<string, unknown> = {};

    // when / then
    expect(() => setAt(data, ['__proto__', 'polluted'], true)).toThrow('illegal data path');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given inherited properties, when reading, then only own keys are seen', () => {
    // given / when / then
    expect(getAt({}, ['toString'])).toBeUndefined();
  });

  it('given a value whose parents hold nothing else, when cleared, then the emptied parents go too', () => {
    // given
    const data: Record<string, unknown> = { a: { b: { c: 1 } }, d: { e: 1, f: 2 } };

    // when
    clearAt(data, ['a', 'b', 'c']);
    clearAt(data, ['d', 'e']);

    // then
    expect(data).toEqual({ d: { f: 2 } });
  });
});
