import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;

  it('given remembered claims, when asked before the token expires, then they come back', () => {
    // given
    const cache = new VerifiedTokens(10, 60_000, 5, clock);
    cache.remember('t1', { sub: 'a', exp: now / 1000 + 30 });
    // when
    const claims = cache.get('t1');
    // then
    expect(claims).toEqual({ sub: 'a', exp: now / 1000 + 30 });
    expect(cache.get('t2')).toBeUndefined();
  });

  it('given a token, when its exp plus the clock tolerance has passed, then it is forgotten', () => {
    // given
    const cache = new VerifiedTokens(10, 600_000, 5, clock);
    cache.remember('t1', { sub: 'a', exp: now / 1000 + 30 });
    // when
    now += 34_000;
    const within = cache.get('t1');
    now += 1_000;
    const after = cache.get('t1');
    // then
    expect(within).toBeDefined();
    expect(after).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('given a long-lived token, when the maximum age has passed, then it is verified again', () => {
    // given
    const cache = new VerifiedTokens(10, 60_000, 5, clock);
    cache.remember('t1', { sub: 'a', exp: now / 1000 + 86_400 });
    // when
    now += 60_000;
    // then
    expect(cache.get('t1')).toBeUndefined();
  });

  it('given claims without a numeric exp, when remembered, then nothing is kept', () => {
    // given
    const cache = new VerifiedTokens(10, 60_000, 5, clock);
    // when
    cache.remember('t1', { sub: 'a' });
    cache.remember('t2', { sub: 'a', exp: '9999999999' });
    // then
    expect(cache.size).toBe(0);
  });

  it('given more tokens than the bound, when remembered, then the oldest are dropped', () => {
    // given
    const cache = new VerifiedTokens(2, 60_000, 5, clock);
    const exp = now / 1000 + 30;
    // when
    cache.remember('t1', { exp });
    cache.remember('t2', { exp });
    cache.remember('t3', { exp });
    // then
    expect(cache.size).toBe(2);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')).toBeDefined();
    expect(cache.get('t3')).toBeDefined();
  });
});
