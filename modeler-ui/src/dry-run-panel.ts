import { api, ApiError, DryRunAction, DryRunState, DryRunStep, DryRunWaiting } from './api';
import { el } from './dom';
import { M } from './messages';

/** The canvas markers of the path taken and of what the run waits on (bpmn-js Canvas). */
interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}
const PATH = 'sp-dryrun-path';
const WAITING = 'sp-dryrun-waiting';

/**
 * The "Prova (dry run)" panel of the diagram editor. The browser keeps the list of steps; each
 * step posts the whole list with the diagram as it is in the editor, and the server replays it in
 * a sandbox that leaves nothing behind. Data proposed from each form is shown as JSON the analyst
 * can edit before the step (to take another path at a gateway).
 */
export function dryRunPanel(section: HTMLElement, key: string, xml: () => Promise<string>, canvas: Canvas): { open(): Promise<void> } {
  let actions: DryRunAction[] = [];
  let marked: Array<[string, string]> = [];

  const title = el('h2', { id: 'sp-dryrun-title', tabindex: '-1' }, M.dryRun.title);
  const intro = el('p', {}, M.dryRun.intro);
  const citizen = el('div', { class: 'sp-dryrun-citizen', role: 'status', 'aria-live': 'polite', id: 'sp-dryrun-citizen' });
  const error = el('div', { class: 'sp-error', role: 'alert', id: 'sp-dryrun-error', tabindex: '-1' });
  const steps = el('ol', { class: 'sp-dryrun-steps', id: 'sp-dryrun-steps', 'aria-label': M.dryRun.stepsTitle });
  const next = el('div', { id: 'sp-dryrun-next' });
  const restart = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.dryRun.restart);
  const close = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.dryRun.close);
  section.replaceChildren(title, intro, citizen, error, el('h3', {}, M.dryRun.stepsTitle), steps, next, el('div', { class: 'sp-actions' }, restart, close));

  const mark = (ids: string[], marker: string): void => {
    for (const id of ids) {
      try {
        canvas.addMarker(id, marker);
        marked.push([id, marker]);
      } catch {
        // an element of a call activity's child or a sub-process drawn elsewhere: nothing to mark here
      }
    }
  };

  const render = (state: DryRunState): void => {
    for (const [id, marker] of marked) canvas.removeMarker(id, marker);
    marked = [];
    mark(state.steps.flatMap((s) => s.path.map((p) => p.elementId)), PATH);
    mark(state.waiting.map((w) => w.elementId), WAITING);
    citizen.replaceChildren(
      el('h3', {}, M.dryRun.citizenTitle),
      el('p', {}, state.citizenStatus ? M.dryRun.citizenNow(state.citizenStatus, state.citizenMessage ?? '') : M.dryRun.citizenNone),
      ...(state.status === 'ended' ? [el('p', { class: 'sp-dryrun-ended' }, M.dryRun.ended)] : []),
    );
    steps.replaceChildren(...state.steps.map((s, i) => stepItem(s, i)));
    if (state.error) error.replaceChildren(el('p', {}, M.dryRun.failed(state.error.step + 1, state.error.message)));
    const controls: HTMLElement[] = [];
    if (state.start) controls.push(dataStep('sp-dryrun-start', M.dryRun.startData(state.start.formKey), state.start.proposedData, M.dryRun.start, (data) => ({ kind: 'start', data })));
    for (const w of state.status === 'running' ? state.waiting : []) controls.push(waitingStep(w));
    next.replaceChildren(...(controls.length ? [el('h3', {}, M.dryRun.nextTitle), ...controls] : []));
  };

  /** Posts the steps; a refused new step's data errors go inline on its text area (`origin`), anything else to the alert. */
  const post = async (list: DryRunAction[], origin?: { area: HTMLTextAreaElement; slot: HTMLElement }): Promise<void> => {
    error.replaceChildren();
    try {
      const state = await api.dryRun(key, await xml(), list);
      actions = list;
      render(state);
      title.focus();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const own = `actions[${list.length - 1}].data`;
      const inline = origin ? fields.filter((f) => f.field === own || f.field.startsWith(`${own}.`)) : [];
      if (origin && inline.length) {
        origin.area.setAttribute('aria-invalid', 'true');
        origin.slot.textContent = inline.map((f) => `${f.field.slice(own.length + 1) || M.dryRun.wholeData}: ${f.message}`).join(' ');
        origin.area.focus();
        return;
      }
      error.replaceChildren(el('p', {}, e instanceof Error ? e.message : String(e)), ...(fields.length ? [el('ul', {}, ...fields.map((f) => el('li', {}, `${f.field}: ${f.message}`)))] : []));
      error.focus();
    }
  };

  /** A labelled JSON text area with the proposed data and the button that takes the step. */
  function dataStep(id: string, label: string, data: Record<string, unknown>, button: string, action: (data: Record<string, unknown>) => DryRunAction): HTMLElement {
    const area = el('textarea', { id, name: id, rows: '8', spellcheck: 'false', 'aria-describedby': `${id}-error` });
    area.value = JSON.stringify(data, null, 2);
    const slot = el('span', { class: 'sp-field-error', id: `${id}-error` });
    const go = el('button', { type: 'button', class: 'sp-button' }, button);
    go.addEventListener('click', () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(area.value);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        area.setAttribute('aria-invalid', 'true');
        slot.textContent = M.dryRun.badJson;
        area.focus();
        return;
      }
      area.removeAttribute('aria-invalid');
      slot.textContent = '';
      void post([...actions, action(parsed as Record<string, unknown>)], { area, slot });
    });
    return el('div', { class: 'sp-field sp-dryrun-data' }, el('label', { for: id }, label), area, slot, el('div', { class: 'sp-actions' }, go));
  }

  function waitingStep(w: DryRunWaiting): HTMLElement {
    const name = w.name || w.elementId;
    if (w.kind === 'timer') {
      const fire = el('button', { type: 'button', class: 'sp-button' }, M.dryRun.fire(name));
      fire.addEventListener('click', () => void post([...actions, { kind: 'timer', elementId: w.elementId }]));
      return el('div', { class: 'sp-dryrun-timer' }, el('p', {}, M.dryRun.timer(name, w.timeDue)), fire);
    }
    const label = w.kind === 'task' ? M.dryRun.taskData(name, w.formKey, w.candidateGroups) : M.dryRun.eventData(name);
    const button = w.kind === 'task' ? M.dryRun.complete(name) : M.dryRun.deliver(name);
    return dataStep(`sp-dryrun-${w.elementId}`, label, w.proposedData, button, (data) => ({ kind: 'complete', elementId: w.elementId, data }));
  }

  restart.addEventListener('click', () => void post([]));
  close.addEventListener('click', () => {
    for (const [id, marker] of marked) canvas.removeMarker(id, marker);
    marked = [];
    section.hidden = true;
    document.getElementById('sp-dryrun-open')?.focus();
  });
  return {
    open: async () => {
      section.hidden = false;
      await post([]);
    },
  };
}

function stepItem(s: DryRunStep, i: number): HTMLElement {
  const name = s.element?.name || s.element?.elementId || '';
  const heading = s.action.kind === 'start' ? M.dryRun.stepStart : s.action.kind === 'timer' ? M.dryRun.stepTimer(name) : M.dryRun.stepComplete(name);
  const passed = s.path.filter((p) => !p.type.endsWith('SequenceFlow') || p.name).map((p) => p.name || p.elementId);
  const lines = [
    ...(passed.length ? [M.dryRun.path(passed)] : []),
    ...s.citizen.map((c) => M.dryRun.citizenSees(c.status, c.message, c.onClaim)),
    ...s.skippedServices.map((x) => M.dryRun.skipped(x.name || x.elementId, x.implementation)),
    ...s.undelivered.map((u) => M.dryRun.undelivered(u.kind, u.name)),
  ];
  return el('li', { class: 'sp-dryrun-step', 'data-step': String(i) }, el('strong', {}, heading), el('ul', {}, ...lines.map((l) => el('li', {}, l))));
}
