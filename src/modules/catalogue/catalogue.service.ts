import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Page, PageRequest } from '../../common';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { EngineService } from '../engine';
import { CatalogueCache } from './catalogue-cache';
import { diffDiagrams, diffFormFields, diffMetadata, elementFacts } from './semantic-diff';
import { readCatalogueFiles } from './catalogue-files';
import { readOffices, validateCatalogue } from './catalogue-validator';
import { CatalogueFormNotFoundException, CatalogueInvalidException, CatalogueProcedureNotFoundException } from './catalogue.exceptions';
import { canonicalJson, CatalogueRepository } from './catalogue.repository';
import { CITIZEN_STATUSES, CitizenStatus, CatalogueSources, DeploymentSummary, PublicationPlan, FormVersion, Office, ProcedureDefinition, ProcedureDetail, ProcedureFilter, ProcedureSummary, ValidationOutcome } from './catalogue.types';

/** How long a process trusts what it read of the catalogue (a deploy elsewhere is seen within it). */
const CATALOGUE_TTL_MS = 5_000;

/**
 * Loads processes/ and forms/, validates them as one catalogue and deploys it all or nothing:
 * changed BPMN becomes a new engine model version, changed forms a new form version; running
 * cases keep the model version they started on.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  /** Procedures and forms as read for filing and completing (see CatalogueCache). */
  private readonly procedures = new CatalogueCache<ProcedureDetail>(CATALOGUE_TTL_MS, () => this.tx.current() !== undefined);
  private readonly forms = new CatalogueCache<FormVersion>(CATALOGUE_TTL_MS, () => this.tx.current() !== undefined);

  constructor(
    private readonly engine: EngineService,
    private readonly repository: CatalogueRepository,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CATALOGUE_LOAD) return;
    const summary = await this.deploy();
    const changed = summary.procedures.filter((p) => p.created).map((p) => `${p.key} v${p.version}`);
    this.logger.info(
      { module: 'catalogue', procedures: summary.procedures.length, forms: summary.forms.length, changed },
      changed.length ? `catalogue deployed: ${changed.join(', ')}` : 'catalogue unchanged',
    );
  }

  /** Validates the configured directories without deploying anything. */
  async check(dirs: { processesDir?: string; formsDir?: string } = {}): Promise<ValidationOutcome> {
    const files = await readCatalogueFiles(dirs.processesDir ?? this.config.PROCESSES_DIR, dirs.formsDir ?? this.config.FORMS_DIR);
    return validateCatalogue(files, this.engine.serviceNames());
  }

  /** The catalogue as files (processes/, forms/, offices), for the modeler to list, open and offer in drop-downs. */
  async sources(): Promise<CatalogueSources> {
    const files = await readCatalogueFiles(this.config.PROCESSES_DIR, this.config.FORMS_DIR);
    return { files, offices: readOffices(files.offices), serviceNames: this.engine.serviceNames() };
  }

  /**
   * Validates a draft of one procedure (and drafts of forms) against the catalogue on disk with the same
   * checks and lint as deploy; returns the problems of the draft's own file, one line each.
   */
  async checkDraft(key: string, xml: string, forms: ReadonlyMap<string, string> = new Map()): Promise<string[]> {
    const { files, serviceNames } = await this.sources();
    files.processes.set(`${key}.bpmn`, xml);
    for (const [formKey, schema] of forms) files.forms.set(`${formKey}.form.json`, schema);
    const outcome = await validateCatalogue(files, serviceNames);
    return outcome.ok ? [] : outcome.problems.filter((p) => p.startsWith(`processes/${key}.bpmn,`) || p.startsWith('forms/'));
  }

  /**
   * What publishing a draft would do: the lint problems that block it, the semantic diff against the
   * current version (elements, form fields, metadata), the running cases on the current version and
   * the waiting steps of running cases that the draft no longer has.
   */
  async planPublication(key: string, xml: string, formDrafts: ReadonlyMap<string, string> = new Map()): Promise<PublicationPlan> {
    const { files, serviceNames } = await this.sources();
    files.processes.set(`${key}.bpmn`, xml);
    for (const [formKey, schema] of formDrafts) files.forms.set(`${formKey}.form.json`, schema);
    const outcome = await validateCatalogue(files, serviceNames);
    const current = await this.currentModel(key);
    const running = await this.engine.runningOf(key);
    const plan: PublicationPlan = {
      key,
      problems: [],
      current: current ? { versionId: current.id, version: current.version } : null,
      diff: { added: [], removed: [], changed: [], forms: [], metadata: [] },
      runningOnCurrent: running.byVersion.find((v) => v.versionId === current?.id)?.running ?? 0,
      runningTotal: running.byVersion.reduce((n, v) => n + v.running, 0),
      droppedWaitingSteps: [],
      definition: null,
      forms: [],
    };
    if (!outcome.ok) {
      const own = outcome.problems.filter((p) => p.startsWith(`processes/${key}.bpmn,`) || p.startsWith('forms/'));
      plan.problems = own.length ? own : outcome.problems;
      return plan;
    }
    const definition = outcome.catalogue.procedures.find((p) => p.key === key)!;
    const used = new Set(procedureForms(definition));
    plan.definition = definition;
    plan.forms = outcome.catalogue.forms.filter((f) => used.has(f.key));
    const draftElements = await elementFacts(xml);
    if (current) Object.assign(plan.diff, await diffDiagrams(current.xml, xml));
    else plan.diff.added = [...draftElements.values()].map(({ id, type, name }) => ({ id, type, name }));
    for (const form of plan.forms) {
      const before = current ? await this.repository.formForModel(form.key, current.id) : null;
      const change = diffFormFields(form.key, before?.schema ?? null, form.schema);
      if (change) plan.diff.forms.push(change);
    }
    const record = await this.repository.findProcedure(key);
    plan.diff.metadata = diffMetadata(record ? metadataOf(record) : null, metadataOf(definition));
    plan.droppedWaitingSteps = running.waiting.filter((w) => !draftElements.has(w.elementId));
    return plan;
  }

  /**
   * Publishes a planned draft as a new immutable model version with its forms, in the caller's
   * transaction (the modeler records the audit and drops the drafts in the same one). Running
   * cases stay on their version. Returns the version now current (`created` false when the draft
   * equals it).
   */
  async publish(plan: PublicationPlan, by: string): Promise<{ version: number; modelVersionId: string; created: boolean }> {
    if (plan.problems.length || !plan.definition) throw new CatalogueInvalidException(plan.problems);
    const definition = plan.definition;
    return this.tx.run(async () => {
      await this.repository.lockDeployment();
      const forms: Array<{ key: string; version: number }> = [];
      for (const form of plan.forms) forms.push({ key: form.key, version: (await this.repository.saveFormVersion(form)).version });
      const model = await this.engine.deploy(definition.key, `${definition.xml.trimEnd()}\n${formsStamp(forms)}\n`);
      await this.repository.saveProcedure(definition, model);
      await this.repository.bindModelForms(model.id, forms);
      await this.repository.saveModelPhases(model.id, definition.citizenPhases);
      if (model.created) {
        await this.repository.recordPublication({ processKey: definition.key, modelVersionId: model.id, modelVersion: model.version, forms, diff: plan.diff, publishedBy: by });
      }
      this.clearCache();
      return { version: model.version, modelVersionId: model.id, created: model.created };
    });
  }

  /**
   * Writes the versions in force back as files (`npm run catalogue:export`): each active procedure's
   * current model version to processes/<key>.bpmn and the form versions bound to it to
   * forms/<key>.form.json, only where the file's content differs. processes/ and forms/ in git stay
   * the source of truth; a boot deploy of the exported files then changes nothing.
   */
  async exportFiles(dirs: { processesDir?: string; formsDir?: string } = {}): Promise<{ written: string[]; unchanged: number }> {
    const processesDir = dirs.processesDir ?? this.config.PROCESSES_DIR;
    const formsDir = dirs.formsDir ?? this.config.FORMS_DIR;
    const files = await readCatalogueFiles(processesDir, formsDir);
    const out: Array<{ path: string; content: string }> = [];
    let unchanged = 0;
    const forms = new Map<string, FormVersion>();
    for (const model of await this.repository.activeModels()) {
      const xml = stripFormsStamp(model.xml);
      if (files.processes.get(`${model.key}.bpmn`)?.trimEnd() === xml) unchanged += 1;
      else out.push({ path: join(processesDir, `${model.key}.bpmn`), content: `${xml}\n` });
      for (const form of await this.repository.modelForms(model.modelVersionId)) {
        if ((forms.get(form.key)?.version ?? 0) < form.version) forms.set(form.key, form);
      }
    }
    for (const form of forms.values()) {
      const disk = files.forms.get(`${form.key}.form.json`);
      if (disk !== undefined && canonicalJson(JSON.parse(disk)) === canonicalJson(form.schema)) unchanged += 1;
      else out.push({ path: join(formsDir, `${form.key}.form.json`), content: `${JSON.stringify(form.schema, null, 2)}\n` });
    }
    await mkdir(processesDir, { recursive: true });
    await mkdir(formsDir, { recursive: true });
    for (const file of out) await writeFile(file.path, file.content, 'utf8');
    return { written: out.map((f) => f.path), unchanged };
  }

  /** The XML (forms stamp removed) of a procedure's current model version, or null if it was never deployed. */
  async currentXml(key: string): Promise<string | null> {
    return (await this.currentModel(key))?.xml ?? null;
  }

  /** Whether a procedure key is taken in the database (deployed or published, retired included). */
  async procedureKnown(key: string): Promise<boolean> {
    return (await this.engine.listVersions(key)).length > 0;
  }

  /** Keys of the active procedures and of every form with a version: what the modeler lists besides files and drafts. */
  async deployedKeys(): Promise<{ procedures: string[]; forms: string[] }> {
    return this.repository.deployedKeys();
  }

  /** The newest version of a form, or null if it has none (no cache: the modeler wants what is stored). */
  latestFormVersion(key: string): Promise<FormVersion | null> {
    return this.repository.latestForm(key);
  }

  /** The current model version of a procedure with its XML (forms stamp removed), or null if never deployed. */
  private async currentModel(key: string): Promise<{ id: string; version: number; xml: string } | null> {
    const versions = await this.engine.listVersions(key);
    if (versions.length === 0) return null;
    const current = await this.engine.models.current(key);
    return { id: current.id, version: current.version, xml: stripFormsStamp(current.xml) };
  }

  /** Validates, then deploys every procedure and form in one transaction; any problem deploys nothing. */
  async deploy(dirs: { processesDir?: string; formsDir?: string } = {}): Promise<DeploymentSummary> {
    const outcome = await this.check(dirs);
    if (!outcome.ok) throw new CatalogueInvalidException(outcome.problems);
    const { offices, procedures, forms } = outcome.catalogue;
    this.clearCache();
    return this.tx.run(async () => {
      await this.repository.lockDeployment();
      for (const office of offices) await this.repository.upsertOffice(office);
      const summary: DeploymentSummary = { procedures: [], forms: [], offices: offices.length };
      for (const form of forms) summary.forms.push({ key: form.key, ...(await this.repository.saveFormVersion(form, { keepPublished: true })) });
      const versions = new Map(summary.forms.map((f) => [f.key, f.version]));
      for (const procedure of procedures) {
        // A version published from the modeler stays current while processes/ holds an older one
        // (catalogue:export has not written it back yet).
        if (await this.repository.supersededByPublication(procedure.key, procedure.xml)) {
          const current = await this.engine.currentVersion(procedure.key);
          summary.procedures.push({ key: procedure.key, version: current.version, created: false });
          continue;
        }
        const used = procedureForms(procedure).map((key) => ({ key, version: versions.get(key)! }));
        // A model version is the diagram with its forms: a changed form makes a new version, so
        // running cases keep the forms they started with (the stamp is an XML comment).
        const model = await this.engine.deploy(procedure.key, `${procedure.xml.trimEnd()}\n${formsStamp(used)}\n`);
        await this.repository.saveProcedure(procedure, model);
        await this.repository.bindModelForms(model.id, used);
        await this.repository.saveModelPhases(model.id, procedure.citizenPhases);
        summary.procedures.push({ key: procedure.key, version: model.version, created: model.created });
      }
      await this.repository.retireAllExcept([...procedures.map((p) => p.key), ...(await this.repository.publishedKeys())]);
      this.clearCache();
      return summary;
    });
  }

  private clearCache(): void {
    this.procedures.clear();
    this.forms.clear();
  }

  async list(filter: ProcedureFilter, page: PageRequest): Promise<Page<ProcedureSummary>> {
    const { items, total } = await this.repository.listProcedures(filter, page);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** Every office of the Comune, by name. */
  offices(): Promise<Office[]> {
    return this.repository.listOffices();
  }

  /** An office (name and e-mail) by key, e.g. to address a citizen's message to it; null if unknown. */
  office(key: string): Promise<Office | null> {
    return this.repository.findOffice(key);
  }

  /** A form at a given version (immutable once deployed, so read as stored), or its newest version (through the cache). */
  async formAt(key: string, version?: number): Promise<FormVersion> {
    if (version === undefined) return this.form(key);
    const form = await this.repository.formVersion(key, version);
    if (!form) throw new CatalogueFormNotFoundException(key);
    return form;
  }

  /** The version of a form deployed with a model version: what a case started on that version shows and validates. */
  async formForModel(key: string, modelVersionId: string): Promise<FormVersion> {
    const form = await this.repository.formForModel(key, modelVersionId);
    if (!form) throw new CatalogueFormNotFoundException(key);
    return form;
  }

  /** The start form of a procedure as deployed with a model version (null if the procedure is unknown). */
  async startFormForModel(procedureKey: string, modelVersionId: string): Promise<FormVersion | null> {
    const key = await this.repository.startFormKey(procedureKey);
    return key ? this.repository.formForModel(key, modelVersionId) : null;
  }

  /**
   * The citizen-visible phases of a model version in diagram order (for the case page's stepper);
   * null for a version deployed before phases were recorded (its procedure's next deploy records
   * the current version's).
   */
  async citizenPhases(modelVersionId: string): Promise<CitizenStatus[] | null> {
    const phases = await this.repository.modelPhases(modelVersionId);
    return phases ? phases.filter((p): p is CitizenStatus => (CITIZEN_STATUSES as readonly string[]).includes(p)) : null;
  }

  /** The current version of a form (start or task form), for validating a submission. */
  form(key: string): Promise<FormVersion> {
    return this.forms.get(key, async () => {
      const form = await this.repository.latestForm(key);
      if (!form) throw new CatalogueFormNotFoundException(key);
      return form;
    });
  }

  /** A published procedure with its office and current start form (remembered for CATALOGUE_TTL_MS). */
  get(key: string): Promise<ProcedureDetail> {
    return this.procedures.get(key, () => this.read(key));
  }

  private async read(key: string): Promise<ProcedureDetail> {
    const record = await this.repository.findProcedure(key);
    if (!record) throw new CatalogueProcedureNotFoundException(key);
    const [office, startForm] = await Promise.all([this.repository.findOffice(record.office), this.repository.latestForm(record.startFormKey)]);
    // Both are written in the same transaction as the procedure and never deleted.
    if (!office) throw new CatalogueProcedureNotFoundException(key);
    if (!startForm) throw new CatalogueFormNotFoundException(record.startFormKey);
    return {
      key: record.key,
      title: record.title,
      category: record.category,
      legalBasis: record.legalBasis,
      legalDays: record.legalDays,
      spidLevel: record.spidLevel,
      feeCents: record.feeCents,
      lifeEvents: record.lifeEvents,
      updatedAt: record.updatedAt,
      office,
      currentVersion: { id: record.modelVersionId, number: record.version, deployedAt: record.modelDeployedAt },
      startForm,
      taskForms: record.taskForms,
    };
  }
}

function procedureForms(p: ProcedureDefinition): string[] {
  return [...new Set([p.startFormKey, ...p.taskForms.map((t) => t.formKey)])].sort();
}

/** The XML a model version was deployed from, without the forms stamp deploy appends. */
export const stripFormsStamp = (xml: string): string => xml.replace(/\n<!-- sportello:forms [^>]*-->\n?$/, '').trimEnd();

const metadataOf = (p: Pick<ProcedureSummary, 'title' | 'office' | 'category' | 'legalBasis' | 'legalDays' | 'spidLevel' | 'feeCents' | 'lifeEvents'>): Record<string, unknown> => ({
  title: p.title,
  office: p.office,
  category: p.category,
  legalBasis: p.legalBasis,
  legalDays: p.legalDays,
  spidLevel: p.spidLevel,
  feeCents: p.feeCents,
  lifeEvents: p.lifeEvents,
});

const formsStamp = (forms: Array<{ key: string; version: number }>): string =>
  `<!-- sportello:forms ${forms.map((f) => `${f.key}@${f.version}`).join(' ')} -->`;
