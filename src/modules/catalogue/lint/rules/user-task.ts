import { elementsOf, ModdleElement, stringOf } from '../../moddle-helpers';
import { CITIZEN_GROUP } from '../../catalogue.types';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** A user task names who works it (an office, or the citizen) and the form they fill in. */
const userTask: LintRuleFactory = (config = {}) => {
  const offices = new Set(config.officeKeys ?? []);
  const forms = new Set(config.formKeys ?? []);
  return ruleFor(['bpmn:UserTask'], (el, report) => {
    const raw = stringOf(el, 'candidateGroups');
    const groups = (raw ?? '').split(',').map((g) => g.trim()).filter((g) => g !== '');
    if (groups.length === 0) report(el, 'camunda:candidateGroups is missing (an office key, or "citizen")');
    for (const group of groups) {
      if (group !== CITIZEN_GROUP && !offices.has(group)) report(el, `candidate group "${group}" is neither an office in processes/offices.json nor "citizen"`);
    }
    const lane = laneOf(el);
    if (lane && groups.length === 1 && raw !== undefined && !raw.includes('$')) {
      report(el, `camunda:candidateGroups "${raw}" is a single literal inside lane ${lane.id ?? '(no id)'}; bpmn-server fails on it (remove the lane)`);
    }
    const formKey = stringOf(el, 'formKey');
    if (!formKey) report(el, 'camunda:formKey is missing');
    else if (!forms.has(formKey)) report(el, `form "${formKey}" not found in forms/`);
  });
};

function laneOf(node: ModdleElement): ModdleElement | undefined {
  let container = node.$parent;
  while (container && container.$type !== 'bpmn:Process') container = container.$parent;
  const visit = (laneSet: ModdleElement): ModdleElement | undefined => {
    for (const lane of elementsOf(laneSet, 'lanes')) {
      if (elementsOf(lane, 'flowNodeRef').includes(node)) return lane;
      const child = lane.childLaneSet as ModdleElement | undefined;
      const found = child ? visit(child) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  for (const laneSet of container ? elementsOf(container, 'laneSets') : []) {
    const lane = visit(laneSet);
    if (lane) return lane;
  }
  return undefined;
}

export default userTask;
