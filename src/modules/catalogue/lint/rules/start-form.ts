import { elementsOf, eventDefinitionTypes, stringOf } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** The citizen files through the one plain start event of the process, with a form that exists. */
const startForm: LintRuleFactory = (config = {}) => {
  const forms = new Set(config.formKeys ?? []);
  return ruleFor(['bpmn:Process'], (proc, report) => {
    if (proc.isExecutable !== true) return;
    const plain = elementsOf(proc, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent' && eventDefinitionTypes(e).length === 0);
    if (plain.length !== 1) {
      report(proc, `expected exactly one start event without event definition (the citizen's submission), found ${plain.length}`);
      return;
    }
    const formKey = stringOf(plain[0], 'formKey');
    if (!formKey) report(plain[0], "camunda:formKey is missing (the citizen's submission form)");
    else if (!forms.has(formKey)) report(plain[0], `form "${formKey}" not found in forms/`);
  });
};

export default startForm;
