import { Linter } from 'bpmnlint';
import { allFlowElements, elementsOf, linkSequenceFlows, ModdleElement } from '../bpmn-document';
import { sportelloLintSetup } from './lint-config';
import type { SportelloLintContext } from './lint-types';

export interface LintProblem {
  /** The element the problem is about, when the document has it. */
  element: ModdleElement | null;
  id: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

/**
 * Runs the one rule set on a parsed diagram. Problems come in document order (definitions, process,
 * its flow elements depth first), and in rule order within an element, so a file reads top to bottom.
 */
export async function lintDefinitions(definitions: ModdleElement, ctx: SportelloLintContext): Promise<LintProblem[]> {
  linkSequenceFlows(definitions);
  const linter = new Linter(sportelloLintSetup(ctx));
  const results = await linter.lint(definitions);
  const order = documentOrder(definitions);
  const problems: Array<LintProblem & { at: number; seq: number }> = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'rule-error') throw new Error(`lint rule ${rule} failed: ${report.message}`);
      if (report.category !== 'error' && report.category !== 'warn') continue;
      const element = report.id ? (order.byId.get(report.id) ?? null) : null;
      problems.push({
        element,
        id: report.id ?? '',
        rule: rule.replace(/^bpmnlint-plugin-/, ''),
        category: report.category,
        message: report.message,
        at: element ? (order.index.get(element) ?? order.index.size) : order.index.size,
        seq: problems.length,
      });
    }
  }
  return problems.sort((a, b) => a.at - b.at || a.seq - b.seq).map(({ at: _at, seq: _seq, ...problem }) => problem);
}

function documentOrder(definitions: ModdleElement): { index: Map<ModdleElement, number>; byId: Map<string, ModdleElement> } {
  const list: ModdleElement[] = [definitions];
  for (const root of elementsOf(definitions, 'rootElements')) {
    list.push(root);
    if (root.$type === 'bpmn:Process') list.push(...allFlowElements(root));
  }
  const index = new Map(list.map((el, i) => [el, i] as const));
  const byId = new Map(list.filter((el) => el.id).map((el) => [el.id as string, el] as const));
  return { index, byId };
}
