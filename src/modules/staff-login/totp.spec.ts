import { base32Decode, base32Encode, hotp, verifyTotp } from './totp';

// RFC 6238 appendix B (SHA-1 seed "12345678901234567890"), 6-digit truncation of the published 8-digit values.
const SEED = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('given the RFC test seed at %i s, when computing, then the code is %s', (t, code) => {
    expect(hotp(SEED, Math.floor(t / 30))).toBe(code);
  });

  it('given a code, when verified twice, then the second time it is refused (no replay); a neighbour step is accepted once', () => {
    const now = new Date(1234567890 * 1000);
    const step = verifyTotp(SEED, '005924', now, null);
    expect(step).toBe(Math.floor(1234567890 / 30));
    expect(verifyTotp(SEED, '005924', now, step)).toBeNull();
    expect(verifyTotp(SEED, hotp(SEED, (step as number) + 1), now, step)).toBe((step as number) + 1);
  });

  it('given a wrong or malformed code, when verified, then it is refused', () => {
    const now = new Date(1234567890 * 1000);
    expect(verifyTotp(SEED, '005925', now, null)).toBeNull();
    expect(verifyTotp(SEED, '5924', now, null)).toBeNull();
    expect(verifyTotp(SEED, hotp(SEED, Math.floor(1234567890 / 30) + 5), now, null)).toBeNull();
  });

  it('given bytes, when base32 round-tripped, then they are unchanged', () => {
    expect(base32Decode(base32Encode(Buffer.from('sportello!'))).toString()).toBe('sportello!');
  });
});
