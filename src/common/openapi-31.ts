/**
 * @nestjs/swagger 11 emits OpenAPI 3.0 (`nullable`, boolean exclusive bounds). This turns such a
 * document into OpenAPI 3.1 (JSON Schema 2020-12): `nullable: true` becomes a `null` member of
 * `type` (or an `anyOf` with `{ type: 'null' }` around a reference or composition), boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numbers, binary strings get `contentMediaType`.
 * The input is not modified.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toOpenApi31<T extends object>(document: T): T {
  const doc = structuredClone(document) as Json;
  doc.openapi = '3.1.0';
  const components = isObject(doc.components) ? doc.components : {};
  if (isObject(components.schemas)) for (const [k, s] of Object.entries(components.schemas)) components.schemas[k] = convertSchema(s);
  for (const param of Object.values(isObject(components.parameters) ? components.parameters : {})) convertHolder(param);
  for (const pathItem of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(pathItem)) continue;
    for (const p of Array.isArray(pathItem.parameters) ? pathItem.parameters : []) convertHolder(p);
    for (const op of Object.values(pathItem)) {
      if (!isObject(op)) continue;
      for (const p of Array.isArray(op.parameters) ? op.parameters : []) convertHolder(p);
      if (isObject(op.requestBody)) convertContent(op.requestBody.content);
      for (const response of Object.values(isObject(op.responses) ? op.responses : {})) {
        if (!isObject(response)) continue;
        convertContent(response.content);
        for (const header of Object.values(isObject(response.headers) ? response.headers : {})) convertHolder(header);
      }
    }
  }
  return doc as T;
}

function convertHolder(holder: unknown): void {
  if (!isObject(holder)) return;
  if (holder.schema !== undefined) holder.schema = convertSchema(holder.schema);
  convertContent(holder.content);
}

function convertContent(content: unknown): void {
  if (!isObject(content)) return;
  for (const media of Object.values(content)) if (isObject(media) && media.schema !== undefined) media.schema = convertSchema(media.schema);
}

/** One JSON Schema node and everything below it. */
export function convertSchema(input: unknown): unknown {
  if (!isObject(input)) return input;
  const s: Json = { ...input };
  if (isObject(s.properties)) s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convertSchema(v)]));
  for (const key of ['items', 'additionalProperties', 'not']) if (isObject(s[key])) s[key] = convertSchema(s[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) s[key] = (s[key] as unknown[]).map(convertSchema);
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (typeof s[key] === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (s[key] && typeof s[bound] === 'number') {
        s[key] = s[bound];
        delete s[bound];
      } else delete s[key];
    }
  }
  if (s.type === 'string' && s.format === 'binary') {
    delete s.format;
    s.contentMediaType = 'application/octet-stream';
  }
  const nullable = s.nullable === true;
  delete s.nullable;
  if (!nullable) return s;
  if (typeof s.type === 'string' && s.$ref === undefined && !s.allOf && !s.oneOf && !s.anyOf) {
    s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    return s;
  }
  const { description, example, examples, default: fallback, ...rest } = s;
  const single = Array.isArray(rest.allOf) && rest.allOf.length === 1 && Object.keys(rest).length === 1 ? (rest.allOf[0] as Json) : rest;
  return {
    ...(description !== undefined ? { description } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(examples !== undefined ? { examples } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    anyOf: [single, { type: 'null' }],
  };
}
