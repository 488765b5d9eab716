import type { ModdleElement } from '../moddle-helpers';

/**
 * What our rules need to know about the rest of the catalogue, handed to each rule as its bpmnlint
 * config. Plain arrays, so the same object travels as JSON to the modeler in the browser.
 */
export interface SportelloLintContext {
  officeKeys: string[];
  formKeys: string[];
  serviceNames: string[];
}

export interface LintReporter {
  report(id: string, message: string): void;
}

export interface LintRule {
  check(node: ModdleElement, reporter: LintReporter): void;
}

export type LintRuleFactory = (config?: Partial<SportelloLintContext>) => LintRule;

/** `report` with the id an element has, `(no id)` otherwise. */
export const reportOn = (reporter: LintReporter, el: ModdleElement, message: string): void => reporter.report(el.id ?? '', message);

export const isA = (el: ModdleElement, type: string): boolean => {
  const instanceOf = (el as { $instanceOf?: (t: string) => boolean }).$instanceOf;
  return typeof instanceOf === 'function' ? instanceOf.call(el, type) : el.$type === type;
};

/** A rule built from a check that only looks at nodes of the given types. */
export function ruleFor(types: string[], check: (node: ModdleElement, report: (el: ModdleElement, message: string) => void) => void): LintRule {
  return {
    check(node, reporter) {
      if (types.some((t) => isA(node, t))) check(node, (el, message) => reportOn(reporter, el, message));
    },
  };
}
