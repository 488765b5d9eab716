/** The attachments of submitted data: for each form-js `filepicker` field, the attachment ids its value holds. */
export interface AttachmentRef {
  /** Dotted data path of the field, with list indexes: `allegati.0.documento`. */
  field: string;
  ids: string[];
}

interface Component {
  type?: unknown;
  key?: unknown;
  path?: unknown;
  components?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function at(data: unknown, path: string[]): unknown {
  let current = data;
  for (const segment of path) current = isRecord(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
  return current;
}

/** Walks the form's components (groups and dynamic lists with a `path`, fields with a dotted `key`) over the data. */
export function attachmentRefs(schema: Record<string, unknown>, data: Record<string, unknown>): AttachmentRef[] {
  const out: AttachmentRef[] = [];
  const walk = (components: unknown, scope: unknown, prefix: string[]): void => {
    if (!Array.isArray(components)) return;
    for (const c of components as Component[]) {
      const path = typeof c.path === 'string' && c.path ? c.path.split('.') : [];
      if (c.type === 'filepicker' && typeof c.key === 'string') {
        const value = at(scope, c.key.split('.'));
        const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && UUID.test(v)) : [];
        if (ids.length) out.push({ field: [...prefix, c.key].join('.'), ids });
      } else if (c.type === 'dynamiclist') {
        const items = at(scope, path);
        if (Array.isArray(items)) items.forEach((item, i) => walk(c.components, item, [...prefix, ...path, String(i)]));
      } else if (c.components) {
        walk(c.components, path.length ? at(scope, path) : scope, [...prefix, ...path]);
      }
    }
  };
  walk(schema.components, data, []);
  return out;
}
