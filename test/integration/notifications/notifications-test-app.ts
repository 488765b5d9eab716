import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { LoggingModule } from '../../../src/common/logging.module';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import {
  EnqueueEmailInput,
  NotificationsModule,
  NotificationsService,
  OutboxDispatcher,
} from '../../../src/modules/notifications';

export interface NotificationsTestApp {
  app: INestApplicationContext;
  notifications: NotificationsService;
  dispatcher: OutboxDispatcher;
  tx: Transactions;
  ds: DataSource;
}

export async function startNotificationsApp(config: AppConfig): Promise<NotificationsTestApp> {
  const mod = await Test.createTestingModule({
    imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, NotificationsModule],
  }).compile();
  const app = await mod.init();
  return {
    app,
    notifications: app.get(NotificationsService),
    dispatcher: app.get(OutboxDispatcher),
    tx: app.get(Transactions),
    ds: app.get(DataSource),
  };
}

let sequence = 0;

/** A status-change e-mail as the cases module would enqueue it; a fresh dedupe key each time. */
export const anEmail = (overrides: Partial<EnqueueEmailInput> = {}): EnqueueEmailInput => {
  sequence += 1;
  return {
    caseId: `case-${sequence}`,
    event: 'inviata',
    procedureKey: 'iscrizione-nido',
    to: 'maria.rossi@example.it',
    variables: {
      citizenName: 'Maria Rossi',
      procedureTitle: 'Iscrizione al nido',
      protocolNumber: '0000042',
      protocolDate: '2026-03-02T09:00:00Z',
      office: 'Servizi educativi e scolastici',
      legalDeadline: '2026-04-01',
    },
    dedupeKey: `case-${sequence}:inviata:${Date.now()}`,
    ...overrides,
  };
};

export const seconds = (from: Date, s: number): Date => new Date(from.getTime() + s * 1000);
