import { isPrivateAddress, webhookUrlProblem } from './webhook-url';

describe('webhook subscriber URLs', () => {
  it('given loopback, private, link-local and unique-local addresses, when checked, then each is private and public ones are not', () => {
    // when / then
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('given URLs on loopback or private literals, when private URLs are not allowed, then they are refused; when allowed, they pass', async () => {
    // when / then
    expect(await webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBe('private');
    expect(await webhookUrlProblem('http://[::1]/hook', false)).toBe('private');
    expect(await webhookUrlProblem('https://10.0.0.5/hook', false)).toBe('private');
    expect(await webhookUrlProblem('http://localhost/hook', false)).toBe('private');
    expect(await webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await webhookUrlProblem('https://93.184.216.34/hook', false)).toBeNull();
  });

  it('given URLs that are not http(s) or carry credentials, when checked, then they are refused even when private ones are allowed', async () => {
    // when / then
    expect(await webhookUrlProblem('ftp://example.it/x', true)).toBe('not-http');
    expect(await webhookUrlProblem('https://user:pw@example.it/x', true)).toBe('credentials');
    expect(await webhookUrlProblem('non un url', true)).toBe('not-url');
  });
});
