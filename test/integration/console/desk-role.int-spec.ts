import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { DEMO_OPERATORS, IdentityModule, MEMBERSHIP_ROLES, StaffAuthService, StaffModule, TokenService, TokenVerifier } from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`front-desk role on ${databaseLabel()}`, () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let staff: StaffAuthService;
  let tokens: TokenService;
  let verifier: TokenVerifier;
  let tx: Transactions;

  beforeAll(async () => {
    config = testConfig({ DATA_DIR: '.test-data/desk-role-keys' });
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

  it('given the demo seed, when the desk operator is read, then the membership is desk and the principal says desk', async () => {
    // when
    const rows = (await tx.manager().query(`select office, role from staff_membership where user_id = 'francesca.lombardi'`)) as unknown[];
    const principal = await staff.principalOf('francesca.lombardi', 'operator');
    // then
    expect(rows).toEqual([{ office: 'anagrafe', role: 'desk' }]);
    expect(principal).toEqual({ kind: 'operator', userId: 'francesca.lombardi', name: 'Francesca Lombardi', offices: ['anagrafe'], headOf: [], desk: true });
    expect(MEMBERSHIP_ROLES).toEqual(['operator', 'head', 'desk']);
  });

  it('given a token claiming desk for an operator without a desk membership, when verified, then the memberships win', async () => {
    // given
    const luca = DEMO_OPERATORS.find((o) => o.userId === 'luca.romano')!;
    const token = await tokens.issue({ ...luca, desk: true });
    // when
    const principal = await verifier.verify(token);
    // then
    expect(principal).toEqual({ kind: 'operator', userId: 'luca.romano', name: 'Luca Romano', offices: ['anagrafe'], headOf: [] });
  });

  it('given a role outside the check constraint, when a membership is written, then the database refuses it', async () => {
    await expect(tx.manager().query(`insert into staff_membership (user_id, office, role) values ('luca.romano', 'tributi', 'sindaco')`)).rejects.toThrow();
  });
});
