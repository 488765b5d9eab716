import { convertSchema, toOpenApi31 } from './openapi-31';

describe('OpenAPI 3.0 to 3.1', () => {
  it('given nullable schemas, when converted, then null joins the type, the enum or an anyOf', () => {
    // when / then
    expect(convertSchema({ type: 'string', nullable: true, format: 'date-time' })).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(convertSchema({ type: 'string', enum: ['a', 'b'], nullable: true })).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(convertSchema({ nullable: true, description: 'x', allOf: [{ $ref: '#/components/schemas/A' }] })).toEqual({
      description: 'x',
      anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }],
    });
    expect(convertSchema({ $ref: '#/components/schemas/A', nullable: true })).toEqual({ anyOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }] });
  });

  it('given nested properties, items and boolean bounds, when converted, then every level is converted', () => {
    // given
    const schema = {
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'integer', nullable: true, minimum: 0, exclusiveMinimum: true } }, file: { type: 'string', format: 'binary' } },
    };
    // when
    const out = convertSchema(schema) as { properties: Record<string, unknown> };
    // then
    expect(out.properties.list).toEqual({ type: 'array', items: { type: ['integer', 'null'], exclusiveMinimum: 0 } });
    expect(out.properties.file).toEqual({ type: 'string', contentMediaType: 'application/octet-stream' });
  });

  it('given a document, when converted, then the version is 3.1.0, schemas in parameters and bodies are converted and the input is untouched', () => {
    // given
    const doc = {
      openapi: '3.0.0',
      paths: {
        '/x': {
          get: {
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string', nullable: true } }],
            responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'integer', nullable: true } } } } },
          },
        },
      },
      components: { schemas: { A: { type: 'object', properties: { b: { type: 'boolean', nullable: true } } } } },
    };
    // when
    const out = toOpenApi31(doc);
    // then
    expect(out.openapi).toBe('3.1.0');
    expect(out.paths['/x'].get.parameters[0].schema).toEqual({ type: ['string', 'null'] });
    expect(out.paths['/x'].get.responses[200].content['application/json'].schema).toEqual({ type: ['integer', 'null'] });
    expect(out.components.schemas.A.properties.b).toEqual({ type: ['boolean', 'null'] });
    expect(doc.openapi).toBe('3.0.0');
  });
});
