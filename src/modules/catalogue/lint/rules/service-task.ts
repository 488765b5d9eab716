import { stringOf } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** A service task runs a TypeScript handler registered under its `implementation` name. */
const serviceTask: LintRuleFactory = (config = {}) => {
  const services = [...(config.serviceNames ?? [])].sort();
  return ruleFor(['bpmn:ServiceTask'], (el, report) => {
    const name = stringOf(el, 'implementation');
    if (!name) report(el, 'implementation is missing; name a registered service such as "protocol.register"');
    else if (!services.includes(name)) report(el, `service "${name}" is not registered (registered: ${services.join(', ') || 'none'})`);
  });
};

export default serviceTask;
