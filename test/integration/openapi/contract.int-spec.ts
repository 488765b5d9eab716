import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../../src/app.module';
import { configureApp } from '../../../src/app.setup';
import { buildOpenApiDocument } from '../../../src/openapi';
import { contractGaps, describeGaps, registeredRoutes } from '../../support/openapi-contract';
import { databaseLabel, dropTestSchema, testConfig } from '../../setup/test-database';

describe(`the OpenAPI contract on ${databaseLabel()}`, () => {
  const config = testConfig({ DATA_DIR: '.test-data/openapi-keys' });
  let app: INestApplication;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false, bodyParser: false });
    configureApp(app, config);
    await app.init();
    document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await app.close();
    await dropTestSchema(config);
  });

  it('given the served document, when checked by a standard OpenAPI 3.1 validator, then it is valid', async () => {
    // given
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    // when
    const result = await new Validator().validate(document);
    // then
    expect(document.openapi).toBe('3.1.0');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('given every API route of the app, when its operation is read, then request, success body and problem codes are documented', () => {
    // given
    const routes = registeredRoutes(app);
    // when
    const gaps = contractGaps(document, routes);
    // then: the message names each route and what it lacks
    if (gaps.size > 0) throw new Error(`${gaps.size} route(s) with undocumented responses:\n${describeGaps(gaps)}`);
    expect(routes.length).toBeGreaterThanOrEqual(17);
  });

  it('given the document built in-process, when compared with the served one, then they are the same', () => {
    // when / then
    expect(buildOpenApiDocument(app)).toEqual(document);
  });

  it('given an operation with a missing success body and a plain error, when checked, then the route and both gaps are named', () => {
    // given
    const broken = {
      paths: {
        '/api/v1/x/{id}': {
          get: {
            summary: 'x',
            responses: { 200: { description: 'ok' }, 404: { description: 'no', content: { 'application/json': { schema: {} } } }, default: {} },
          },
        },
      },
    };
    // when
    const gaps = contractGaps(broken, ['GET /api/v1/x/{id}', 'POST /api/v1/y']);
    // then
    expect(describeGaps(gaps)).toContain('GET /api/v1/x/{id}');
    expect(gaps.get('GET /api/v1/x/{id}')).toEqual([
      '200: success body has no schema (give the response decorator a DTO type)',
      '404: not application/problem+json (use @ApiProblems)',
      '401 not documented (add AUTH_PROBLEMS to @ApiProblems)',
      '403 not documented (add AUTH_PROBLEMS to @ApiProblems)',
    ]);
    expect(gaps.get('POST /api/v1/y')).toEqual(['not in the OpenAPI document']);
  });
});
