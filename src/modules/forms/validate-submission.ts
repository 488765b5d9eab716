import type { FieldError } from '../../common';
import { type DataRecord, cloneData, formatPath, getAt, isRecord, setAt } from './data-path';
import { evaluateFeel, toFeelContext } from './feel';
import type { FormSchema, ValidationOptions } from './form-schema.types';
import { SELECTION_TYPES } from './form-components';
import { deepEqual, numberRules, offeredOptions, optionRules, presetRules, resolveValidate, type RuleError } from './field-rules';
import { FORMS_MESSAGES } from './forms.messages';
import { type RenderResult, type TypeProblems, initializeData, renderVisible, withoutHiddenValues } from './submission-walk';

export type SubmissionResult = { ok: true; data: DataRecord } | { ok: false; errors: FieldError[] };

/** Expression fields feed each other and the conditions; the browser settles them in a few renders. */
const MAX_EXPRESSION_ROUNDS = 5;

/**
 * Validates a citizen's submission against a form-js 1.23 schema as the viewer does on submit,
 * and returns the data it would submit: only visible, enabled input fields, each at its path.
 *
 * - Hidden fields (`conditional.hide`, or inside a hidden container) are neither validated nor kept.
 * - `disabled` fields are skipped and left out, like form-js `validate()` and `_getSubmitData()`;
 *   `readonly` fields are validated and kept, as in form-js (the value is the client's: callers
 *   must not trust it more than any other field).
 * - Missing fields take their `defaultValue` or empty value, as on import.
 * - Values the browser could never send (wrong JSON type, malformed date, option not offered)
 *   are errors naming the field, where form-js would silently replace them.
 * - `expression` fields are recomputed here; the client's value is ignored.
 */
export function validateSubmission(schema: FormSchema, data: unknown, options: ValidationOptions = {}): SubmissionResult {
  if (!isRecord(data)) {
    return { ok: false, errors: [{ field: '', message: FORMS_MESSAGES.notAnObject, code: 'type' }] };
  }
  const inputData = options.inputData ?? {};
  const root = { ...schema, type: 'default' };

  const problems: TypeProblems = new Map();
  const working: DataRecord = {};
  initializeData(schema.components, data, working, 'strict', problems);

  // What the form was opened with: the browser merges it under the filtered data for FEEL.
  const initialData = cloneData(inputData);
  initializeData(schema.components, inputData, initialData, 'lenient', new Map());

  const render = settleExpressions(root, working, initialData);
  return collect(render, working, problems, inputData);
}

function renderOnce(root: FormSchema, working: DataRecord, initialData: DataRecord): RenderResult {
  const filtered = withoutHiddenValues(root, working);
  return renderVisible(root, working, { ...initialData, ...filtered });
}

function settleExpressions(root: FormSchema, working: DataRecord, initialData: DataRecord): RenderResult {
  let render = renderOnce(root, working, initialData);
  for (let round = 0; round < MAX_EXPRESSION_ROUNDS; round += 1) {
    let changed = false;
    for (const instance of render.instances) {
      if (instance.component.type !== 'expression') continue;
      const value = evaluateFeel(instance.component.expression, toFeelContext(instance.scope));
      if (!deepEqual(value, getAt(working, instance.path))) {
        setAt(working, instance.path, value);
        changed = true;
      }
    }
    if (!changed) break;
    render = renderOnce(root, working, initialData);
  }
  return render;
}

function collect(render: RenderResult, working: DataRecord, problems: TypeProblems, inputData: DataRecord): SubmissionResult {
  const errors: FieldError[] = [];
  const output: DataRecord = {};
  const report = (field: string, error: RuleError): void => {
    errors.push({ field, message: error.message, code: error.code });
  };

  for (const container of render.containers) {
    const problem = problems.get(formatPath(container.path));
    if (problem) report(formatPath(container.path), { code: 'type', message: problem });
  }

  for (const { component, path, scope } of render.instances) {
    if (component.disabled) continue;
    const field = formatPath(path);
    const problem = problems.get(field);
    if (problem) {
      report(field, { code: 'type', message: problem });
      continue;
    }
    const value = getAt(working, path);
    const context = toFeelContext(scope);
    const fieldErrors: RuleError[] = [];
    if (component.type === 'number') fieldErrors.push(...numberRules(component, value));
    if (component.validate) fieldErrors.push(...presetRules(component, resolveValidate(component.validate, context), value));
    if (SELECTION_TYPES.has(component.type)) fieldErrors.push(...optionRules(component, value, offeredOptions(component, context, inputData)));
    fieldErrors.forEach((error) => report(field, error));
    setAt(output, path, cloneData(value));
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: fillListHoles(output) as DataRecord };
}

/**
 * Like form-js, a list appears in the output only through its visible fields. Where an item has
 * none, form-js leaves a hole (serialised as null); the server puts an empty object there so items
 * keep their positions with a uniform shape.
 */
function fillListHoles(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      value[index] = index in value ? fillListHoles(value[index]) : {};
    }
  } else if (isRecord(value)) {
    Object.values(value).forEach(fillListHoles);
  }
  return value;
}
