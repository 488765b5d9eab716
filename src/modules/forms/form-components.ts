import type { FormComponent } from './form-schema.types';

/**
 * How each form-js 1.23 component type binds to data, mirroring the `config` objects of the
 * viewer's form fields: keyed fields own a value at `key`, pathed containers prefix their
 * children's paths with `path`, repeatable containers hold an array of items.
 */
export interface ComponentKind {
  keyed: boolean;
  pathed: boolean;
  repeatable: boolean;
  /** form-js `emptyValue`: what an untouched field holds in submitted data. */
  emptyValue?: () => unknown;
}

const input = (emptyValue: () => unknown): ComponentKind => ({
  keyed: true,
  pathed: false,
  repeatable: false,
  emptyValue,
});
const display: ComponentKind = { keyed: false, pathed: false, repeatable: false };

export const COMPONENT_KINDS: Readonly<Record<string, ComponentKind>> = {
  textfield: input(() => ''),
  textarea: input(() => ''),
  number: input(() => null),
  datetime: input(() => null),
  expression: input(() => null),
  filepicker: input(() => null),
  checkbox: input(() => false),
  checklist: input(() => []),
  radio: input(() => null),
  select: input(() => null),
  taglist: input(() => []),
  group: { keyed: false, pathed: true, repeatable: false },
  dynamiclist: { keyed: false, pathed: true, repeatable: true },
  text: display,
  html: display,
  image: display,
  table: display,
  documentPreview: display,
  spacer: display,
  separator: display,
  iframe: display,
  button: display,
  default: display,
};

export function kindOf(component: FormComponent): ComponentKind | undefined {
  return Object.prototype.hasOwnProperty.call(COMPONENT_KINDS, component.type)
    ? COMPONENT_KINDS[component.type]
    : undefined;
}

/** A dynamic list repeats its children unless the schema sets `isRepeating: false` (form-js default: true). */
export function isRepeating(component: FormComponent): boolean {
  return component.type === 'dynamiclist' && component.isRepeating !== false;
}

export function childrenOf(component: FormComponent): FormComponent[] {
  return Array.isArray(component.components) ? component.components : [];
}

/** The data path segments a component contributes: `key` for inputs, `path` for containers. */
export function ownPathSegments(component: FormComponent): string[] {
  const kind = kindOf(component);
  if (kind?.keyed && typeof component.key === 'string' && component.key !== '') {
    return component.key.split('.');
  }
  if (kind?.pathed && typeof component.path === 'string' && component.path !== '') {
    return component.path.split('.');
  }
  return [];
}

/** Components whose value must be among the options the browser offered. */
export const SELECTION_TYPES = new Set(['checklist', 'radio', 'select', 'taglist']);
export const MULTI_SELECTION_TYPES = new Set(['checklist', 'taglist']);
