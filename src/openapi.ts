import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemDto, toOpenApi31 } from './common';

const DESCRIPTION = `Procedimenti amministrativi del Comune: catalogo, pratiche dei cittadini, code degli uffici.

**Errors** answer \`application/problem+json\` (RFC 9457, schema \`ProblemDto\`): each operation lists, per status,
the \`code\` values it may answer; invalid input also lists \`errors[]\`, one entry per field. \`detail\` is Italian.

**Offset pagination** (\`page\`, \`pageSize\`, default 20, max 100) answers \`{ items, total, page, pageSize }\`.
**Cursor pagination** (the office inbox, the event feed) answers \`items\` and an opaque cursor
(\`nextCursor\` / \`next\`): send it back unchanged to read on; never build or parse it.`;

/** The OpenAPI 3.1 document of the API: built from the controllers, their request and response DTOs and `@ApiProblems`. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sportello API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  for (const path of Object.values(document.paths)) {
    for (const op of Object.values(path) as Array<{ responses?: Record<string, unknown>; security?: unknown[] }>) {
      if (!op?.responses) continue;
      // A route that cannot answer 401 needs no credentials: say so instead of inheriting the controller's.
      if (!op.responses['401']) op.security = [];
      op.responses.default = {
        description: 'Errore inatteso (`INTERNAL`, con `requestId` da citare all’assistenza)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      };
    }
  }
  return toOpenApi31(document);
}

/** Serves the document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
