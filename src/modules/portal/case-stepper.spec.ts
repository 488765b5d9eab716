import type { CaseTimelineEntry, CaseView } from '../cases';
import type { CitizenStatus } from '../catalogue';
import { diagramStepper } from './case-stepper';

const NIDO: CitizenStatus[] = ['inviata', 'presa-in-carico', 'in-lavorazione', 'da-integrare', 'sospesa', 'accettata', 'rifiutata'];
const entry = (status: string): CaseTimelineEntry => ({ status, message: status, actorKind: 'system', office: null, at: new Date('2026-01-01T10:00:00Z') });
const DISPLAY: Record<string, CaseView['displayStatus']> = { inviata: 'inviata', accettata: 'accettata', rifiutata: 'rifiutata' };
const caseIn = (status: string, history: string[], extra: { withdrawn?: boolean } = {}) => ({
  status,
  displayStatus: DISPLAY[status] ?? 'in elaborazione',
  timeline: history.map(entry),
  withdrawal: extra.withdrawn ? { at: new Date(), protocol: null } : null,
});
const render = (steps: Array<{ label: string; state: string }>) => steps.map((s) => `${s.label}:${s.state}`);

describe('case page stepper from the diagram phases', () => {
  it('given a case just taken in charge, when the stepper is drawn, then it lists the main phases in diagram order without the branch-only ones, then Esito', () => {
    expect(render(diagramStepper(caseIn('presa-in-carico', ['inviata', 'presa-in-carico']), NIDO))).toEqual([
      'Inviata:done',
      'Presa in carico:current',
      'In lavorazione:todo',
      'Esito:todo',
    ]);
  });

  it('given a case that went through an integration and is back in charge, when drawn, then Da integrare shows as done and the present phase is current', () => {
    expect(render(diagramStepper(caseIn('presa-in-carico', ['inviata', 'presa-in-carico', 'da-integrare', 'presa-in-carico']), NIDO))).toEqual([
      'Inviata:done',
      'Presa in carico:current',
      'In lavorazione:todo',
      'Da integrare:done',
      'Esito:todo',
    ]);
  });

  it('given an accepted case, when drawn, then every phase is done and the last step names the outcome', () => {
    const steps = render(diagramStepper(caseIn('accettata', ['inviata', 'presa-in-carico', 'in-lavorazione', 'accettata']), NIDO));
    expect(steps).toEqual(['Inviata:done', 'Presa in carico:done', 'In lavorazione:done', 'Accettata:done']);
  });

  it('given a case withdrawn while waiting, when drawn, then only the phases it reached are shown, then Ritirata', () => {
    expect(render(diagramStepper(caseIn('ritirata', ['inviata', 'ritirata'], { withdrawn: true }), NIDO))).toEqual(['Inviata:done', 'Ritirata:done']);
  });
});
