/** The modeler's API on the same origin (/modeler/api), with the page's own credentials. */
import type { PublicationPreview, PublicationResult } from '../../src/modules/catalogue/publication.types';
import type { DryRunAction, DryRunState, DryRunStep, DryRunWaiting, ModelerContext, ModelerItem, NewProcedureRequest, NewProcedureResult } from '../../src/modules/modeler/modeler-contract';

export type { DryRunAction, DryRunState, DryRunStep, DryRunWaiting, ModelerContext, ModelerItem, PublicationPreview, PublicationResult };

/** A refused call: the problem's detail and the fields it names (shown inline on those fields). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}

/** The session's CSRF token, written into the page by the server; every write sends it back. */
const csrfToken = (): string => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  const res = await fetch(`/modeler/api/${path}`, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { detail?: string; title?: string; fieldErrors?: Array<{ field: string; message: string }>; errors?: Array<{ field: string; message: string }> };
  if (!res.ok) throw new ApiError(json.detail ?? json.title ?? `HTTP ${res.status}`, res.status, json.fieldErrors ?? json.errors ?? []);
  return json;
}

const k = encodeURIComponent;

export const api = {
  catalogue: () => call<{ procedures: ModelerItem[]; forms: ModelerItem[] }>('GET', 'catalogue'),
  context: () => call<ModelerContext>('GET', 'context'),
  procedure: (key: string) => call<{ key: string; xml: string; draft: boolean }>('GET', `procedures/${k(key)}`),
  createProcedure: (request: NewProcedureRequest) => call<NewProcedureResult>('POST', 'procedures', request),
  saveProcedure: (key: string, xml: string) => call<{ updatedAt: string; problems: string[] }>('PUT', `procedures/${k(key)}/draft`, { xml }),
  validateProcedure: (key: string, xml: string) => call<{ problems: string[] }>('POST', `procedures/${k(key)}/validate`, { xml }),
  importProcedure: (content: string) => call<{ key: string; forms: string[] }>('POST', 'procedures/import', { content }),
  publication: (key: string) => call<PublicationPreview>('GET', `procedures/${k(key)}/publication`),
  publish: (key: string, baseVersion: number | null) => call<PublicationResult>('POST', `procedures/${k(key)}/publish`, { baseVersion }),
  dryRun: (key: string, xml: string, actions: DryRunAction[]) => call<DryRunState>('POST', `procedures/${k(key)}/dry-run`, { xml, actions }),
  form: (key: string) => call<{ key: string; schema: Record<string, unknown>; draft: boolean }>('GET', `forms/${k(key)}`),
  saveForm: (key: string, schema: unknown) => call<{ updatedAt: string }>('PUT', `forms/${k(key)}/draft`, { schema }),
  createForm: (key: string) => call<{ key: string }>('POST', 'forms', { key }),
  duplicateForm: (key: string, newKey: string) => call<{ key: string }>('POST', `forms/${k(key)}/duplicate`, { newKey }),
  renameForm: (key: string, newKey: string) => call<{ key: string }>('POST', `forms/${k(key)}/rename`, { newKey }),
};
