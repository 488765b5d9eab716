import { checkFormSchema } from '../forms';
import { checkProcedure, MessageUse } from './procedure-rules';
import { CatalogueFiles, CITIZEN_GROUP, FormDefinition, KEY_PATTERN, Office, ProcedureDefinition, ValidationOutcome } from './catalogue.types';

export const OFFICES_FILE = 'offices.json';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates a whole catalogue: every problem of every file, one line each
 * (`<file>, <element type> <element id>: <reason>`), so an analyst fixes them in one pass.
 */
export async function validateCatalogue(files: CatalogueFiles, serviceNames: readonly string[]): Promise<ValidationOutcome> {
  const problems: string[] = [];
  const offices = checkOffices(files.offices, problems);
  const forms = checkForms(files.forms, problems);
  const ctx = {
    officeKeys: new Set(offices.map((o) => o.key)),
    formKeys: new Set(forms.map((f) => f.key)),
    serviceNames: new Set(serviceNames),
  };
  // Forms that fail their own checks still count as present, so a procedure is not blamed for them.
  for (const file of files.forms.keys()) ctx.formKeys.add(file.replace(/\.form\.json$/, ''));

  const procedures: ProcedureDefinition[] = [];
  const starts: MessageUse[] = [];
  const catches: MessageUse[] = [];
  for (const [file, xml] of [...files.processes].sort(([a], [b]) => a.localeCompare(b))) {
    const check = await checkProcedure(file, xml, ctx);
    problems.push(...check.problems);
    starts.push(...check.messageStarts);
    catches.push(...check.messageCatches);
    if (check.definition) procedures.push(check.definition);
  }
  for (const start of starts) {
    const caught = catches.find((c) => c.name === start.name);
    if (caught) {
      problems.push(`${start.where}: message "${start.name}" starts a process and is also caught by ${caught.where.replace(/^processes\//, '')}; throwMessage would start a new instance instead of correlating`);
    }
  }
  if (files.processes.size === 0) problems.push('processes/, file (none): no *.bpmn procedure found');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, catalogue: { offices, procedures, forms } };
}

/** The valid offices of an offices.json (problems dropped): what the modeler offers in its drop-downs. */
export function readOffices(raw: string | null): Office[] {
  return checkOffices(raw, []);
}

function checkOffices(raw: string | null, problems: string[]): Office[] {
  const at = (label: string, reason: string): void => void problems.push(`processes/${OFFICES_FILE}, ${label}: ${reason}`);
  if (raw === null) {
    at(`file ${OFFICES_FILE}`, 'not found');
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    at(`file ${OFFICES_FILE}`, `not valid JSON (${(error as Error).message})`);
    return [];
  }
  if (!Array.isArray(json)) {
    at(`file ${OFFICES_FILE}`, 'must be an array of {key, name, email}');
    return [];
  }
  const offices: Office[] = [];
  const seen = new Set<string>();
  json.forEach((entry: unknown, index) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const key = typeof record.key === 'string' ? record.key : '';
    const label = key ? `office ${key}` : `office #${index + 1}`;
    const before = problems.length;
    if (!KEY_PATTERN.test(key)) at(label, `key "${String(record.key ?? '')}" must be kebab-case ASCII`);
    else if (key === CITIZEN_GROUP) at(label, `key "${CITIZEN_GROUP}" is reserved for tasks addressed to the citizen`);
    else if (seen.has(key)) at(label, 'key is declared twice');
    if (typeof record.name !== 'string' || record.name.trim() === '') at(label, 'name is missing');
    if (typeof record.email !== 'string' || !EMAIL.test(record.email)) at(label, `email "${String(record.email ?? '')}" is not a valid e-mail address`);
    const extra = Object.keys(record).filter((k) => !['key', 'name', 'email'].includes(k));
    if (extra.length) at(label, `unknown properties ${extra.map((k) => `"${k}"`).join(', ')}`);
    seen.add(key);
    if (problems.length === before) offices.push({ key, name: (record.name as string).trim(), email: record.email as string });
  });
  return offices;
}

function checkForms(files: Map<string, string>, problems: string[]): FormDefinition[] {
  const forms: FormDefinition[] = [];
  for (const [file, raw] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const key = file.replace(/\.form\.json$/, '');
    const at = (reason: string): void => void problems.push(`forms/${file}, form ${key}: ${reason}`);
    if (!KEY_PATTERN.test(key)) {
      at(`file name "${file}" is not <kebab-case key>.form.json`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      at(`not valid JSON (${(error as Error).message})`);
      continue;
    }
    const found = checkFormSchema(json, key);
    found.forEach(at);
    if (found.length === 0) forms.push({ key, file, schema: json as Record<string, unknown> });
  }
  return forms;
}
