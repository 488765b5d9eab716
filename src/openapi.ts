import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * OpenAPI document generated from the controllers and request DTOs, served at /api/docs (UI)
 * and /api/docs-json. Every error answers application/problem+json (RFC 9457).
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Sportello API')
    .setDescription(
      'Procedimenti amministrativi del Comune: catalogo, pratiche dei cittadini, code degli uffici. ' +
        'Errors are application/problem+json with `code` and, for invalid input, `errors[]` naming each field.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string', example: 'CASE_NOT_FOUND' },
          instance: { type: 'string' },
          errors: {
            type: 'array',
            items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
          },
        },
      },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const op of Object.values(path) as Array<{ responses?: Record<string, unknown> }>) {
      op.responses = { ...op.responses, default: { description: 'Errore', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } };
    }
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
