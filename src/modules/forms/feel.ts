import { evaluate, lintError, parseExpression, parseUnaryTests, unaryTest } from 'feelin';

/**
 * FEEL as form-js 1.23 uses it (`FeelExpressionLanguage`): a property is an expression only
 * when it is a string starting with `=`; evaluation errors count as "no result" (null).
 */
export type FeelContext = Record<string, unknown>;

/** form-js `LocalExpressionContext`: the data plus the current repetition scope. */
export interface ExpressionScope {
  data: FeelContext;
  this: unknown;
  parent: unknown;
  i: number[];
}

export function isFeelExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/** form-js `buildExpressionContext`: data keys at top level, scope keys also as `_this_` etc. */
export function toFeelContext(scope: ExpressionScope): FeelContext {
  const special = { this: scope.this, parent: scope.parent, i: scope.i };
  return { ...special, ...scope.data, _this_: special.this, _parent_: special.parent, _i_: special.i };
}

export function evaluateFeel(expression: unknown, context: FeelContext): unknown {
  if (!isFeelExpression(expression)) {
    return null;
  }
  try {
    const result: unknown = evaluate(expression.slice(1), context);
    return result === undefined ? null : result;
  } catch {
    return null;
  }
}

export function evaluateFeelUnaryTest(expression: unknown, context: FeelContext): boolean | null {
  if (!isFeelExpression(expression)) {
    return null;
  }
  try {
    const result: unknown = unaryTest(expression.slice(1), context);
    return typeof result === 'boolean' ? result : null;
  } catch {
    return null;
  }
}

/** Static values pass through; `=...` strings are evaluated (form-js `runExpressionEvaluation`). */
export function resolveMaybeFeel(value: unknown, context: FeelContext): unknown {
  return isFeelExpression(value) ? evaluateFeel(value, context) : value;
}

/** The syntax error of a FEEL expression (without the leading `=`), or null when it parses. */
export function feelSyntaxError(expression: string, mode: 'expression' | 'unaryTest'): string | null {
  const tree = mode === 'unaryTest' ? parseUnaryTests(expression) : parseExpression(expression);
  let problem: string | null = null;
  tree.iterate({
    enter: (node) => {
      if (problem === null && node.type.isError) {
        problem = lintError(node).message;
      }
      return problem === null;
    },
  });
  return problem;
}
