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
});
