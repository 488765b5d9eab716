import { isIPv4, isIPv6 } from 'node:net';

/**
 * The bucket a rate limit counts a client in: an IPv4 address as is (IPv4-mapped IPv6 too), an
 * IPv6 address by its /64 prefix, since one subscriber usually gets a whole /64 and could
 * otherwise take a fresh address, and a fresh bucket, per attempt.
 */
export function rateLimitBucket(address: string | undefined): string {
  const ip = (address ?? '').trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(ip)) return ip;
  if (isIPv6(ip)) return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** Eight 4-digit lower-case hex groups; an embedded IPv4 tail becomes two groups. */
function expandIPv6(ip: string): string[] {
  let addr = ip.toLowerCase().split('%')[0];
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(addr);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    addr = addr.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = tail !== undefined ? [...left, ...Array<string>(missing).fill('0'), ...right] : left;
  return groups.map((g) => g.padStart(4, '0'));
}
