import {
  addDecimals,
  compareDecimals,
  decimalPlaces,
  formatDecimal,
  isZero,
  modDecimals,
  subtractDecimals,
  toDecimal,
} from './decimal';
import { isRecord } from './data-path';
import { type FeelContext, evaluateFeel, resolveMaybeFeel } from './feel';
import type { FormComponent, FormValidate } from './form-schema.types';
import { MULTI_SELECTION_TYPES } from './form-components';
import { type FormErrorCode, FORMS_MESSAGES } from './forms.messages';

export interface RuleError {
  code: FormErrorCode;
  message: string;
}

/** form-js `EMAIL_PATTERN` and `PHONE_PATTERN` (validationType presets), unchanged. */
export const EMAIL_PATTERN =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const PHONE_PATTERN =
  /(\+|00)(297|93|244|1264|358|355|376|971|54|374|1684|1268|61|43|994|257|32|229|226|880|359|973|1242|387|590|375|501|1441|591|55|1246|673|975|267|236|1|61|41|56|86|225|237|243|242|682|57|269|238|506|53|5999|61|1345|357|420|49|253|1767|45|1809|1829|1849|213|593|20|291|212|34|372|251|358|679|500|33|298|691|241|44|995|44|233|350|224|590|220|245|240|30|1473|299|502|594|1671|592|852|504|385|509|36|62|44|91|246|353|98|964|354|972|39|1876|44|962|81|76|77|254|996|855|686|1869|82|383|965|856|961|231|218|1758|423|94|266|370|352|371|853|590|212|377|373|261|960|52|692|389|223|356|95|382|976|1670|258|222|1664|596|230|265|60|262|264|687|227|672|234|505|683|31|47|977|674|64|968|92|507|64|51|63|680|675|48|1787|1939|850|351|595|970|689|974|262|40|7|250|966|249|221|65|500|4779|677|232|503|378|252|508|381|211|239|597|421|386|46|268|1721|248|963|1649|235|228|66|992|690|993|670|676|1868|216|90|688|886|255|256|380|598|1|998|3906698|379|1784|58|1284|1340|84|678|681|685|967|27|260|263)(9[976]\d|8[987530]\d|6[987]\d|5[90]\d|42\d|3[875]\d|2[98654321]\d|9[8543210]|8[6421]|6[6543210]|5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\d{4,20}$/;

/** The `validate` properties form-js evaluates as FEEL before checking (`VALIDATE_FEEL_PROPERTIES`). */
const FEEL_VALIDATE_PROPERTIES = ['min', 'max', 'minLength', 'maxLength'] as const;

/** form-js `evaluateFEELValues`: FEEL bounds resolved in the field's scope; a null result drops the rule. */
export function resolveValidate(validate: FormValidate, context: FeelContext): FormValidate {
  const resolved: FormValidate = { ...validate };
  for (const property of FEEL_VALIDATE_PROPERTIES) {
    const value = resolveMaybeFeel(resolved[property], context);
    if (value === null || value === undefined) {
      delete resolved[property];
    } else {
      resolved[property] = value as number | string;
    }
  }
  return resolved;
}

/** form-js `runNumberValidation`: decimal digits and increment, on non-zero values only. */
export function numberRules(component: FormComponent, value: unknown): RuleError[] {
  const errors: RuleError[] = [];
  const decimal = value ? toDecimal(value) : null;
  if (decimal === null) {
    return errors;
  }
  const { decimalDigits } = component;
  if (typeof decimalDigits === 'number' && decimalDigits >= 0 && decimalPlaces(decimal) > decimalDigits) {
    errors.push({
      code: 'decimal-digits',
      message: decimalDigits === 0 ? FORMS_MESSAGES.integer : FORMS_MESSAGES.decimalDigits(decimalDigits),
    });
  }
  const increment = component.increment ? toDecimal(component.increment) : null;
  if (increment !== null && !isZero(increment)) {
    const offset = modDecimals(decimal, increment);
    if (!isZero(offset)) {
      const previous = subtractDecimals(decimal, offset);
      const next = addDecimals(previous, increment);
      errors.push({ code: 'increment', message: FORMS_MESSAGES.increment(formatDecimal(previous), formatDecimal(next)) });
    }
  }
  return errors;
}

function isEmptyValue(component: FormComponent, value: unknown): boolean {
  return (
    (component.type === 'checkbox' && value === false) ||
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function boundRule(value: unknown, bound: unknown, kind: 'min' | 'max'): RuleError | null {
  const actual = toDecimal(value);
  const limit = toDecimal(bound);
  if (actual === null || limit === null) {
    return { code: kind === 'min' ? 'min-invalid' : 'max-invalid', message: kind === 'min' ? FORMS_MESSAGES.minInvalid : FORMS_MESSAGES.maxInvalid };
  }
  const comparison = compareDecimals(actual, limit);
  if (kind === 'min' && comparison < 0) return { code: 'min', message: FORMS_MESSAGES.min(String(bound)) };
  if (kind === 'max' && comparison > 0) return { code: 'max', message: FORMS_MESSAGES.max(String(bound)) };
  return null;
}

/** form-js `runPresetValidation`, in its order: pattern, required, min, max, lengths, presets. */
export function presetRules(component: FormComponent, validate: FormValidate, value: unknown): RuleError[] {
  const errors: RuleError[] = [];
  const present = Boolean(value);
  if (typeof validate.pattern === 'string' && validate.pattern !== '' && present && !new RegExp(validate.pattern).test(String(value))) {
    errors.push({ code: 'pattern', message: validate.patternErrorMessage || FORMS_MESSAGES.pattern(validate.pattern) });
  }
  if (validate.required && isEmptyValue(component, value)) {
    errors.push({ code: 'required', message: FORMS_MESSAGES.required });
  }
  for (const kind of ['min', 'max'] as const) {
    if (validate[kind] !== undefined && (present || value === 0)) {
      const error = boundRule(value, validate[kind], kind);
      if (error) errors.push(error);
    }
  }
  if (typeof value === 'string' && present) {
    const length = value.trim().length;
    if (validate.minLength !== undefined && length < Number(validate.minLength)) {
      errors.push({ code: 'min-length', message: FORMS_MESSAGES.minLength(String(validate.minLength)) });
    }
    if (validate.maxLength !== undefined && length > Number(validate.maxLength)) {
      errors.push({ code: 'max-length', message: FORMS_MESSAGES.maxLength(String(validate.maxLength)) });
    }
  }
  if (present && validate.validationType === 'phone' && !PHONE_PATTERN.test(String(value))) {
    errors.push({ code: 'phone', message: FORMS_MESSAGES.phone });
  }
  if (present && validate.validationType === 'email' && !EMAIL_PATTERN.test(String(value))) {
    errors.push({ code: 'email', message: FORMS_MESSAGES.email });
  }
  return errors;
}

function isAllowedPrimitive(value: unknown): boolean {
  return ['number', 'string', 'boolean'].includes(typeof value) && (Boolean(value) || value === 0 || value === false);
}

/** form-js `normalizeOptionsData`: primitives or `{ label, value }`, invalid entries dropped. */
export function optionValues(options: unknown[]): unknown[] {
  const values: unknown[] = [];
  for (const option of options) {
    if (isAllowedPrimitive(option)) {
      values.push(option);
    } else if (isRecord(option)) {
      const validLabel = typeof option.label === 'string' && option.label !== '';
      const validValue = isRecord(option.value) ? Object.keys(option.value).length > 0 : isAllowedPrimitive(option.value);
      if ((!validLabel && isAllowedPrimitive(option.value)) || (validLabel && validValue)) {
        values.push(option.value);
      }
    }
  }
  return values;
}

/**
 * The options the browser offered (form-js `useOptionsAsync`): `valuesKey` reads the input
 * data, else static `values`, else the evaluated `valuesExpression`; anything else offers none.
 */
export function offeredOptions(component: FormComponent, context: FeelContext, inputData: Record<string, unknown>): unknown[] {
  if (component.valuesKey !== undefined) {
    const keyed = inputData[component.valuesKey];
    return Array.isArray(keyed) ? optionValues(keyed) : [];
  }
  if (component.values !== undefined) {
    return Array.isArray(component.values) ? optionValues(component.values) : [];
  }
  if (component.valuesExpression) {
    const evaluated = evaluateFeel(component.valuesExpression, context);
    return Array.isArray(evaluated) ? optionValues(evaluated) : [];
  }
  return [];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** The browser clears selections that are not among the options, so the server refuses them. */
export function optionRules(component: FormComponent, value: unknown, options: unknown[]): RuleError[] {
  const selected = MULTI_SELECTION_TYPES.has(component.type) ? (Array.isArray(value) ? value : []) : value === null ? [] : [value];
  const unknown = selected.some((item) => !options.some((option) => deepEqual(item, option)));
  return unknown ? [{ code: 'option', message: FORMS_MESSAGES.notOption }] : [];
}
