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
import { api } from './api';
import { sportelloPropertiesModule } from './conventions-provider';
import { el } from './dom';
import { M } from './messages';

export async function showProcedure(app: HTMLElement, key: string): Promise<void> {
  const [ctx, procedure] = await Promise.all([api.context(), api.procedure(key)]);
  document.title = `${M.editorTitle(key)} · Modeler`;
  const status = el('p', { class: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const problems = el('ol', { class: 'sp-problems', id: 'sp-problems' });
  const save = el('button', { type: 'button', class: 'sp-button' }, M.save);
  const validate = el('button', { type: 'button', class: 'sp-button sp-secondary' }, M.validate);
  const canvas = el('div', { class: 'sp-canvas', id: 'sp-canvas' });
  const panel = el('aside', { class: 'sp-panel', id: 'sp-panel', 'aria-label': 'Proprietà' });
  app.replaceChildren(
    el('div', { class: 'sp-toolbar' }, el('h1', {}, M.editorTitle(key)), save, validate),
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
  (window as unknown as { sportelloModeler: unknown }).sportelloModeler = modeler;
}
