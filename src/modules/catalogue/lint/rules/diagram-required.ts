import { elementsOf, ModdleElement } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** Every process is drawn: without diagram interchange no modeler can open the file. */
const diagramRequired: LintRuleFactory = () =>
  ruleFor(['bpmn:Definitions'], (definitions, report) => {
    const drawn = new Set<ModdleElement>();
    for (const diagram of elementsOf(definitions, 'diagrams')) {
      const planeOf = (diagram.plane as ModdleElement | undefined)?.bpmnElement as ModdleElement | undefined;
      if (!planeOf) continue;
      drawn.add(planeOf);
      for (const participant of elementsOf(planeOf, 'participants')) {
        const ref = participant.processRef as ModdleElement | undefined;
        if (ref) drawn.add(ref);
      }
    }
    for (const proc of elementsOf(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process' && e.isExecutable === true)) {
      if (!drawn.has(proc)) report(proc, 'has no diagram (BPMN diagram interchange); run npm run catalogue:layout or draw it in the modeler');
    }
  });

export default diagramRequired;
