import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../../src/app.module';
import { configureApp } from '../../../src/app.setup';
import { DEMO_CITIZENS, TokenService } from '../../../src/modules/identity';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

const ADMIN_API_TOKEN = 'static-admin-token-for-tests-0123456789';

describe(`the whole app behind the AuthGuard on ${databaseLabel()}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-identity-app-'));
  const config = testConfig({ DATA_DIR: dataDir, ADMIN_API_TOKEN });
  let app: INestApplication;

  beforeAll(async () => {
    const mod = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
    app = mod.createNestApplication({ logger: false });
    configureApp(app, config);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await dropTestSchema(config);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given no token, when reading the procedure catalogue, then it answers as before', async () => {
    // when
    const list = await request(app.getHttpServer()).get('/api/v1/procedures');
    const missing = await request(app.getHttpServer()).get('/api/v1/procedures/non-esiste');
    // then
    expect(list.status).toBe(200);
    expect(missing.status).toBe(404);
  });

  it('given the engine admin API, when called with ADMIN_API_TOKEN, then it still answers; without a token, 401', async () => {
    // when
    const withStatic = await request(app.getHttpServer()).get('/api/v1/admin/incidents').set('Authorization', `Bearer ${ADMIN_API_TOKEN}`);
    const without = await request(app.getHttpServer()).get('/api/v1/admin/incidents');
    // then
    expect(withStatic.status).toBe(200);
    expect(withStatic.body).toMatchObject({ items: [], total: 0 });
    expect(without.status).toBe(401);
  });

  it('given a citizen token, when calling the engine admin API, then it is refused with 403', async () => {
    // given
    const token = await app.get(TokenService).issue(DEMO_CITIZENS[0]);
    // when
    const res = await request(app.getHttpServer()).get('/api/v1/admin/incidents').set('Authorization', `Bearer ${token}`);
    // then
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).code).toBe('IDENTITY_FORBIDDEN');
  });
});
