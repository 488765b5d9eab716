import { hashRequest } from './file-case.use-case';

describe('hashRequest (Idempotency-Key reuse)', () => {
  it('given the same request with keys in another order, when hashed, then the hashes are equal', () => {
    // given
    const a = { richiedente: { nome: 'Mario', cognome: 'Rossi' }, numeroCopie: 1 };
    const b = { numeroCopie: 1, richiedente: { cognome: 'Rossi', nome: 'Mario' } };
    // when / then
    expect(hashRequest('certificato-residenza', a)).toBe(hashRequest('certificato-residenza', b));
  });

  it('given a different value, a different procedure or a different array order, when hashed, then the hashes differ', () => {
    // given
    const base = hashRequest('certificato-residenza', { numeroCopie: 1, figli: ['a', 'b'] });
    // when / then
    expect(hashRequest('certificato-residenza', { numeroCopie: 2, figli: ['a', 'b'] })).not.toBe(base);
    expect(hashRequest('iscrizione-nido', { numeroCopie: 1, figli: ['a', 'b'] })).not.toBe(base);
    expect(hashRequest('certificato-residenza', { numeroCopie: 1, figli: ['b', 'a'] })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
