import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule, ConfigValidationError, loadConfig } from '../../../config';
import { DatabaseModule } from '../../../database';
import { ChainVerdict } from '../audit-chain';
import { AuditModule } from '../audit.module';
import { AuditService } from '../audit.service';

/** The verdict as the operator reads it. */
export function describeVerdict(v: ChainVerdict): string {
  if (v.ok) return `audit chain OK: ${v.rows} row(s)`;
  const why = v.reason === 'hash' ? 'content does not match its hash' : v.reason === 'link' ? 'does not link to the previous row' : 'a row is missing before it or after the last one';
  return `audit chain BROKEN at row seq=${v.brokenSeq}: ${why}`;
}

/** Checks the chain of the configured database (DATABASE_URL / DATABASE_SCHEMA, or the PGlite data dir). */
export async function verifyAuditTrail(config: AppConfig): Promise<ChainVerdict> {
  @Module({ imports: [ConfigModule.forConfig(config), DatabaseModule, AuditModule] })
  class AuditVerifyModule {}
  const app = await NestFactory.createApplicationContext(AuditVerifyModule, { logger: ['error'] });
  try {
    return await app.get(AuditService).verify();
  } finally {
    await app.close();
  }
}

/** `npm run audit:verify`: exit 0 when the chain holds, 1 naming the first broken row. */
async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig({ ...process.env, MIGRATIONS_RUN: 'false' });
  } catch (e) {
    if (e instanceof ConfigValidationError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const verdict = await verifyAuditTrail(config);
  (verdict.ok ? process.stdout : process.stderr).write(`${describeVerdict(verdict)}\n`);
  return verdict.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`audit:verify: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
