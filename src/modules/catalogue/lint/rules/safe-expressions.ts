import { elementsOf, extensionValues, ModdleElement, stringOf } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\brequire\b/, 'require'],
  [/\bprocess\b/, 'process'],
  [/\bFunction\b/, 'Function'],
  [/\beval\b/, 'eval'],
  [/\$py/, '$py'],
  [/#/, '#'],
];
const EXPRESSION_ATTRIBUTES = ['assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'priority'];

/** Every expression the engine evaluates (ENGINE.md §8): conditions, timers, task attributes, listeners, I/O mappings. */
export function expressionsOf(el: ModdleElement): string[] {
  const out: string[] = [];
  for (const def of elementsOf(el, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
    for (const prop of ['timeDuration', 'timeDate', 'timeCycle']) {
      const body = stringOf((def[prop] as ModdleElement | undefined) ?? { $type: '' }, 'body');
      if (body !== undefined) out.push(body);
    }
  }
  const condition = el.conditionExpression as ModdleElement | undefined;
  if (condition) out.push(stringOf(condition, 'body') ?? '');
  for (const attr of EXPRESSION_ATTRIBUTES) {
    const value = stringOf(el, attr);
    if (value !== undefined) out.push(value);
  }
  for (const ext of extensionValues(el)) {
    if (ext.$type === 'camunda:ExecutionListener' || ext.$type === 'camunda:TaskListener') {
      const expression = stringOf(ext, 'expression');
      if (expression !== undefined) out.push(expression);
    }
    if (ext.$type === 'camunda:InputOutput') {
      for (const param of [...elementsOf(ext, 'inputParameters'), ...elementsOf(ext, 'outputParameters')]) {
        const value = stringOf(param, 'value');
        if (value !== undefined) out.push(value);
      }
    }
  }
  return out;
}

/** No expression reaches Node (require, process, Function, eval), Python ($py) or the JUEL form (#). */
const safeExpressions: LintRuleFactory = () =>
  ruleFor(['bpmn:FlowElement', 'bpmn:Process'], (el, report) => {
    for (const text of expressionsOf(el)) {
      for (const [pattern, token] of FORBIDDEN) {
        if (pattern.test(text)) report(el, `expression "${text.trim()}" uses "${token}", which the engine lint forbids`);
      }
    }
  });

export default safeExpressions;
