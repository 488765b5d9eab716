import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/** HTTP statuses a problem can carry (see statusOf in problem.filter.ts, plus body-parser's 413/415). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * The problem codes one status may answer: a list of codes, or codes with the Italian `detail`
 * a client would see (used as the example).
 */
export type ProblemCodes = readonly string[] | Readonly<Record<string, string>>;
export type ProblemSpec = Partial<Record<ProblemStatus, ProblemCodes>>;

const GENERIC_DETAIL: Record<ProblemStatus, string> = {
  400: 'Richiesta non valida',
  401: 'Autenticazione richiesta',
  403: 'Operazione non consentita',
  404: 'Risorsa non trovata',
  409: 'Conflitto con lo stato attuale',
  413: 'Il contenuto inviato supera la dimensione massima consentita',
  415: 'Tipo di contenuto non supportato',
  422: 'I dati inviati non sono validi',
  429: 'Troppe richieste: riprovare più tardi',
  500: 'Errore interno. Riprovare più tardi.',
  503: 'Servizio temporaneamente non disponibile',
};

const TITLE: Record<ProblemStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Merges several specs (e.g. a route's own codes and AUTH_PROBLEMS), keeping every code once. */
export function mergeProblems(...specs: ProblemSpec[]): Map<ProblemStatus, Map<string, string>> {
  const merged = new Map<ProblemStatus, Map<string, string>>();
  for (const spec of specs) {
    for (const [key, codes] of Object.entries(spec) as Array<[string, ProblemCodes | undefined]>) {
      if (!codes) continue;
      const status = Number(key) as ProblemStatus;
      const entries: Array<[string, string]> = Array.isArray(codes)
        ? (codes as readonly string[]).map((c) => [c, GENERIC_DETAIL[status]])
        : Object.entries(codes as Record<string, string>);
      const into = merged.get(status) ?? new Map<string, string>();
      for (const [code, detail] of entries) if (!into.has(code)) into.set(code, detail);
      merged.set(status, into);
    }
  }
  return merged;
}

/**
 * Documents the problem+json answers of a route, one response per status, listing its codes:
 *
 *   @ApiProblems({ 404: ['CASE_NOT_FOUND'] }, AUTH_PROBLEMS)
 *   @ApiProblems({ 409: { TASK_CLOSED: "L'attività è già conclusa" } })
 *
 * The codes appear in the description, as an enum on `code` and as
 * Italian examples, so a generated client can switch on them.
 */
export function ApiProblems(...specs: ProblemSpec[]): MethodDecorator & ClassDecorator {
  const decorators = [ApiExtraModels(ProblemDto)];
  for (const [status, codes] of mergeProblems(...specs)) {
    const list = [...codes.keys()];
    decorators.push(
      ApiResponse({
        status,
        description: `Problema: ${list.map((c) => `\`${c}\``).join(', ')}`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [{ $ref: getSchemaPath(ProblemDto) }, { type: 'object', properties: { code: { type: 'string', enum: list } } }],
            },
            examples: Object.fromEntries(
              [...codes].map(([code, detail]) => [
                code,
                {
                  summary: detail,
                  value: { type: `urn:sportello:problem:${code}`, title: TITLE[status], status, detail, code },
                },
              ]),
            ),
          },
        },
      }),
    );
  }
  return applyDecorators(...decorators);
}
