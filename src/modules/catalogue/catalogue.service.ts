import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { Page, PageRequest } from '../../common';
import { ROOT_LOGGER } from '../../common/logging.module';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { EngineService } from '../engine';
import { readCatalogueFiles } from './catalogue-files';
import { validateCatalogue } from './catalogue-validator';
import { CatalogueFormNotFoundException, CatalogueInvalidException, CatalogueProcedureNotFoundException } from './catalogue.exceptions';
import { CatalogueRepository } from './catalogue.repository';
import { DeploymentSummary, FormVersion, Office, ProcedureDetail, ProcedureFilter, ProcedureSummary, ValidationOutcome } from './catalogue.types';

/**
 * Loads processes/ and forms/, validates them as one catalogue and deploys it all or nothing:
 * changed BPMN becomes a new engine model version, changed forms a new form version; running
 * cases keep the model version they started on.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
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

  /** Validates, then deploys every procedure and form in one transaction; any problem deploys nothing. */
  async deploy(dirs: { processesDir?: string; formsDir?: string } = {}): Promise<DeploymentSummary> {
    const outcome = await this.check(dirs);
    if (!outcome.ok) throw new CatalogueInvalidException(outcome.problems);
    const { offices, procedures, forms } = outcome.catalogue;
    return this.tx.run(async () => {
      await this.repository.lockDeployment();
      for (const office of offices) await this.repository.upsertOffice(office);
      const summary: DeploymentSummary = { procedures: [], forms: [], offices: offices.length };
      for (const form of forms) summary.forms.push({ key: form.key, ...(await this.repository.saveFormVersion(form)) });
      for (const procedure of procedures) {
        const model = await this.engine.deploy(procedure.key, procedure.xml);
        await this.repository.saveProcedure(procedure, model);
        summary.procedures.push({ key: procedure.key, version: model.version, created: model.created });
      }
      await this.repository.retireAllExcept(procedures.map((p) => p.key));
      return summary;
    });
  }

  async list(filter: ProcedureFilter, page: PageRequest): Promise<Page<ProcedureSummary>> {
    const { items, total } = await this.repository.listProcedures(filter, page);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /** Every office of the Comune, by name. */
  offices(): Promise<Office[]> {
    return this.repository.listOffices();
  }

  /** The current version of a form (start or task form), for validating a submission. */
  async form(key: string): Promise<FormVersion> {
    const form = await this.repository.latestForm(key);
    if (!form) throw new CatalogueFormNotFoundException(key);
    return form;
  }

  async get(key: string): Promise<ProcedureDetail> {
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
