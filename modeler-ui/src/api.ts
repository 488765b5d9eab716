/** The modeler's API on the same origin (/modeler/api), with the page's own credentials. */
export interface ModelerItem {
  key: string;
  source: 'file' | 'draft' | 'file+draft';
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
}

export interface ModelerContext {
  offices: Array<{ key: string; name: string }>;
  citizenGroup: string;
  formKeys: string[];
  serviceNames: string[];
  citizenStatuses: string[];
  outcomeStatuses: string[];
  spidLevels: string[];
  lint: { officeKeys: string[]; formKeys: string[]; serviceNames: string[] };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/modeler/api/${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { detail?: string; title?: string };
  if (!res.ok) throw new Error(json.detail ?? json.title ?? `HTTP ${res.status}`);
  return json;
}

export const api = {
  catalogue: () => call<{ procedures: ModelerItem[]; forms: ModelerItem[] }>('GET', 'catalogue'),
  context: () => call<ModelerContext>('GET', 'context'),
  procedure: (key: string) => call<{ key: string; xml: string; draft: boolean }>('GET', `procedures/${encodeURIComponent(key)}`),
  saveProcedure: (key: string, xml: string) => call<{ updatedAt: string; problems: string[] }>('PUT', `procedures/${encodeURIComponent(key)}/draft`, { xml }),
  validateProcedure: (key: string, xml: string) => call<{ problems: string[] }>('POST', `procedures/${encodeURIComponent(key)}/validate`, { xml }),
  form: (key: string) => call<{ key: string; schema: Record<string, unknown>; draft: boolean }>('GET', `forms/${encodeURIComponent(key)}`),
  saveForm: (key: string, schema: unknown) => call<{ updatedAt: string }>('PUT', `forms/${encodeURIComponent(key)}/draft`, { schema }),
};
