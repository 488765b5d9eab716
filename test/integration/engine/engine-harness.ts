import { DynamicModule, Injectable, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { LoggingModule } from '../../../src/common/logging.module';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule } from '../../../src/database';
import {
  EngineModule,
  EngineService,
  ServiceTask,
  ServiceTaskContext,
  ServiceTaskProvider,
  ServiceTaskResult,
  TimerSchedulerService,
} from '../../../src/modules/engine';

export const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/bpmn', `${name}.bpmn`), 'utf8');

/** A service-task handler whose behaviour each test sets: records calls, fails on demand. */
@Injectable()
@ServiceTask('test.work')
export class ScriptedWork implements ServiceTaskProvider {
  calls: ServiceTaskContext[] = [];
  failuresLeft = 0;
  result: ServiceTaskResult = {};

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    this.calls.push(ctx);
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('servizio esterno non disponibile');
    }
    return this.result;
  }
}

export interface EngineHarness {
  engine: EngineService;
  scheduler: TimerSchedulerService;
  work: ScriptedWork;
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  get<T>(token: Type<T>): T;
  close(): Promise<void>;
}

export async function startEngine(
  config: AppConfig,
  extra: Provider[] = [],
  modules: Array<Type<unknown> | DynamicModule> = [],
): Promise<EngineHarness> {
  const mod = await Test.createTestingModule({
    imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, EngineModule, ...modules],
    providers: [ScriptedWork, ...extra],
  }).compile();
  const app = await mod.init();
  return {
    engine: app.get(EngineService),
    scheduler: app.get(TimerSchedulerService),
    work: app.get(ScriptedWork),
    get: (token) => app.get(token),
    query: (sql, params) => app.get(DataSource).query(sql, params) as Promise<unknown[]>,
    close: () => app.close(),
  };
}
