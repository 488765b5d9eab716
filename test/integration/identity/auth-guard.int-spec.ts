import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { configureApp } from '../../../src/app.setup';
import { AppConfig, ConfigModule } from '../../../src/config';
import {
  CurrentPrincipal,
  DEMO_ADMINS,
  DEMO_ANALYSTS,
  DEMO_CITIZENS,
  DEMO_OPERATORS,
  IdentityModule,
  Principal,
  Public,
  Roles,
  TokenService,
} from '../../../src/modules/identity';
import { testConfig } from '../../setup/test-database';

const ADMIN_API_TOKEN = 'static-admin-token-for-tests-0123456789';

@Controller('test/identity')
class ProbeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('desk')
  @Roles('operator', 'admin')
  desk(@CurrentPrincipal() principal: Principal): { kind: string } {
    return { kind: principal.kind };
  }

  @Get('open')
  @Public()
  open(@CurrentPrincipal({ optional: true }) principal: Principal | undefined): { who: string } {
    return { who: principal?.kind ?? 'anonymous' };
  }
}

/** Stands in for another module's controller that cannot carry @Public(): the allow-list covers it. */
@Controller('api/v1/procedures')
class UndecoratedCatalogueController {
  @Get()
  list(): { items: string[] } {
    return { items: ['certificato-residenza'] };
  }

  @Get(':key')
  one(): { key: string } {
    return { key: 'certificato-residenza' };
  }

  @Post()
  create(): { created: boolean } {
    return { created: true };
  }
}

/** Like the engine's incidents API, under /api/v1/admin/ (its own ADMIN_API_TOKEN guard runs after ours). */
@Controller('api/v1/admin/probe')
class AdminProbeController {
  @Get()
  ok(): { ok: boolean } {
    return { ok: true };
  }
}

describe('AuthGuard over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-identity-int-'));
  let config: AppConfig;
  let app: INestApplication;
  let tokens: TokenService;
  const tokenFor = (p: Principal) => tokens.issue(p);

  beforeAll(async () => {
    config = testConfig({ DATA_DIR: dataDir, ADMIN_API_TOKEN });
    const mod = await Test.createTestingModule({
      imports: [ConfigModule.forConfig(config), IdentityModule],
      controllers: [ProbeController, UndecoratedCatalogueController, AdminProbeController],
    }).compile();
    app = mod.createNestApplication({ logger: false });
    configureApp(app, config);
    await app.init();
    tokens = app.get(TokenService);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given no token, when calling a protected route, then 401 problem+json with IDENTITY_UNAUTHENTICATED', async () => {
    // when
    const res = await request(app.getHttpServer()).get('/test/identity/me');
    // then
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 401, code: 'IDENTITY_UNAUTHENTICATED', detail: expect.stringMatching(/Autenticazione richiesta/) });
  });

  it('given a tampered token, when calling a protected route, then 401', async () => {
    // given
    const [h, p, s] = (await tokenFor(DEMO_OPERATORS[1])).split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, kind: 'admin' })).toString('base64url')}.${s}`;
    // when
    const res = await request(app.getHttpServer()).get('/test/identity/me').set('Authorization', `Bearer ${forged}`);
    // then
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'IDENTITY_UNAUTHENTICATED', detail: 'Token di accesso non valido.' });
  });

  it('given a valid citizen token, when calling a protected route, then the principal is the citizen', async () => {
    // given
    const token = await tokenFor(DEMO_CITIZENS[0]);
    // when
    const res = await request(app.getHttpServer()).get('/test/identity/me').set('Authorization', `Bearer ${token}`);
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEMO_CITIZENS[0]);
  });

  it('given a citizen token, when calling an operator/admin route, then 403 IDENTITY_FORBIDDEN', async () => {
    // given
    const token = await tokenFor(DEMO_CITIZENS[1]);
    // when
    const res = await request(app.getHttpServer()).get('/test/identity/desk').set('Authorization', `Bearer ${token}`);
    // then
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 403, code: 'IDENTITY_FORBIDDEN' });
  });

  it('given operator and admin tokens, when calling an operator/admin route, then 200 for both', async () => {
    for (const principal of [DEMO_OPERATORS[0], DEMO_ADMINS[0]]) {
      // given
      const token = await tokenFor(principal);
      // when
      const res = await request(app.getHttpServer()).get('/test/identity/desk').set('Authorization', `Bearer ${token}`);
      // then
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ kind: principal.kind });
    }
  });

  it('given a @Public route, when called without a token or with a bad one, then 200; with a good one the principal is known', async () => {
    // when
    const anonymous = await request(app.getHttpServer()).get('/test/identity/open');
    const badToken = await request(app.getHttpServer()).get('/test/identity/open').set('Authorization', 'Bearer nonsense');
    const analyst = await request(app.getHttpServer())
      .get('/test/identity/open')
      .set('Authorization', `Bearer ${await tokenFor(DEMO_ANALYSTS[0])}`);
    // then
    expect([anonymous.status, badToken.status, analyst.status]).toEqual([200, 200, 200]);
    expect([anonymous.body.who, badToken.body.who, analyst.body.who]).toEqual(['anonymous', 'anonymous', 'analyst']);
  });

  it('given the allow-listed catalogue routes, when read without a token, then 200, while writing still needs one', async () => {
    // when
    const list = await request(app.getHttpServer()).get('/api/v1/procedures?page=1');
    const one = await request(app.getHttpServer()).get('/api/v1/procedures/certificato-residenza');
    const write = await request(app.getHttpServer()).post('/api/v1/procedures').send({});
    // then
    expect([list.status, one.status]).toEqual([200, 200]);
    expect(write.status).toBe(401);
  });

  it('given /api/v1/admin, when called with ADMIN_API_TOKEN or an admin JWT, then 200; an operator JWT gets 403; none gets 401', async () => {
    // given
    const server = app.getHttpServer();
    // when
    const staticToken = await request(server).get('/api/v1/admin/probe').set('Authorization', `Bearer ${ADMIN_API_TOKEN}`);
    const adminJwt = await request(server).get('/api/v1/admin/probe').set('Authorization', `Bearer ${await tokenFor(DEMO_ADMINS[0])}`);
    const operatorJwt = await request(server)
      .get('/api/v1/admin/probe')
      .set('Authorization', `Bearer ${await tokenFor(DEMO_OPERATORS[0])}`);
    const wrongStatic = await request(server).get('/api/v1/admin/probe').set('Authorization', `Bearer ${ADMIN_API_TOKEN}x`);
    const none = await request(server).get('/api/v1/admin/probe');
    // then
    expect([staticToken.status, adminJwt.status, operatorJwt.status, wrongStatic.status, none.status]).toEqual([200, 200, 403, 401, 401]);
    expect(JSON.parse(operatorJwt.text).code).toBe('IDENTITY_FORBIDDEN');
  });

  it('given an expired token, when calling a protected route, then 401 saying it expired', async () => {
    // given: a token from a service whose clock is two hours behind, valid for one hour
    const realNow = Date.now;
    Date.now = () => realNow() - 2 * 3600_000;
    let token: string;
    try {
      token = await tokens.issue(DEMO_OPERATORS[0], 3600);
    } finally {
      Date.now = realNow;
    }
    // when
    const res = await request(app.getHttpServer()).get('/test/identity/me').set('Authorization', `Bearer ${token}`);
    // then
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'IDENTITY_UNAUTHENTICATED', detail: expect.stringMatching(/scaduto/) });
  });
});
