import type { LintRuleFactory } from './lint-types';
import citizenStatus from './rules/citizen-status';
import diagramRequired from './rules/diagram-required';
import engineSupport from './rules/engine-support';
import noScripts from './rules/no-scripts';
import processMetadata from './rules/process-metadata';
import safeExpressions from './rules/safe-expressions';
import serviceTask from './rules/service-task';
import startForm from './rules/start-form';
import userTask from './rules/user-task';

/** bpmnlint-plugin-sportello: our authoring conventions (ARCHITECTURE.md §6, ENGINE.md §8-9) as bpmnlint rules. */
export const SPORTELLO_RULES: Readonly<Record<string, LintRuleFactory>> = {
  'diagram-required': diagramRequired,
  'process-metadata': processMetadata,
  'start-form': startForm,
  'user-task': userTask,
  'service-task': serviceTask,
  'citizen-status': citizenStatus,
  'no-scripts': noScripts,
  'safe-expressions': safeExpressions,
  'engine-support': engineSupport,
};

/** Rules that read the catalogue (offices, forms, services) through their config. */
export const CONTEXT_RULES: ReadonlySet<string> = new Set(['process-metadata', 'start-form', 'user-task', 'service-task']);
