import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
import { AuditService } from '../audit';
import { canonicalJson, CatalogueService, CITIZEN_GROUP, CITIZEN_STATUSES, KEY_PATTERN, OUTCOME_STATUSES, PublicationPreview, PublicationResult } from '../catalogue';
import { ModelerContext, ModelerItem, NewProcedureResult, SPID_LEVELS } from './modeler-contract';
import { emptyFormTemplate, procedureTemplate, reviewFormTemplate, startFormTemplate, templateFormKeys } from './procedure-template';
import { DraftsRepository } from './drafts.repository';
import { packProcedure, unpackProcedure } from './procedure-zip';
import {
  ModelerBadKeyException,
  ModelerImportInvalidException,
  ModelerInvalidInputException,
  ModelerKeyTakenException,
  ModelerNoDraftException,
  ModelerNotFoundException,
  ModelerPublishBlockedException,
  ModelerRenamePublishedException,
  ModelerStalePublishException,
} from './modeler.exceptions';
import { MODELER_MESSAGES } from './modeler.messages';

/** The analysts' modeler: lists and opens procedures and forms, keeps drafts, validates them with the catalogue's lint, publishes them. */
@Injectable()
export class ModelerService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly drafts: DraftsRepository,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async list(): Promise<{ procedures: ModelerItem[]; forms: ModelerItem[] }> {
    const { files } = await this.catalogue.sources();
    const deployed = await this.catalogue.deployedKeys();
    const items = async (kind: 'procedure' | 'form', fileKeys: string[], deployedKeys: string[]): Promise<ModelerItem[]> => {
      const drafts = new Map((await this.drafts.list(kind)).map((d) => [d.key, d]));
      const keys = [...new Set([...fileKeys, ...deployedKeys, ...drafts.keys()])].sort();
      return keys.map((key) => {
        const draft = drafts.get(key);
        const base = fileKeys.includes(key) ? 'file' : deployedKeys.includes(key) ? 'published' : null;
        const source: ModelerItem['source'] = base === null ? 'draft' : draft ? `${base}+draft` : base;
        return { key, source, draftUpdatedAt: draft ? draft.updatedAt.toISOString() : null, draftUpdatedBy: draft?.updatedBy ?? null };
      });
    };
    return {
      procedures: await items('procedure', [...files.processes.keys()].map((f) => f.replace(/\.bpmn$/, '')), deployed.procedures),
      forms: await items('form', [...files.forms.keys()].map((f) => f.replace(/\.form\.json$/, '')), deployed.forms),
    };
  }

  async context(): Promise<ModelerContext> {
    const { files, offices, serviceNames } = await this.catalogue.sources();
    const deployed = await this.catalogue.deployedKeys();
    const formKeys = [
      ...new Set([...[...files.forms.keys()].map((f) => f.replace(/\.form\.json$/, '')), ...deployed.forms, ...(await this.drafts.list('form')).map((d) => d.key)]),
    ].sort();
    const services = [...serviceNames].sort();
    return {
      offices: offices.map((o) => ({ key: o.key, name: o.name })),
      citizenGroup: CITIZEN_GROUP,
      formKeys,
      serviceNames: services,
      citizenStatuses: CITIZEN_STATUSES,
      outcomeStatuses: OUTCOME_STATUSES,
      spidLevels: SPID_LEVELS,
      lint: { officeKeys: offices.map((o) => o.key), formKeys, serviceNames: services },
    };
  }

  /** The draft if there is one, else the version in force: published from the modeler (newer than processes/) or the file. */
  async procedure(key: string): Promise<{ key: string; xml: string; draft: boolean }> {
    checkKey('key', key);
    const draft = await this.drafts.find('procedure', key);
    if (draft) return { key, xml: draft.content, draft: true };
    const file = (await this.catalogue.sources()).files.processes.get(`${key}.bpmn`);
    const current = await this.catalogue.currentXml(key);
    if (current !== null && (file === undefined || file.trimEnd() !== current)) return { key, xml: current, draft: false };
    if (file === undefined) throw new ModelerNotFoundException('procedure', key);
    return { key, xml: file, draft: false };
  }

  async saveProcedure(key: string, body: unknown, by: string): Promise<{ key: string; updatedAt: string; problems: string[] }> {
    checkKey('key', key);
    const xml = xmlOf(body);
    const saved = await this.drafts.save('procedure', key, xml, by);
    return { key, updatedAt: saved.updatedAt.toISOString(), problems: await this.validateXml(key, xml) };
  }

  async validateProcedure(key: string, body: unknown): Promise<{ key: string; problems: string[] }> {
    checkKey('key', key);
    return { key, problems: await this.validateXml(key, xmlOf(body)) };
  }

  /**
   * A new procedure: a draft from a minimal valid template (metadata, the citizen's start form, one
   * review task for the office, an outcome, diagram interchange) and draft forms for both steps.
   */
  async createProcedure(body: unknown, by: string): Promise<NewProcedureResult> {
    const input = (body ?? {}) as { key?: unknown; title?: unknown; office?: unknown };
    const key = typeof input.key === 'string' ? input.key.trim() : '';
    checkKey('key', key);
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (!title || title.length > 200) throw new ModelerInvalidInputException('title', MODELER_MESSAGES.titleRequired);
    const { offices } = await this.catalogue.sources();
    const office = typeof input.office === 'string' && input.office !== '' ? input.office : offices[0]?.key ?? '';
    if (!offices.some((o) => o.key === office)) throw new ModelerInvalidInputException('office', MODELER_MESSAGES.officeUnknown(office));
    const forms = templateFormKeys(key);
    return this.tx.run(async () => {
      if (await this.procedureTaken(key)) throw new ModelerKeyTakenException('key', key);
      for (const formKey of [forms.start, forms.review]) if (await this.formTaken(formKey)) throw new ModelerKeyTakenException('key', formKey);
      await this.drafts.save('procedure', key, procedureTemplate(key, title, office), by);
      await this.drafts.save('form', forms.start, JSON.stringify(startFormTemplate(forms.start), null, 2), by);
      await this.drafts.save('form', forms.review, JSON.stringify(reviewFormTemplate(forms.review), null, 2), by);
      return { key, forms: [forms.start, forms.review] };
    });
  }

  /** What publishing the saved draft would do: the problems that block it, the diff, running cases, dropped waiting steps. */
  async publicationPreview(key: string): Promise<PublicationPreview> {
    checkKey('key', key);
    const draft = await this.drafts.find('procedure', key);
    if (!draft) throw new ModelerNoDraftException(key);
    return preview(await this.catalogue.planPublication(key, draft.content, await this.formDrafts()));
  }

  /**
   * Publishes the saved draft as a new model version (with the form drafts it uses), an audited action in
   * one transaction with the drafts dropped. `baseVersion` is the version the analyst compared against:
   * if another one was published since, nothing is published. Lint problems block it.
   */
  async publish(key: string, body: unknown, by: string, address: string | null): Promise<PublicationResult> {
    checkKey('key', key);
    const baseVersion = (body as { baseVersion?: unknown } | null)?.baseVersion;
    if (baseVersion !== null && !(typeof baseVersion === 'number' && Number.isInteger(baseVersion) && baseVersion > 0)) {
      throw new ModelerInvalidInputException('baseVersion', MODELER_MESSAGES.baseVersionInvalid);
    }
    return this.tx.run(async () => {
      const draft = await this.drafts.find('procedure', key);
      if (!draft) throw new ModelerNoDraftException(key);
      const formDrafts = await this.formDrafts();
      const plan = await this.catalogue.planPublication(key, draft.content, formDrafts);
      if (plan.problems.length) throw new ModelerPublishBlockedException(plan.problems);
      if ((plan.current?.version ?? null) !== baseVersion) throw new ModelerStalePublishException(baseVersion, plan.current?.version ?? null);
      const published = await this.catalogue.publish(plan, by);
      await this.drafts.delete('procedure', key);
      for (const form of plan.forms) if (formDrafts.has(form.key)) await this.drafts.delete('form', form.key);
      await this.audit.record({
        actor: { kind: 'analyst', subject: by },
        action: 'procedure.publish',
        resource: { type: 'procedure', id: `${key}@${published.version}` },
        channel: 'web',
        address,
      });
      return { key, version: published.version, created: published.created, runningOnPrevious: plan.runningOnCurrent };
    });
  }

  /** The draft if there is one, else the newest version (published from the modeler or deployed from forms/), else the file. */
  async form(key: string): Promise<{ key: string; schema: Record<string, unknown>; draft: boolean }> {
    checkKey('formKey', key);
    const draft = await this.drafts.find('form', key);
    if (draft) return { key, schema: JSON.parse(draft.content) as Record<string, unknown>, draft: true };
    const raw = (await this.catalogue.sources()).files.forms.get(`${key}.form.json`);
    const file = raw === undefined ? undefined : (JSON.parse(raw) as Record<string, unknown>);
    const latest = await this.catalogue.latestFormVersion(key);
    if (latest && (file === undefined || canonicalJson(file) !== canonicalJson(latest.schema))) return { key, schema: latest.schema, draft: false };
    if (file === undefined) throw new ModelerNotFoundException('form', key);
    return { key, schema: file, draft: false };
  }

  async saveForm(key: string, body: unknown, by: string): Promise<{ key: string; updatedAt: string }> {
    checkKey('formKey', key);
    const schema = (body as { schema?: unknown } | null)?.schema;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new ModelerInvalidInputException('schema', MODELER_MESSAGES.schemaRequired);
    const saved = await this.drafts.save('form', key, JSON.stringify(schema, null, 2), by);
    return { key, updatedAt: saved.updatedAt.toISOString() };
  }

  /** A new, empty form draft. */
  async createForm(body: unknown, by: string): Promise<{ key: string }> {
    const key = newKeyOf(body, 'key');
    return this.tx.run(async () => {
      if (await this.formTaken(key)) throw new ModelerKeyTakenException('key', key);
      await this.drafts.save('form', key, JSON.stringify(emptyFormTemplate(key), null, 2), by);
      return { key };
    });
  }

  /** A draft copy of a form (its draft, or the version in force) under a new key. */
  async duplicateForm(key: string, body: unknown, by: string): Promise<{ key: string }> {
    checkKey('formKey', key);
    const newKey = newKeyOf(body, 'newKey');
    return this.tx.run(async () => {
      const { schema } = await this.form(key);
      if (await this.formTaken(newKey)) throw new ModelerKeyTakenException('newKey', newKey);
      await this.drafts.save('form', newKey, JSON.stringify({ ...schema, id: newKey }, null, 2), by);
      return { key: newKey };
    });
  }

  /**
   * Renames a form that exists only as a draft (procedure drafts naming it follow). A published form
   * keeps its key: procedures and running cases refer to it, so the analyst duplicates it instead.
   */
  async renameForm(key: string, body: unknown, by: string): Promise<{ key: string }> {
    checkKey('formKey', key);
    const newKey = newKeyOf(body, 'newKey');
    return this.tx.run(async () => {
      if (await this.formPublished(key)) throw new ModelerRenamePublishedException(key);
      const draft = await this.drafts.find('form', key);
      if (!draft) throw new ModelerNotFoundException('form', key);
      if (await this.formTaken(newKey)) throw new ModelerKeyTakenException('newKey', newKey);
      const schema = JSON.parse(draft.content) as Record<string, unknown>;
      await this.drafts.delete('form', key);
      await this.drafts.save('form', newKey, JSON.stringify({ ...schema, id: newKey }, null, 2), by);
      for (const procedure of await this.drafts.list('procedure')) {
        const renamed = procedure.content.split(`camunda:formKey="${key}"`).join(`camunda:formKey="${newKey}"`);
        if (renamed !== procedure.content) await this.drafts.save('procedure', procedure.key, renamed, by);
      }
      return { key: newKey };
    });
  }

  /** One procedure as a zip (what the modeler shows: draft or version in force), with the forms it uses and the offices it needs. */
  async exportZip(key: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const { xml } = await this.procedure(key);
    const { offices } = await this.catalogue.sources();
    const formKeys = [...new Set([...xml.matchAll(/camunda:formKey="([^"]+)"/g)].map((m) => m[1]))].sort();
    const forms = new Map<string, Record<string, unknown>>();
    for (const formKey of formKeys) forms.set(formKey, (await this.form(formKey)).schema);
    const used = new Set([...xml.matchAll(/(?:name="office" value|camunda:candidateGroups)="([^"$]+)"/g)].flatMap((m) => m[1].split(',').map((g) => g.trim())));
    const needed = offices.filter((o) => used.has(o.key)).map((o) => ({ key: o.key, name: o.name, email: o.email }));
    return { fileName: `${key}.zip`, bytes: packProcedure({ key, xml, forms, offices: needed }, new Date()) };
  }

  /**
   * Imports a shared procedure zip as drafts (diagram and forms), after the same checks as a draft
   * (lint, conventions, form schemas) and with every office it needs present here. Any problem imports
   * nothing and names its file.
   */
  async importZip(body: unknown, by: string): Promise<{ key: string; forms: string[] }> {
    const content = (body as { content?: unknown } | null)?.content;
    if (typeof content !== 'string' || content === '' || !/^[A-Za-z0-9+/]+=*$/.test(content)) throw new ModelerInvalidInputException('content', MODELER_MESSAGES.zipRequired);
    const { package: found, problems } = unpackProcedure(Buffer.from(content, 'base64'), MODELER_MESSAGES.zip);
    if (!found) throw new ModelerImportInvalidException(problems);
    const { offices } = await this.catalogue.sources();
    for (const office of found.offices) if (!offices.some((o) => o.key === office.key)) problems.push({ file: 'processes/offices.json', message: MODELER_MESSAGES.officeMissing(office.key) });
    if (!KEY_PATTERN.test(found.key)) problems.push({ file: `processes/${found.key}.bpmn`, message: MODELER_MESSAGES.badKey(found.key) });
    for (const formKey of found.forms.keys()) if (!KEY_PATTERN.test(formKey)) problems.push({ file: `forms/${formKey}.form.json`, message: MODELER_MESSAGES.badKey(formKey) });
    if (problems.length) throw new ModelerImportInvalidException(problems);
    const forms = new Map([...(await this.formDrafts()), ...[...found.forms].map(([k, schema]) => [k, JSON.stringify(schema, null, 2)] as const)]);
    const lint = await this.catalogue.checkDraft(found.key, found.xml, forms);
    if (lint.length) throw new ModelerImportInvalidException(lint.map((line) => ({ file: line.split(',')[0], message: line })));
    return this.tx.run(async () => {
      await this.drafts.save('procedure', found.key, found.xml, by);
      for (const [formKey, schema] of found.forms) await this.drafts.save('form', formKey, JSON.stringify(schema, null, 2), by);
      return { key: found.key, forms: [...found.forms.keys()].sort() };
    });
  }

  private async procedureTaken(key: string): Promise<boolean> {
    const { files } = await this.catalogue.sources();
    return files.processes.has(`${key}.bpmn`) || (await this.drafts.find('procedure', key)) !== null || (await this.catalogue.procedureKnown(key));
  }

  private async formPublished(key: string): Promise<boolean> {
    const { files } = await this.catalogue.sources();
    return files.forms.has(`${key}.form.json`) || (await this.catalogue.latestFormVersion(key)) !== null;
  }

  private async formTaken(key: string): Promise<boolean> {
    return (await this.formPublished(key)) || (await this.drafts.find('form', key)) !== null;
  }

  private async formDrafts(): Promise<Map<string, string>> {
    return new Map((await this.drafts.list('form')).map((d) => [d.key, d.content]));
  }

  /** The same checks as catalogue:check and deploy, on the draft with the saved form drafts laid over forms/. */
  problemsOf(key: string, xml: string): Promise<string[]> {
    return this.validateXml(key, xml);
  }

  private async validateXml(key: string, xml: string): Promise<string[]> {
    return this.catalogue.checkDraft(key, xml, await this.formDrafts());
  }
}

const preview = (plan: PublicationPreview): PublicationPreview => ({
  key: plan.key,
  problems: plan.problems,
  current: plan.current,
  diff: plan.diff,
  runningOnCurrent: plan.runningOnCurrent,
  runningTotal: plan.runningTotal,
  droppedWaitingSteps: plan.droppedWaitingSteps,
});

function newKeyOf(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | null)?.[field];
  const key = typeof value === 'string' ? value.trim() : '';
  checkKey(field, key);
  return key;
}

function checkKey(field: string, key: string): void {
  if (!KEY_PATTERN.test(key)) throw new ModelerBadKeyException(field, key);
}

function xmlOf(body: unknown): string {
  const xml = (body as { xml?: unknown } | null)?.xml;
  if (typeof xml !== 'string' || xml.trim() === '') throw new ModelerInvalidInputException('xml', MODELER_MESSAGES.xmlRequired);
  return xml;
}
