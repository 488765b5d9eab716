import { isPagePath } from './configure-web';

describe('isPagePath', () => {
  it.each([
    ['/', true],
    ['/servizi/certificato-residenza/domanda', true],
    ['/console', true],
    ['/dev-idp/interaction/abc123', true],
    ['/developer', true],
    ['/api/v1/cases', false],
    ['/apiary', true],
    ['/health', false],
    ['/static/app/js/wizard.js', false],
    ['/dev-idp/auth', false],
    ['/dev-idp/token', false],
    ['/dev-pagopa/gpd/organizations/x/debtpositions', false],
    ['/dev-pagopa/checkout/abc', false],
    ['/dev-io/api/v1/messages', false],
    ['/dev-anpr', false],
  ])('given %s, then page = %s', (path, page) => {
    expect(isPagePath(path)).toBe(page);
  });
});
