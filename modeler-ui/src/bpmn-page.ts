import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { sportelloLintSetup } from '../../src/modules/catalogue/lint/lint-config';
import { linkSequenceFlows, ModdleElement } from '../../src/modules/catalogue/moddle-helpers';
import { api, PublicationPreview } from './api';
import { sportelloPropertiesModule } from './conventions-provider';
import { el } from './dom';
import { dryRunPanel } from './dry-run-panel';
import { M } from './messages';

export async function showProcedure(app: HTMLElement, key: string): Promise<void> {
  const [ctx, procedure] = await Promise.all([api.context(), api.procedure(key)]);
  document.title = `${M.editorTitle(key)} · Modeler`;
  const status = el('p', { class: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const problems = el('ol', { class: 'sp-problems', id: 'sp-problems' });
  const save = el('button', { type: 'button', class: 'sp-button' }, M.save);
  const validate = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.validate);
  const publish = el('button', { type: 'button', class: 'sp-button sp-secondary', id: 'sp-publish-open' }, M.publish);
  const dryRunOpen = el('button', { type: 'button', class: 'sp-button sp-secondary', id: 'sp-dryrun-open' }, M.dryRun.open);
  const exportZip = el('a', { class: 'sp-button sp-secondary', href: `/modeler/api/procedures/${encodeURIComponent(key)}/export`, download: `${key}.zip` }, M.exportZip);
  const publication = el('section', { class: 'sp-publish', id: 'sp-publish', 'aria-labelledby': 'sp-publish-title', hidden: '' });
  const dryRunSection = el('section', { class: 'sp-publish sp-dryrun', id: 'sp-dryrun', 'aria-labelledby': 'sp-dryrun-title', hidden: '' });
  const canvas = el('div', { class: 'sp-canvas', id: 'sp-canvas' });
  const panel = el('aside', { class: 'sp-panel', id: 'sp-panel', 'aria-label': 'Proprietà' });
  app.replaceChildren(
    el('div', { class: 'sp-toolbar' }, el('h1', {}, M.editorTitle(key)), save, validate, dryRunOpen, publish, exportZip),
    publication,
    dryRunSection,
    el('div', { class: 'sp-editor' }, canvas, panel),
    el('section', { 'aria-labelledby': 'sp-problems-title', class: 'sp-report' }, el('h2', { id: 'sp-problems-title' }, M.problemsTitle), status, problems),
  );

  const modeler = new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    linting: { bpmnlint: sportelloLintSetup(ctx.lint), active: true },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      lintModule,
      sportelloPropertiesModule(ctx),
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
  // Hand-written files leave out incoming/outgoing; fill them in as the server does before it lints,
  // so both sides see the same graph (bpmnlint's no-disconnected, no-implicit-* walk them).
  modeler.on('import.parse.complete', (event: { definitions?: ModdleElement }) => {
    if (event.definitions) linkSequenceFlows(event.definitions);
  });
  await modeler.importXML(procedure.xml);
  (modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');

  const show = (found: string[], message?: string): void => {
    status.textContent = message ?? (found.length === 0 ? M.noProblems : M.problems(found.length));
    problems.replaceChildren(...found.map((p) => el('li', {}, p)));
  };
  const xml = async (): Promise<string> => (await modeler.saveXML({ format: true })).xml ?? '';
  save.addEventListener('click', async () => {
    const result = await api.saveProcedure(key, await xml());
    show(result.problems, `${M.saved} ${result.problems.length === 0 ? M.noProblems : M.problems(result.problems.length)}`);
  });
  validate.addEventListener('click', async () => show((await api.validateProcedure(key, await xml())).problems));
  publish.addEventListener('click', async () => {
    try {
      const saved = await api.saveProcedure(key, await xml());
      show(saved.problems, `${M.saved} ${saved.problems.length === 0 ? M.noProblems : M.problems(saved.problems.length)}`);
      showPublication(publication, key, await api.publication(key));
    } catch (error) {
      show([], error instanceof Error ? error.message : String(error));
    }
  });
  const dryRun = dryRunPanel(dryRunSection, key, xml, modeler.get('canvas'));
  dryRunOpen.addEventListener('click', () => void dryRun.open());
  (window as unknown as { sportelloModeler: unknown }).sportelloModeler = modeler;
}

/** The diff, running cases and dropped waiting steps of the saved draft, with the confirm button (or the problems that block it). */
function showPublication(section: HTMLElement, key: string, preview: PublicationPreview): void {
  const title = el('h2', { id: 'sp-publish-title', tabindex: '-1' }, M.publishTitle);
  const status = el('p', { class: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const list = (heading: string, items: string[]): HTMLElement[] => (items.length ? [el('h3', {}, heading), el('ul', {}, ...items.map((i) => el('li', {}, i)))] : []);
  const { diff } = preview;
  const label = (e: { id: string; type: string; name: string }): string => `${e.name || e.id} (${e.type} ${e.id})`;
  const details = [
    ...list(M.added, diff.added.map(label)),
    ...list(M.removed, diff.removed.map(label)),
    ...list(M.changed, diff.changed.map((c) => `${label(c)}: ${M.changedFacts(c.changed)}`)),
    ...list(
      M.formsChanged,
      diff.forms.map((f) =>
        [f.formKey, [f.added.length ? M.fieldsAdded(f.added) : '', f.removed.length ? M.fieldsRemoved(f.removed) : '', f.changed.length ? M.fieldsChanged(f.changed) : ''].filter(Boolean).join('; ')].join(': '),
      ),
    ),
    ...list(M.metadataChanged, diff.metadata.map((m) => M.metadataLine(M.fields[m.field as keyof typeof M.fields] ?? m.field, m.before, m.after))),
  ];
  const current = preview.current?.version ?? null;
  const dropped = preview.droppedWaitingSteps.length
    ? [
        el(
          'div',
          { class: 'sp-warning' },
          el('h3', {}, M.droppedTitle),
          el('ul', {}, ...preview.droppedWaitingSteps.map((d) => el('li', {}, M.droppedLine(d.name, d.elementId, d.version, d.instances)))),
        ),
      ]
    : [];
  const cancel = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.cancel);
  const confirm = el('button', { type: 'button', class: 'sp-button', id: 'sp-publish-confirm' }, M.confirmPublish);
  cancel.addEventListener('click', () => {
    section.hidden = true;
    document.getElementById('sp-publish-open')?.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const done = await api.publish(key, current);
      status.textContent = done.created ? M.published(done.version) : M.unchanged(done.version);
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
      confirm.disabled = false;
    }
  });
  const blocked = preview.problems.length
    ? [el('p', { class: 'sp-error' }, M.blocked), el('ol', { class: 'sp-problems' }, ...preview.problems.map((p) => el('li', {}, p)))]
    : [];
  section.replaceChildren(
    title,
    el('p', {}, M.diffAgainst(current)),
    ...(details.length || current === null ? details : [el('p', {}, M.noChanges)]),
    el('p', {}, M.running(preview.runningOnCurrent, current)),
    ...dropped,
    ...blocked,
    status,
    el('div', { class: 'sp-actions' }, ...(preview.problems.length ? [] : [confirm]), cancel),
  );
  section.hidden = false;
  title.focus();
}
