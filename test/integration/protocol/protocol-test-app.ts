import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { Clock, NewProtocolEntry, ProtocolModule, ProtocolService } from '../../../src/modules/protocol';

/** A clock the test moves by hand, e.g. across 1 January in Rome. */
export class SettableClock extends Clock {
  private current = new Date('2026-03-02T09:00:00Z');

  set(iso: string): void {
    this.current = new Date(iso);
  }

  now(): Date {
    return new Date(this.current);
  }
}

export interface ProtocolTestApp {
  app: INestApplicationContext;
  protocol: ProtocolService;
  tx: Transactions;
  ds: DataSource;
  clock: SettableClock;
}

export async function startProtocolApp(config: AppConfig): Promise<ProtocolTestApp> {
  const clock = new SettableClock();
  const mod = await Test.createTestingModule({
    imports: [ConfigModule.forConfig(config), DatabaseModule, ProtocolModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = await mod.init();
  return { app, protocol: app.get(ProtocolService), tx: app.get(Transactions), ds: app.get(DataSource), clock };
}

export const anEntry = (overrides: Partial<NewProtocolEntry> = {}): NewProtocolEntry => ({
  direction: 'in',
  channel: 'web',
  correspondent: { name: 'Mario Rossi', fiscalCode: 'RSSMRA85T10A562S', email: 'mario.rossi@example.it' },
  subject: 'Richiesta certificato di residenza',
  office: 'anagrafe',
  documents: [{ name: 'istanza.pdf', sha256: 'ab'.repeat(32), mediaType: 'application/pdf', size: 2048 }],
  ...overrides,
});
