import { Injectable } from '@nestjs/common';
import { CatalogueService, CITIZEN_GROUP, CITIZEN_STATUSES, KEY_PATTERN, OUTCOME_STATUSES } from '../catalogue';
import { DraftsRepository } from './drafts.repository';
import { ModelerBadKeyException, ModelerInvalidInputException, ModelerNotFoundException } from './modeler.exceptions';
import { MODELER_MESSAGES } from './modeler.messages';

export interface ModelerItem {
  key: string;
  /** On disk (processes/, forms/), only a draft, or a file with a newer draft. */
  source: 'file' | 'draft' | 'file+draft';
  draftUpdatedAt: string | null;
  draftUpdatedBy: string | null;
}

/** Everything the editor's drop-downs and its lint need, served so a new office, form or handler needs no rebuild. */
export interface ModelerContext {
  offices: Array<{ key: string; name: string }>;
  citizenGroup: string;
  formKeys: string[];
  serviceNames: string[];
  citizenStatuses: readonly string[];
  outcomeStatuses: readonly string[];
  spidLevels: readonly string[];
  lint: { officeKeys: string[]; formKeys: string[]; serviceNames: string[] };
}

const SPID_LEVELS = ['1', '2', '3', 'none'] as const;

/** The analysts' modeler: lists and opens procedures and forms, keeps drafts, validates them with the catalogue's lint. */
@Injectable()
export class ModelerService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly drafts: DraftsRepository,
  ) {}

  async list(): Promise<{ procedures: ModelerItem[]; forms: ModelerItem[] }> {
    const { files } = await this.catalogue.sources();
    const items = async (kind: 'procedure' | 'form', fileKeys: string[]): Promise<ModelerItem[]> => {
      const drafts = new Map((await this.drafts.list(kind)).map((d) => [d.key, d]));
      const keys = [...new Set([...fileKeys, ...drafts.keys()])].sort();
      return keys.map((key) => {
        const draft = drafts.get(key);
        const onDisk = fileKeys.includes(key);
        return {
          key,
          source: draft ? (onDisk ? 'file+draft' : 'draft') : 'file',
          draftUpdatedAt: draft ? draft.updatedAt.toISOString() : null,
          draftUpdatedBy: draft?.updatedBy ?? null,
        };
      });
    };
    return {
      procedures: await items('procedure', [...files.processes.keys()].map((f) => f.replace(/\.bpmn$/, ''))),
      forms: await items('form', [...files.forms.keys()].map((f) => f.replace(/\.form\.json$/, ''))),
    };
  }

  async context(): Promise<ModelerContext> {
    const { files, offices, serviceNames } = await this.catalogue.sources();
    const formKeys = [...new Set([...[...files.forms.keys()].map((f) => f.replace(/\.form\.json$/, '')), ...(await this.drafts.list('form')).map((d) => d.key)])].sort();
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

  async procedure(key: string): Promise<{ key: string; xml: string; draft: boolean }> {
    checkKey('key', key);
    const draft = await this.drafts.find('procedure', key);
    if (draft) return { key, xml: draft.content, draft: true };
    const xml = (await this.catalogue.sources()).files.processes.get(`${key}.bpmn`);
    if (xml === undefined) throw new ModelerNotFoundException('procedure', key);
    return { key, xml, draft: false };
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

  async form(key: string): Promise<{ key: string; schema: Record<string, unknown>; draft: boolean }> {
    checkKey('formKey', key);
    const draft = await this.drafts.find('form', key);
    if (draft) return { key, schema: JSON.parse(draft.content) as Record<string, unknown>, draft: true };
    const raw = (await this.catalogue.sources()).files.forms.get(`${key}.form.json`);
    if (raw === undefined) throw new ModelerNotFoundException('form', key);
    return { key, schema: JSON.parse(raw) as Record<string, unknown>, draft: false };
  }

  async saveForm(key: string, body: unknown, by: string): Promise<{ key: string; updatedAt: string }> {
    checkKey('formKey', key);
    const schema = (body as { schema?: unknown } | null)?.schema;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new ModelerInvalidInputException('schema', MODELER_MESSAGES.schemaRequired);
    const saved = await this.drafts.save('form', key, JSON.stringify(schema, null, 2), by);
    return { key, updatedAt: saved.updatedAt.toISOString() };
  }

  /** The same checks as catalogue:check and deploy, on the draft with the saved form drafts laid over forms/. */
  private async validateXml(key: string, xml: string): Promise<string[]> {
    const forms = new Map((await this.drafts.list('form')).map((d) => [d.key, d.content]));
    return this.catalogue.checkDraft(key, xml, forms);
  }
}

function checkKey(field: string, key: string): void {
  if (!KEY_PATTERN.test(key)) throw new ModelerBadKeyException(field, key);
}

function xmlOf(body: unknown): string {
  const xml = (body as { xml?: unknown } | null)?.xml;
  if (typeof xml !== 'string' || xml.trim() === '') throw new ModelerInvalidInputException('xml', MODELER_MESSAGES.xmlRequired);
  return xml;
}
