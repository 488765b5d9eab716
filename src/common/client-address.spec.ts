import { rateLimitBucket } from './client-address';

describe('rate-limit buckets (issue 9 probe: each IPv6 address was a fresh bucket)', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:0db8:0001:0002::/64'],
    ['another address of the same /64', '2001:db8:1:2::1', '2001:0db8:0001:0002::/64'],
    ['a compressed address', '2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['the loopback', '::1', '0000:0000:0000:0000::/64'],
    ['an IPv6 address with a zone', 'fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['nothing', undefined, 'unknown'],
    ['garbage', 'not-an-ip', 'unknown'],
  ])('given %s, when bucketed, then it counts in %s', (_label, ip, bucket) => {
    expect(rateLimitBucket(ip)).toBe(bucket);
  });

  it('given two IPv6 addresses in different /64s, when bucketed, then they count apart', () => {
    expect(rateLimitBucket('2001:db8:1:2::1')).not.toBe(rateLimitBucket('2001:db8:1:3::1'));
  });
});
