/**
 * The subset of the form-js 1.23 schema (schemaVersion 19) that server-side validation reads.
 * Index signatures keep the other properties (layout, labels, appearance) without typing them.
 */
export interface FormValidate {
  required?: boolean;
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  patternErrorMessage?: string;
  validationType?: string;
  [property: string]: unknown;
}

export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  components?: FormComponent[];
  validate?: FormValidate;
  conditional?: { hide?: string };
  defaultValue?: unknown;
  disabled?: boolean;
  readonly?: boolean | string;
  values?: unknown[];
  valuesKey?: string;
  valuesExpression?: string;
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  subtype?: string;
  isRepeating?: boolean;
  defaultRepetitions?: number;
  expression?: string;
  /** filepicker: more than one file (boolean or FEEL). */
  multiple?: boolean | string;
  /** filepicker: the HTML `accept` list (extensions, media types). */
  accept?: string;
  [property: string]: unknown;
}

export interface FormSchema {
  id: string;
  type: string;
  components: FormComponent[];
  schemaVersion?: number;
  [property: string]: unknown;
}

/** What the caller knows about the context the form was opened in (form-js `importSchema(schema, data)`). */
export interface ValidationOptions {
  /**
   * Variables the form was opened with (prefill, process variables). form-js reads `valuesKey`
   * options from them and merges them under the expression context, so conditions see them too.
   */
  inputData?: Record<string, unknown>;
}
