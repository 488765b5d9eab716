import { join } from 'node:path';
import { createViewEngine } from './view-engine';

const TEMPLATES = join(__dirname, '..', '..', 'templates');

function render(view: string, context: object): Promise<string> {
  const engine = createViewEngine(TEMPLATES, true);
  return new Promise((resolve, reject) => engine(join(TEMPLATES, view), context, (e, html) => (e ? reject(e) : resolve(html ?? ''))));
}

describe('page header', () => {
  it('given an operator on a page whose view model has a citizen key, when the header renders, then it shows the operator, not a citizen area link', async () => {
    // given: the desk and console views describe the citizen they show under `citizen`-like keys
    const context = {
      principal: { kind: 'staff', name: 'Luca Bianchi' },
      sessionCitizen: null,
      citizen: { givenName: 'Mario', familyName: 'Rossi' },
      comune: 'Comune di Prova',
      messages: {},
    };
    // when
    const html = await render('web/privacy.hbs', context);
    // then
    expect(html).toContain('Luca Bianchi');
    expect(html).not.toContain('Mario Rossi');
  });

  it('given a citizen logged in, when the header renders, then it links their personal area with their name', async () => {
    const principal = { kind: 'citizen', givenName: 'Mario', familyName: 'Rossi', fiscalCode: 'RSSMRA80A01H501U' };
    const html = await render('web/privacy.hbs', { principal, sessionCitizen: principal, comune: 'Comune di Prova', messages: {} });
    expect(html).toMatch(/href="\/area-personale"[\s\S]*Mario Rossi/);
  });
});
