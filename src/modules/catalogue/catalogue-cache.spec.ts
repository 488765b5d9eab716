import { CatalogueCache } from './catalogue-cache';

describe('CatalogueCache', () => {
  it('given a remembered value, when asked again within the TTL, then it does not load again', async () => {
    const cache = new CatalogueCache<number>(5000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load, 1000)).toBe(1);
    expect(await cache.get('a', load, 5999)).toBe(1);
    expect(loads).toBe(1);
  });

  it('given a remembered value, when the TTL has passed, then it loads again', async () => {
    const cache = new CatalogueCache<number>(5000);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load, 1000);
    expect(await cache.get('a', load, 6000)).toBe(2);
  });

  it('given concurrent callers, when the value is loading, then they share one load', async () => {
    const cache = new CatalogueCache<number>(5000);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load, 0), cache.get('k', load, 1)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
  });

  it('given a failed load, when asked again, then it loads again instead of remembering the failure', async () => {
    const cache = new CatalogueCache<number>(5000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', async () => 7, 1)).toBe(7);
  });

  it('given remembered values, when cleared (a local deploy), then the next read loads', async () => {
    const cache = new CatalogueCache<number>(5000);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('k', load, 0);
    cache.clear();
    expect(await cache.get('k', load, 1)).toBe(2);
  });

  it('given a load in flight started outside a transaction, when a caller holding a connection asks, then it loads on its own instead of waiting (no pool deadlock)', async () => {
    // given: the outside caller's load waits for a pool connection that only the transaction can free
    let inTransaction = false;
    const cache = new CatalogueCache<string>(5000, () => inTransaction);
    let freeConnection!: (v: string) => void;
    const outside = cache.get('k', () => new Promise<string>((resolve) => (freeConnection = resolve)), 0);
    // when
    inTransaction = true;
    const own = await cache.get('k', async () => 'loaded on the transaction', 1);
    // then
    expect(own).toBe('loaded on the transaction');
    freeConnection('loaded outside');
    await expect(outside).resolves.toBe('loaded outside');
    // and a settled value is shared with everyone again
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', async () => 'not loaded again', 2)).toBe('loaded on the transaction');
  });

  it('given a load in flight, when another caller without a connection asks, then it shares that load', async () => {
    const cache = new CatalogueCache<string>(5000, () => false);
    let done!: (v: string) => void;
    const first = cache.get('k', () => new Promise<string>((resolve) => (done = resolve)), 0);
    const second = cache.get('k', async () => 'second load', 1);
    done('first load');
    expect([await first, await second]).toEqual(['first load', 'first load']);
  });
});
