import { elementsOf, eventDefinitionTypes } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** Elements the hardened engine does not run (ENGINE.md §9). */
const engineSupport: LintRuleFactory = () =>
  ruleFor(['bpmn:FlowElement'], (el, report) => {
    if (el.$type === 'bpmn:ComplexGateway') report(el, 'complex gateways are not supported by the engine');
    const defs = eventDefinitionTypes(el);
    if (defs.includes('bpmn:ConditionalEventDefinition')) report(el, 'conditional events are not supported by the engine');
    if (defs.includes('bpmn:LinkEventDefinition')) report(el, 'link events are not supported by the engine');
    if (el.$type === 'bpmn:StartEvent' && defs.includes('bpmn:TimerEventDefinition')) report(el, 'timer start events are not supported yet by the scheduler');
    if (el.$type === 'bpmn:BoundaryEvent' && el.cancelActivity === false) report(el, 'non-interrupting boundary events are not supported yet; use an interrupting one');
    for (const def of elementsOf(el, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
      if (def.timeCycle) report(el, 'timeCycle timers are not supported yet by the scheduler');
      else if (!def.timeDuration && !def.timeDate) report(el, 'timer has neither timeDuration nor timeDate');
    }
  });

export default engineSupport;
