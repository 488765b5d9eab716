import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '../../../src/config';
import { DatabaseModule, Transactions } from '../../../src/database';
import { PgOidcAdapter } from '../../../src/modules/citizen-auth';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`the development provider's state adapter on ${databaseLabel()}`, () => {
  let config: AppConfig;
  let ctx: INestApplicationContext;
  let tx: Transactions;
  const adapter = (model: string): PgOidcAdapter => new PgOidcAdapter(model, tx);

  beforeAll(async () => {
    config = testConfig();
    const mod = await Test.createTestingModule({ imports: [ConfigModule.forConfig(config), DatabaseModule] }).compile();
    ctx = await mod.init();
    tx = ctx.get(Transactions);
  });
  afterAll(async () => {
    await ctx.close();
    await dropTestSchema(config);
  });

  it('given a stored code, when found, consumed and upserted again, then the payload comes back with `consumed` set once and cleared by the new write', async () => {
    // given
    const codes = adapter('AuthorizationCode');
    await codes.upsert('c1', { accountId: 'A', grantId: 'g1', scope: 'openid' }, 60);
    expect(await codes.find('c1')).toEqual({ accountId: 'A', grantId: 'g1', scope: 'openid' });
    // when
    await codes.consume('c1');
    const consumed = await codes.find('c1');
    // then
    expect(consumed?.consumed).toEqual(expect.any(Number));
    expect(await adapter('AccessToken').find('c1')).toBeUndefined();
    await codes.upsert('c1', { accountId: 'B', grantId: 'g1' }, 60);
    expect(await codes.find('c1')).toEqual({ accountId: 'B', grantId: 'g1' });
  });

  it('given a session and a device code, when looked up by uid and user code, then each model finds only its own row', async () => {
    await adapter('Session').upsert('s1', { uid: 'u-1', accountId: 'A' }, 600);
    await adapter('DeviceCode').upsert('d1', { userCode: 'ABCD-EFGH', grantId: 'g9' }, 600);
    expect(await adapter('Session').findByUid('u-1')).toEqual({ uid: 'u-1', accountId: 'A' });
    expect(await adapter('Interaction').findByUid('u-1')).toBeUndefined();
    expect(await adapter('DeviceCode').findByUserCode('ABCD-EFGH')).toEqual({ userCode: 'ABCD-EFGH', grantId: 'g9' });
    await adapter('Session').destroy('s1');
    expect(await adapter('Session').findByUid('u-1')).toBeUndefined();
  });

  it('given a code and a token of one grant and a token of another, when the grant is revoked, then only the other grant\'s token remains', async () => {
    await adapter('AuthorizationCode').upsert('c2', { grantId: 'g2' }, 60);
    await adapter('AccessToken').upsert('t2', { grantId: 'g2' }, 600);
    await adapter('AccessToken').upsert('t3', { grantId: 'g3' }, 600);
    await adapter('AccessToken').revokeByGrantId('g2');
    expect(await adapter('AuthorizationCode').find('c2')).toBeUndefined();
    expect(await adapter('AccessToken').find('t2')).toBeUndefined();
    expect(await adapter('AccessToken').find('t3')).toEqual({ grantId: 'g3' });
  });

  it('given an expired row and one without expiry, when read and swept, then the expired one is neither found nor kept', async () => {
    // given: a row that expired a minute ago (written directly: the adapter only takes future lifetimes)
    await adapter('Interaction').upsert('i-old', { uid: 'old' }, 600);
    await tx.manager().query(`update dev_idp_state set expires_at = now() - interval '1 minute' where id = 'i-old'`);
    await adapter('Client').upsert('forever', { client_id: 'x' });
    // when / then
    expect(await adapter('Interaction').find('i-old')).toBeUndefined();
    expect(await adapter('Interaction').findByUid('old')).toBeUndefined();
    expect(await PgOidcAdapter.sweepExpired(tx)).toBeGreaterThanOrEqual(1);
    const left = (await tx.manager().query(`select id from dev_idp_state where id in ('i-old', 'forever') order by id`)) as Array<{ id: string }>;
    expect(left.map((r) => r.id)).toEqual(['forever']);
    expect(await adapter('Client').find('forever')).toEqual({ client_id: 'x' });
  });
});
