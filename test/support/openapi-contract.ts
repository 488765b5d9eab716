import type { INestApplication } from '@nestjs/common';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** `GET /api/v1/cases/{id}` for every route of the app's express router under `prefix`. */
export function registeredRoutes(app: INestApplication, prefix = '/api/'): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out = new Set<string>();
  for (const layer of stack as Array<{ route?: { path?: unknown; methods?: Record<string, boolean> } }>) {
    const path = layer.route?.path;
    if (typeof path !== 'string' || !path.startsWith(prefix) || path.startsWith('/api/docs')) continue;
    for (const [m, on] of Object.entries(layer.route?.methods ?? {})) {
      if (on && m !== '_all') out.add(`${m.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return [...out].sort();
}

/** What each operation fails to document; an empty map means the contract is complete. */
export function contractGaps(document: Json, routes: string[]): Map<string, string[]> {
  const gaps = new Map<string, string[]>();
  const add = (route: string, problem: string) => gaps.set(route, [...(gaps.get(route) ?? []), problem]);
  const paths = isObject(document.paths) ? document.paths : {};
  const documented = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const route = `${method.toUpperCase()} ${path}`;
      documented.add(route);
      for (const problem of operationGaps(op)) add(route, problem);
    }
  }
  for (const route of routes) if (!documented.has(route)) add(route, 'not in the OpenAPI document');
  return gaps;
}

function operationGaps(op: Json): string[] {
  const gaps: string[] = [];
  if (typeof op.summary !== 'string' || !op.summary) gaps.push('no summary (@ApiOperation)');
  const responses = isObject(op.responses) ? op.responses : {};
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) gaps.push('no success response (@ApiOkResponse / @ApiCreatedResponse with a response DTO)');
  for (const [status, response] of success) {
    if (status === '204') continue;
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    const schemas = Object.values(content).filter((m) => isObject(m) && isObject(m.schema));
    if (schemas.length === 0) gaps.push(`${status}: success body has no schema (give the response decorator a DTO type)`);
  }
  const secured = !Array.isArray(op.security) || op.security.length > 0;
  const errors = Object.entries(responses).filter(([status]) => /^[45]\d\d$/.test(status));
  if (errors.length === 0) gaps.push('no problem+json error documented (@ApiProblems)');
  for (const [status, response] of errors) {
    const media = isObject(response) && isObject(response.content) ? response.content['application/problem+json'] : undefined;
    const codes = isObject(media) ? problemCodes(media.schema) : [];
    if (!isObject(media)) gaps.push(`${status}: not application/problem+json (use @ApiProblems)`);
    else if (codes.length === 0) gaps.push(`${status}: no problem codes listed (use @ApiProblems)`);
  }
  if (secured && !responses['401']) gaps.push('401 not documented (add AUTH_PROBLEMS to @ApiProblems)');
  if (secured && !responses['403']) gaps.push('403 not documented (add AUTH_PROBLEMS to @ApiProblems)');
  if (!isObject(responses.default)) gaps.push('no default problem response');
  return gaps;
}

/** The `code` enum of an @ApiProblems schema (allOf: [ProblemDto, { properties: { code: { enum } } }]). */
export function problemCodes(schema: unknown): string[] {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return [];
  for (const part of schema.allOf) {
    const code = isObject(part) && isObject(part.properties) ? part.properties.code : undefined;
    if (isObject(code) && Array.isArray(code.enum)) return code.enum.filter((c): c is string => typeof c === 'string');
  }
  return [];
}

export function describeGaps(gaps: Map<string, string[]>): string {
  return [...gaps].map(([route, problems]) => `${route}\n${problems.map((p) => `  - ${p}`).join('\n')}`).join('\n');
}
