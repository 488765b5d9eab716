import { type DataPath, formatPath, getAt } from './data-path';
import type { FormComponent, FormSchema } from './form-schema.types';
import { childrenOf, isRepeating, kindOf, ownPathSegments } from './form-components';

/** The attachments one filepicker holds in validated data (contract 2). */
export interface FileReferences {
  /** Data path with list indexes, for error messages: `figli[0].certificato`. */
  path: string;
  /** The field uploads are made for: the data path without list indexes (`figli.certificato`). */
  field: string;
  ids: string[];
  accept?: string;
  label?: string;
}

/** Every filepicker value in data returned by `validateSubmission`, with its field. */
export function fileReferences(schema: FormSchema, data: Record<string, unknown>): FileReferences[] {
  const found: FileReferences[] = [];
  const visit = (component: FormComponent, prefix: DataPath): void => {
    const kind = kindOf(component);
    if (!kind) return;
    const path = [...prefix, ...ownPathSegments(component)];
    if (kind.keyed) {
      const value = getAt(data, path);
      if (component.type === 'filepicker' && Array.isArray(value) && value.length > 0) {
        found.push({
          path: formatPath(path),
          field: uploadField(path),
          ids: value.filter((v): v is string => typeof v === 'string'),
          ...(typeof component.accept === 'string' && component.accept ? { accept: component.accept } : {}),
          ...(component.label ? { label: component.label } : {}),
        });
      }
      return;
    }
    if (isRepeating(component) && path.length > prefix.length) {
      const items = getAt(data, path);
      if (Array.isArray(items)) items.forEach((_item, index) => childrenOf(component).forEach((child) => visit(child, [...path, index])));
      return;
    }
    childrenOf(component).forEach((child) => visit(child, path));
  };
  schema.components.forEach((component) => visit(component, []));
  return found;
}

/** The upload field of a data path: list indexes left out. */
export const uploadField = (path: DataPath): string => path.filter((s) => typeof s === 'string').join('.');
