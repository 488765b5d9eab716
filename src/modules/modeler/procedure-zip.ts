import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The files of one procedure as Comuni share it: its diagram, the forms it uses, the offices it needs. */
export interface ProcedurePackage {
  key: string;
  xml: string;
  forms: Map<string, Record<string, unknown>>;
  offices: Array<{ key: string; name: string; email: string }>;
}

export const MANIFEST = 'sportello-procedura.json';
const BPMN = /^processes\/([^/]+)\.bpmn$/;
const FORM = /^forms\/([^/]+)\.form\.json$/;
const OFFICES = 'processes/offices.json';
/** Zip bombs and stray files: a shared procedure is a few small text files. */
const MAX_FILES = 64;
const MAX_UNZIPPED_BYTES = 8 * 1024 * 1024;

/** A problem with one file of the zip (or the zip itself, file `""`). */
export interface ZipProblem {
  file: string;
  message: string;
}

export function packProcedure(p: ProcedurePackage, exportedAt: Date): Uint8Array {
  const files: Record<string, Uint8Array> = {
    [MANIFEST]: strToU8(`${JSON.stringify({ key: p.key, forms: [...p.forms.keys()], offices: p.offices.map((o) => o.key), exportedAt: exportedAt.toISOString() }, null, 2)}\n`),
    [`processes/${p.key}.bpmn`]: strToU8(p.xml.endsWith('\n') ? p.xml : `${p.xml}\n`),
    [OFFICES]: strToU8(`${JSON.stringify(p.offices, null, 2)}\n`),
  };
  for (const [key, schema] of p.forms) files[`forms/${key}.form.json`] = strToU8(`${JSON.stringify(schema, null, 2)}\n`);
  return zipSync(files, { level: 6, mtime: exportedAt });
}

/**
 * Reads a shared procedure zip: exactly one processes/<key>.bpmn, forms/<key>.form.json files that are
 * JSON objects, an optional processes/offices.json; anything else is named as a problem.
 */
export function unpackProcedure(bytes: Uint8Array, messages: ZipMessages): { package: ProcedurePackage | null; problems: ZipProblem[] } {
  const problems: ZipProblem[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    let count = 0;
    let size = 0;
    entries = unzipSync(bytes, {
      filter: (file) => {
        count += 1;
        size += file.originalSize;
        if (count > MAX_FILES || size > MAX_UNZIPPED_BYTES) throw new Error(messages.tooLarge);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    return { package: null, problems: [{ file: '', message: messages.notAZip(error instanceof Error ? error.message : String(error)) }] };
  }
  let key = '';
  let xml = '';
  const forms = new Map<string, Record<string, unknown>>();
  let offices: ProcedurePackage['offices'] = [];
  for (const [name, data] of Object.entries(entries)) {
    const text = strFromU8(data);
    const bpmn = BPMN.exec(name);
    const form = FORM.exec(name);
    if (bpmn) {
      if (key) problems.push({ file: name, message: messages.secondDiagram(`processes/${key}.bpmn`) });
      else [key, xml] = [bpmn[1], text];
    } else if (form) {
      const schema = parseJson(text);
      if (schema && typeof schema === 'object' && !Array.isArray(schema)) forms.set(form[1], schema as Record<string, unknown>);
      else problems.push({ file: name, message: messages.notJsonObject });
    } else if (name === OFFICES) {
      const list = parseJson(text);
      if (Array.isArray(list) && list.every((o) => o && typeof o === 'object' && typeof (o as { key?: unknown }).key === 'string')) offices = list as ProcedurePackage['offices'];
      else problems.push({ file: name, message: messages.badOffices });
    } else if (name !== MANIFEST) problems.push({ file: name, message: messages.unexpectedFile });
  }
  if (!key) problems.push({ file: '', message: messages.noDiagram });
  return { package: key ? { key, xml, forms, offices } : null, problems };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface ZipMessages {
  notAZip: (detail: string) => string;
  tooLarge: string;
  secondDiagram: (first: string) => string;
  notJsonObject: string;
  badOffices: string;
  unexpectedFile: string;
  noDiagram: string;
}
