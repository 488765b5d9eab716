import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { LoggingModule } from '../../../src/common/logging.module';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { AuditModule } from '../../../src/modules/audit';
import { DEMO_STAFF_PASSWORD, IdentityModule, StaffDirectoryService, StaffModule } from '../../../src/modules/identity';
import { hotp, StaffLoginModule, StaffLoginService, totpStep } from '../../../src/modules/staff-login';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`staff login (TOTP, login limit) on ${databaseLabel()}`, () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let login: StaffLoginService;
  let tx: Transactions;

  beforeAll(async () => {
    config = testConfig({ DATA_DIR: '.test-data/staff-login', LOGIN_RATE_LIMIT: '3', STAFF_TOTP_KEY: 'k'.repeat(40) });
    const mod = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), LoggingModule, DatabaseModule, IdentityModule, StaffModule, AuditModule, StaffLoginModule] }).compile();
    ctx = await mod.init();
    login = ctx.get(StaffLoginService);
    tx = ctx.get(Transactions);
  });
  afterAll(async () => {
    await ctx.close();
    await dropTestSchema(config);
  });

  it('given an analyst enrolling, when confirmed, then only the encrypted secret is stored and each code is accepted once, even by two racing logins', async () => {
    // given
    const outcome = await login.password('giorgia.conti', DEMO_STAFF_PASSWORD);
    if (outcome.next !== 'enrol') throw new Error(`expected enrolment, got ${outcome.next}`);
    const now = new Date();
    expect(await login.confirmEnrolment('giorgia.conti', outcome.secretEnc, hotp(outcome.secret, totpStep(now)), now)).toBe(true);
    const [row] = (await tx.manager().query(`select secret_enc from staff_totp where user_id = 'giorgia.conti'`)) as Array<{ secret_enc: string }>;
    expect(row.secret_enc).not.toContain(outcome.secret);
    expect((await login.password('giorgia.conti', DEMO_STAFF_PASSWORD)).next).toBe('code');
    // when
    const next = hotp(outcome.secret, totpStep(now) + 1);
    const results = await Promise.all([login.code('giorgia.conti', next, now), login.code('giorgia.conti', next, now)]);
    // then
    expect(results.sort()).toEqual([false, true]);
    expect(await login.code('giorgia.conti', hotp(outcome.secret, totpStep(now)), now)).toBe(false);
  });

  it('given the limit of 3 per window, when a fourth attempt comes from the same IPv6 /64, then it is refused with the seconds to wait', async () => {
    const now = new Date('2026-03-01T10:03:00Z');
    for (const a of ['2001:db8::1', '2001:db8::2', '2001:db8::3']) await login.countAttempt(a, now);
    await expect(login.countAttempt('2001:db8::ffff', now)).rejects.toMatchObject({ code: 'STAFF_LOGIN_RATE_LIMITED', details: { retryAfterSeconds: 420 } });
    await expect(login.countAttempt('2001:db9::1', now)).resolves.toBeUndefined();
  });

  it('given a password reset by an admin, when the user changes it, then the policy and the old one are enforced by field, the flag clears, their sessions end and the change is audited, all in one transaction', async () => {
    // given: a reset (temporary password) and a page session of the user elsewhere
    const { password: temporary } = (await ctx.get(StaffDirectoryService).resetPassword('sara.colombo'))!;
    const principal = await login.password('sara.colombo', temporary);
    expect(await login.passwordChangeRequired(principal.principal)).toBe(true);
    await tx.manager().query(`insert into web_session (sid, data, expires_at) values ('elsewhere', $1, now() + interval '1 hour')`, [JSON.stringify({ principal: principal.principal })]);
    // when: refused first (too short; the temporary one again), then accepted
    await expect(login.changePassword(principal.principal, 'corta', 'corta', '10.0.0.1')).rejects.toMatchObject({ details: { fieldErrors: [expect.objectContaining({ field: 'password' })] } });
    await expect(login.changePassword(principal.principal, temporary, temporary, '10.0.0.1')).rejects.toMatchObject({ details: { fieldErrors: [{ field: 'password', message: expect.stringContaining('diversa') }] } });
    expect(await tx.manager().query(`select 1 from web_session where sid = 'elsewhere'`)).toHaveLength(1);
    await login.changePassword(principal.principal, 'Lanterna-di-Genova-1128', 'Lanterna-di-Genova-1128', '10.0.0.1');
    // then
    expect(await login.passwordChangeRequired(principal.principal)).toBe(false);
    expect(await tx.manager().query(`select 1 from web_session where sid = 'elsewhere'`)).toHaveLength(0);
    const audit = (await tx.manager().query(`select action, actor_subject from audit_event where resource_id = 'sara.colombo' and action = 'user.password-change'`)) as unknown[];
    expect(audit).toHaveLength(1);
    await expect(login.password('sara.colombo', temporary)).rejects.toMatchObject({ code: 'IDENTITY_LOGIN_FAILED' });
    expect((await login.password('sara.colombo', 'Lanterna-di-Genova-1128')).next).toBe('done');
  });
});
