import { elementsOf, extensionValues, stringOf } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

/** Logic lives in TypeScript service tasks, never in scripts inside the diagram. */
const noScripts: LintRuleFactory = () =>
  ruleFor(['bpmn:FlowElement', 'bpmn:Process'], (el, report) => {
    if (el.$type === 'bpmn:ScriptTask') report(el, 'script tasks are not allowed; put the logic in a TypeScript service task');
    for (const ext of extensionValues(el)) {
      if ((ext.$type === 'camunda:ExecutionListener' || ext.$type === 'camunda:TaskListener') && ext.script) {
        const kind = ext.$type === 'camunda:ExecutionListener' ? 'camunda:executionListener' : 'camunda:taskListener';
        report(el, `${kind} scripts are not allowed; put the logic in a TypeScript service task`);
      }
      if (ext.$type === 'camunda:InputOutput') {
        for (const param of [...elementsOf(ext, 'inputParameters'), ...elementsOf(ext, 'outputParameters')]) {
          const definition = param.definition as { $type?: string } | undefined;
          if (definition?.$type === 'camunda:Script') report(el, `script in input/output parameter "${stringOf(param, 'name') ?? ''}" is not allowed`);
        }
      }
    }
  });

export default noScripts;
