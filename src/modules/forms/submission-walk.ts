import { type DataPath, type DataRecord, clearAt, cloneData, formatPath, getAt, isRecord, setAt } from './data-path';
import { type ExpressionScope, type FeelContext, evaluateFeelUnaryTest, toFeelContext } from './feel';
import type { FormComponent } from './form-schema.types';
import { childrenOf, isRepeating, kindOf, ownPathSegments } from './form-components';
import { checkValueType, initialValue } from './field-values';
import { FORMS_MESSAGES } from './forms.messages';

/**
 * The three walks over a form's component tree that reproduce what the form-js 1.23 viewer
 * does between import and submit: initialise the data (`_getInitializedFieldData`), strip the
 * values of hidden fields for expression evaluation (`ConditionChecker.applyConditions`), and
 * render, which registers one instance per visible keyed field (`FormFieldInstanceRegistry`).
 */

/** Type problems keyed by formatted path, reported only if the field turns out visible. */
export type TypeProblems = Map<string, string>;

/** A visible keyed field at a concrete path, with the expression scope it renders in. */
export interface FieldInstance {
  component: FormComponent;
  path: DataPath;
  scope: ExpressionScope;
}

export interface RenderResult {
  instances: FieldInstance[];
  /** Visible containers with a data path (groups with `path`, lists, list items), parents first. */
  containers: { path: DataPath }[];
}

/**
 * Builds the data the form holds after import: each input at its path with the submitted value
 * (type-checked in strict mode), else its default or empty value; each list as an array of items.
 * Only paths the schema binds are copied, so unknown submitted keys never reach conditions.
 */
export function initializeData(
  components: FormComponent[],
  source: unknown,
  target: DataRecord,
  mode: 'strict' | 'lenient',
  problems: TypeProblems,
  prefix: DataPath = [],
): void {
  for (const component of components) {
    const kind = kindOf(component);
    if (!kind) continue;
    const own = ownPathSegments(component);
    const path = [...prefix, ...own];
    if (kind.keyed) {
      if (own.length === 0) continue;
      const raw = getAt(source, path);
      if (mode === 'lenient') {
        setAt(target, path, raw === undefined ? initialValue(component) : raw);
        continue;
      }
      const checked = checkValueType(component, raw);
      if (checked.ok) {
        setAt(target, path, checked.value);
      } else {
        problems.set(formatPath(path), checked.message);
        setAt(target, path, initialValue(component));
      }
    } else if (isRepeating(component) && own.length > 0) {
      const raw = getAt(source, path);
      let items: unknown[];
      if (Array.isArray(raw)) {
        items = raw;
      } else {
        if (raw !== undefined && raw !== null && mode === 'strict') {
          problems.set(formatPath(path), FORMS_MESSAGES.notRepeatingList);
        }
        items = new Array<unknown>(component.defaultRepetitions ?? 1).fill({});
      }
      setAt(target, path, items.map(() => ({})));
      items.forEach((item, index) => {
        if (!isRecord(item) && mode === 'strict') {
          problems.set(formatPath([...path, index]), FORMS_MESSAGES.notRepeatingItem);
        }
        initializeData(childrenOf(component), source, target, mode, problems, [...path, index]);
      });
    } else {
      const raw = own.length > 0 ? getAt(source, path) : undefined;
      if (raw !== undefined && raw !== null && !isRecord(raw) && mode === 'strict') {
        problems.set(formatPath(path), FORMS_MESSAGES.notGroup);
      }
      initializeData(childrenOf(component), source, target, mode, problems, path);
    }
  }
}

/**
 * `conditional.hide` tests for one walk over unchanging data: each condition is evaluated once
 * per scope (siblings often share one, e.g. two fields shown on the same choice), and the FEEL
 * context, a copy of the whole data, is built only when a condition is actually evaluated.
 */
function hideConditions(): (hide: unknown, scope: object, context: () => FeelContext) => boolean {
  const seen = new WeakMap<object, Map<string, boolean>>();
  return (hide, scope, context) => {
    if (typeof hide !== 'string') return evaluateFeelUnaryTest(hide, context()) === true;
    let tested = seen.get(scope);
    if (!tested) seen.set(scope, (tested = new Map()));
    let hidden = tested.get(hide);
    if (hidden === undefined) {
      hidden = evaluateFeelUnaryTest(hide, context()) === true;
      tested.set(hide, hidden);
    }
    return hidden;
  };
}

/**
 * form-js `applyConditions(data, data)`: hide conditions evaluated on the unfiltered data, a
 * hidden container hiding its children, and the values of hidden fields removed.
 */
export function withoutHiddenValues(root: FormComponent, data: DataRecord): DataRecord {
  const filtered = cloneData(data);
  const hides = hideConditions();
  const visit = (component: FormComponent, prefix: DataPath, scope: { this: unknown; parent: unknown; i: number[] }, hiddenAbove: boolean): void => {
    const kind = kindOf(component);
    if (!kind) return;
    const path = [...prefix, ...ownPathSegments(component)];
    const hide = component.conditional?.hide;
    const hidden = hiddenAbove || (hide !== undefined && hides(hide, scope, () => toFeelContext({ data, this: scope.this, parent: scope.parent, i: scope.i })));
    if (kind.keyed) {
      if (hidden) clearAt(filtered, path);
      return;
    }
    if (isRepeating(component) && path.length > prefix.length) {
      if (hidden) {
        clearAt(filtered, path);
        return;
      }
      const items = getAt(data, path);
      if (!Array.isArray(items)) return;
      items.forEach((item, index) => {
        const itemScope = { this: item, parent: scope.this, i: [...scope.i, index + 1] };
        childrenOf(component).forEach((child) => visit(child, [...path, index], itemScope, false));
      });
      return;
    }
    childrenOf(component).forEach((child) => visit(child, path, scope, hidden));
  };
  childrenOf(root).forEach((child) => visit(child, [], { this: data, parent: null, i: [] }, false));
  return filtered;
}

/**
 * form-js rendering: a field whose `conditional.hide` holds in its scope is not rendered, nor are
 * its children; list items render with `this` = the item, `parent` = the enclosing scope.
 */
export function renderVisible(root: FormComponent, data: DataRecord, rootData: DataRecord): RenderResult {
  const result: RenderResult = { instances: [], containers: [] };
  const hides = hideConditions();
  const visit = (component: FormComponent, prefix: DataPath, scope: ExpressionScope): void => {
    const kind = kindOf(component);
    if (!kind) return;
    const hide = component.conditional?.hide;
    if (hide !== undefined && hides(hide, scope, () => toFeelContext(scope))) return;
    const own = ownPathSegments(component);
    const path = [...prefix, ...own];
    if (kind.keyed) {
      if (own.length > 0) result.instances.push({ component, path, scope });
      return;
    }
    if (isRepeating(component) && own.length > 0) {
      const stored = getAt(data, path);
      const items = Array.isArray(stored) ? stored : [];
      result.containers.push({ path });
      const parent = toFeelContext({ ...scope, data: isRecord(scope.this) ? scope.this : {} });
      items.forEach((item, index) => {
        result.containers.push({ path: [...path, index] });
        const itemScope: ExpressionScope = { data: scope.data, this: item, parent, i: [...scope.i, index + 1] };
        childrenOf(component).forEach((child) => visit(child, [...path, index], itemScope));
      });
      return;
    }
    if (own.length > 0) result.containers.push({ path });
    childrenOf(component).forEach((child) => visit(child, path, scope));
  };
  const scope: ExpressionScope = { data: rootData, this: rootData, parent: null, i: [] };
  childrenOf(root).forEach((child) => visit(child, [], scope));
  return result;
}
