import { INestApplication, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { configureApp } from '../../../src/app.setup';
import { LoggingModule } from '../../../src/common/logging.module';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule } from '../../../src/database';
import { CatalogueModule, CatalogueService } from '../../../src/modules/catalogue';
import { EngineService, ServiceTask, ServiceTaskContext, ServiceTaskProvider, ServiceTaskResult } from '../../../src/modules/engine';

export const SHIPPED_PROCESSES = join(__dirname, '../../../processes');
export const SHIPPED_FORMS = join(__dirname, '../../../forms');
export const CATALOGUE_FIXTURES = join(__dirname, '../../fixtures/catalogue');

/** Stands in for the protocol module's handler so the shipped catalogue validates; records its calls. */
@Injectable()
@ServiceTask('protocol.register')
export class RecordingProtocolRegister implements ServiceTaskProvider {
  calls: ServiceTaskContext[] = [];

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    this.calls.push(ctx);
    return {};
  }
}

/** Stands in for the payments module's handler (the fee is asked, nothing is sent); records its calls. */
@Injectable()
@ServiceTask('payments.createDebt')
export class RecordingCreateDebt implements ServiceTaskProvider {
  calls: ServiceTaskContext[] = [];

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    this.calls.push(ctx);
    return { data: { pagamento: { nav: '301202600000000103' } } };
  }
}

/** Stands in for the documents module's handler (the act is asked for, nothing is rendered); records its calls. */
@Injectable()
@ServiceTask('documents.render')
export class RecordingRenderAct implements ServiceTaskProvider {
  calls: ServiceTaskContext[] = [];

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    this.calls.push(ctx);
    return {};
  }
}

export interface CatalogueHarness {
  app: INestApplication;
  catalogue: CatalogueService;
  engine: EngineService;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startCatalogue(config: AppConfig): Promise<CatalogueHarness> {
  const mod = await Test.createTestingModule({
    imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, CatalogueModule],
    providers: [RecordingProtocolRegister, RecordingCreateDebt, RecordingRenderAct],
  }).compile();
  const app = mod.createNestApplication({ logger: false });
  configureApp(app, config);
  try {
    await app.init();
  } catch (error) {
    // A refused boot still opened the database: release it, then report the refusal.
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    catalogue: app.get(CatalogueService),
    engine: app.get(EngineService),
    query: <T>(sql: string, params?: unknown[]) => app.get(DataSource).query(sql, params) as Promise<T[]>,
    close: () => app.close(),
  };
}

/** A writable copy of the shipped catalogue, to change files in a test. */
export function copyOfShippedCatalogue(): { processesDir: string; formsDir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'catalogue-'));
  cpSync(SHIPPED_PROCESSES, join(root, 'processes'), { recursive: true });
  cpSync(SHIPPED_FORMS, join(root, 'forms'), { recursive: true });
  return { processesDir: join(root, 'processes'), formsDir: join(root, 'forms'), remove: () => rmSync(root, { recursive: true, force: true }) };
}
