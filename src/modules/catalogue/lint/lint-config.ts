import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { BpmnlintResolver } from 'bpmnlint';
import type { SportelloLintContext } from './lint-types';
import { CONTEXT_RULES, SPORTELLO_RULES } from './sportello-plugin';

type Category = 'error' | 'warn';

/**
 * bpmnlint's recommended rules that fit an executable diagram, at the category the server enforces.
 * Left out (see the modeler notes): `label-required` (ids and service tasks need no label to run; the
 * citizen reads citizenMessage, not names), `single-blank-start-event` (our `start-form` rule says it with
 * the citizen's form), `no-complex-gateway` and `link-event` (our `engine-support` says why), `global`
 * and `superfluous-label` (style), `no-inclusive-gateway` (the engine runs inclusive gateways).
 */
const BPMNLINT_RULES: Record<string, [(config?: unknown) => { check: unknown }, Category]> = {
  'ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'conditional-flows': [conditionalFlows, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'event-based-gateway': [eventBasedGateway, 'error'],
  'event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  'fake-join': [fakeJoin, 'warn'],
  'no-bpmndi': [noBpmndi, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-gateway-join-fork': [noGatewayJoinFork, 'warn'],
  'no-implicit-split': [noImplicitSplit, 'error'],
  'no-implicit-end': [noImplicitEnd, 'error'],
  'no-implicit-start': [noImplicitStart, 'error'],
  'no-overlapping-elements': [noOverlappingElements, 'warn'],
  'single-event-definition': [singleEventDefinition, 'error'],
  'start-event-required': [startEventRequired, 'error'],
  'sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'superfluous-gateway': [superfluousGateway, 'warn'],
  'superfluous-termination': [superfluousTermination, 'warn'],
};

export const PLUGIN = 'bpmnlint-plugin-sportello';

export interface SportelloLintSetup {
  config: { rules: Record<string, [Category, unknown]> };
  resolver: BpmnlintResolver;
}

/**
 * The one rule set, for the server (catalogue check, deploy, draft validation) and for bpmn-js-bpmnlint
 * in the modeler: bpmnlint's rules by their own names, ours as `sportello/<rule>` with the catalogue
 * (offices, forms, services) as the config of the rules that need it.
 */
export function sportelloLintSetup(ctx: SportelloLintContext): SportelloLintSetup {
  const rules: Record<string, [Category, unknown]> = {};
  const cache = new Map<string, unknown>();
  for (const [name, [factory, category]] of Object.entries(BPMNLINT_RULES)) {
    rules[`bpmnlint/${name}`] = [category, {}];
    cache.set(`bpmnlint/${name}`, factory);
  }
  for (const [name, factory] of Object.entries(SPORTELLO_RULES)) {
    rules[`sportello/${name}`] = ['error', CONTEXT_RULES.has(name) ? ctx : {}];
    cache.set(`${PLUGIN}/${name}`, factory);
  }
  const resolve = (pkg: string, name: string): unknown => {
    const found = cache.get(`${pkg}/${name}`);
    if (!found) throw new Error(`unknown lint rule <${pkg}/${name}>`);
    return found;
  };
  return {
    config: { rules },
    resolver: {
      resolveRule: resolve,
      resolveConfig: (pkg, name) => {
        throw new Error(`unknown lint config <${pkg}/${name}>`);
      },
    },
  };
}
