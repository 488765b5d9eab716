import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import {
  DEMO_OPERATORS,
  DEMO_STAFF_PASSWORD,
  IdentityModule,
  MAX_FAILED_LOGINS,
  StaffAuthService,
  StaffModule,
  TokenService,
  TokenVerifier,
} from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`staff accounts on ${databaseLabel()}`, () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let staff: StaffAuthService;
  let tokens: TokenService;
  let verifier: TokenVerifier;
  let tx: Transactions;

  beforeAll(async () => {
    config = testConfig({ DATA_DIR: '.test-data/staff-keys' });
    const mod = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule, IdentityModule, StaffModule] }).compile();
    ctx = await mod.init();
    staff = ctx.get(StaffAuthService);
    tokens = ctx.get(TokenService);
    verifier = ctx.get(TokenVerifier);
    tx = ctx.get(Transactions);
  });
  afterAll(async () => {
    await ctx.close();
    await dropTestSchema(config);
  });

  it('given a fresh test database, when the app booted, then the demo staff are seeded with argon2id hashes, never plain passwords', async () => {
    // when
    const rows = (await tx.manager().query(`select id, password_hash from staff_user order by id`)) as Array<{ id: string; password_hash: string }>;
    // then
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(['anna.esposito', 'luca.romano', 'giorgia.conti', 'admin']));
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$/);
      expect(r.password_hash).not.toContain(DEMO_STAFF_PASSWORD);
    }
  });

  it('given an office head, when logging in with the right password, then the principal carries offices and headships from memberships', async () => {
    // when
    const principal = await staff.login('anna.esposito', DEMO_STAFF_PASSWORD);
    // then
    expect(principal).toEqual({ kind: 'operator', userId: 'anna.esposito', name: 'Anna Esposito', offices: ['anagrafe'], headOf: ['anagrafe'] });
  });

  it('given an unknown user or a wrong password, when logging in, then the same coded error answers both', async () => {
    await expect(staff.login('nobody', 'x')).rejects.toMatchObject({ code: 'IDENTITY_LOGIN_FAILED' });
    await expect(staff.login('luca.romano', 'wrong')).rejects.toMatchObject({ code: 'IDENTITY_LOGIN_FAILED' });
  });

  it(`given ${MAX_FAILED_LOGINS} failed logins, when the right password is then given, then the account is locked (counted in the database)`, async () => {
    // given
    await staff.create({ id: 'mario.lock', name: 'Mario Lock', kind: 'operator', password: 'giusta', memberships: [{ office: 'tributi', role: 'operator' }] });
    const outcomes: string[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) outcomes.push(await staff.login('mario.lock', 'sbagliata').then(() => 'ok', (e: { code: string }) => e.code));
    // when
    const right = await staff.login('mario.lock', 'giusta').then(() => 'ok', (e: { code: string }) => e.code);
    // then
    expect(outcomes).toEqual([...Array(MAX_FAILED_LOGINS - 1).fill('IDENTITY_LOGIN_FAILED'), 'IDENTITY_ACCOUNT_LOCKED']);
    expect(right).toBe('IDENTITY_ACCOUNT_LOCKED');
    const [row] = (await tx.manager().query(`select locked_until > now() as locked from staff_user where id = 'mario.lock'`)) as Array<{ locked: boolean }>;
    expect(row.locked).toBe(true);
  });

  it('given a membership in an office that is not in offices.json, or in "citizen", when creating a user, then it is refused naming the field', async () => {
    await expect(staff.create({ id: 'x.y', name: 'X', kind: 'operator', memberships: [{ office: 'ragioneria', role: 'operator' }] })).rejects.toMatchObject({
      code: 'IDENTITY_INVALID_PRINCIPAL',
      details: { fieldErrors: [{ field: 'memberships.0.office' }] },
    });
    await expect(staff.create({ id: 'x.z', name: 'X', kind: 'operator', memberships: [{ office: 'citizen', role: 'operator' }] })).rejects.toMatchObject({
      details: { fieldErrors: [{ field: 'memberships.0.office' }] },
    });
  });

  it('given an operator token claiming offices the user does not belong to, when verified, then the memberships win', async () => {
    // given
    const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
    const token = await tokens.issue({ ...luca, offices: ['anagrafe', 'suap'], headOf: ['anagrafe', 'suap'] });
    // when
    const principal = await verifier.verify(token);
    // then
    expect(principal).toEqual({ kind: 'operator', userId: 'luca.romano', name: 'Luca Romano', offices: ['anagrafe'], headOf: [] });
  });

  it('given a token of a staff user who does not exist, or of another kind, when verified, then it is refused', async () => {
    await expect(verifier.verify(await tokens.issue({ kind: 'operator', userId: 'ghost', name: 'G', offices: ['anagrafe'], headOf: [] }))).rejects.toMatchObject({ reason: 'claims' });
    await expect(verifier.verify(await tokens.issue({ kind: 'admin', userId: 'luca.romano', name: 'Luca' }))).rejects.toMatchObject({ reason: 'claims' });
  });
});
