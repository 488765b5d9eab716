import type { CaseView } from '../cases';
import { CitizenStatus, OUTCOME_STATUSES } from '../catalogue';
import { PORTAL_MESSAGES as M } from './portal.messages';

type Step = { label: string; state: 'done' | 'current' | 'todo' };
/** Phases a case passes only on some paths: shown once the case has been in them. */
const BRANCH_PHASES: readonly CitizenStatus[] = ['da-integrare', 'sospesa'];

/**
 * The stepper from the diagram's citizen phases (in diagram order, stored with the case's model
 * version): each phase before the outcome, then one "Esito" step named after the outcome once it
 * exists (or "Ritirata"). A phase the case has been in is done, the case's present phase is
 * current, later ones are still to come; the branch-only phases (integration, suspension) show
 * only when the case went through them.
 */
export function diagramStepper(view: Pick<CaseView, 'status' | 'displayStatus' | 'timeline' | 'withdrawal'>, phases: readonly CitizenStatus[]): Step[] {
  const seen = new Set(view.timeline.map((t) => t.status));
  const ended = OUTCOME_STATUSES.includes(view.status as CitizenStatus) || Boolean(view.withdrawal);
  const steps: Step[] = phases
    .filter((p) => !OUTCOME_STATUSES.includes(p))
    .filter((p) => !BRANCH_PHASES.includes(p) || seen.has(p) || view.status === p)
    .filter((p) => !view.withdrawal || seen.has(p))
    .map((p) => ({ label: M.phaseLabels[p], state: p === view.status && !ended ? 'current' : seen.has(p) || ended ? 'done' : 'todo' }));
  // Phases after the present one that the case also went through earlier (a loop back) stay done; the rest are to come.
  const current = steps.findIndex((s) => s.state === 'current');
  steps.forEach((s, i) => {
    if (current >= 0 && i > current && s.state === 'done' && !BRANCH_PHASES.some((b) => M.phaseLabels[b] === s.label)) s.state = 'todo';
  });
  const outcome = view.withdrawal ? M.phaseLabels.ritirata : ended ? (M.outcomeLabels[view.displayStatus] ?? M.phaseLabels.esito) : M.phaseLabels.esito;
  steps.push({ label: outcome, state: ended ? 'done' : 'todo' });
  return steps;
}

/**
 * Fallback for a case whose model version has no recorded phases: the citizen-visible phases as Designers Italia names them: sent, in progress, (to integrate,
 * when it happened), outcome. Each is done, current or still to come.
 */
export function timelineStepper(view: Pick<CaseView, 'timeline' | 'displayStatus'>): Array<{ label: string; state: 'done' | 'current' | 'todo' }> {
  const seen = new Set(view.timeline.map((t) => t.status));
  const outcome = view.displayStatus === 'accettata' || view.displayStatus === 'rifiutata';
  const phases: Array<{ label: string; reached: boolean }> = [
    { label: 'Inviata', reached: true },
    { label: 'In elaborazione', reached: [...seen].some((s) => s !== 'inviata') },
    ...(seen.has('da-integrare') ? [{ label: 'Da integrare', reached: true }] : []),
    { label: outcome ? (view.displayStatus === 'accettata' ? 'Accettata' : 'Rifiutata') : 'Esito', reached: outcome },
  ];
  const last = phases.map((p) => p.reached).lastIndexOf(true);
  return phases.map((p, i) => ({ label: p.label, state: i < last ? 'done' : i === last ? (outcome ? 'done' : 'current') : 'todo' }));
}
