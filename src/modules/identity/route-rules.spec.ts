import { DEFAULT_ROUTE_RULES, matchesAny, matchesRule } from './route-rules';

describe('route rules', () => {
  it.each([
    ['GET', '/api/v1/procedures', true],
    ['GET', '/api/v1/procedures/:key', true],
    ['HEAD', '/api/v1/procedures/certificato-residenza', true],
    ['POST', '/api/v1/procedures', false],
    ['GET', '/api/v1/procedures-admin', false],
    ['GET', '/api/v1/procedures/../cases', false],
    ['GET', '/api/v1/procedures/%2e%2e/cases', false],
    ['GET', '/api/docs', true],
    ['GET', '/api/docs-json', true],
    ['GET', '/health', true],
    ['GET', '/health/ready', true],
    ['GET', '/api/v1/cases', false],
  ])('given %s %s, when matched against the public rules, then public is %s', (method, path, expected) => {
    // when
    const isPublic = matchesAny(DEFAULT_ROUTE_RULES.public, method, path);
    // then
    expect(isPublic).toBe(expected);
  });

  it('given the admin-token rule, when matching any method under /api/v1/admin, then it applies only there', () => {
    // given
    const [rule] = DEFAULT_ROUTE_RULES.adminToken;
    // when / then
    expect(matchesRule(rule, 'POST', '/api/v1/admin/incidents/:id/retry')).toBe(true);
    expect(matchesRule(rule, 'GET', '/api/v1/admin')).toBe(true);
    expect(matchesRule(rule, 'GET', '/api/v1/administration')).toBe(false);
  });
});
