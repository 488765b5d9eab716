import { camundaProperties } from '../../moddle-helpers';
import { CITIZEN_STATUSES, OUTCOME_STATUSES } from '../../catalogue.types';
import { LintRuleFactory, ruleFor } from '../lint-types';

const ALL: readonly string[] = CITIZEN_STATUSES;
const OUTCOMES: readonly string[] = OUTCOME_STATUSES;

/** What the citizen reads: known statuses with a message, on flow nodes; every top-level end event an outcome. */
const citizenStatus: LintRuleFactory = () =>
  ruleFor(['bpmn:FlowElement'], (el, report) => {
    const props = camundaProperties(el);
    const status = props.find((p) => p.name === 'citizenStatus')?.value.trim();
    const message = props.find((p) => p.name === 'citizenMessage')?.value.trim();
    const outcome = el.$type === 'bpmn:EndEvent' && el.$parent?.$type === 'bpmn:Process';
    if (status !== undefined || message !== undefined) {
      if (el.$type === 'bpmn:SequenceFlow') return report(el, 'citizenStatus/citizenMessage belong on flow nodes, not on sequence flows');
      if (status === undefined) return report(el, 'citizenMessage without citizenStatus');
      if (!ALL.includes(status)) report(el, `citizenStatus "${status}" is not one of ${ALL.join(', ')}`);
      if (!message) report(el, `citizenStatus "${status}" needs a non-empty citizenMessage`);
    }
    if (outcome && !status) report(el, `an end event carries the outcome: citizenStatus must be one of ${OUTCOMES.join(', ')}`);
    else if (outcome && status && ALL.includes(status) && !OUTCOMES.includes(status)) {
      report(el, `an end event carries the outcome: citizenStatus must be one of ${OUTCOMES.join(', ')}, found "${status}"`);
    }
  });

export default citizenStatus;
