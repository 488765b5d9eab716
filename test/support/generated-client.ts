import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { writeFileSync } from 'node:fs';
import ts from 'typescript';

/** Writes the TypeScript types of an OpenAPI document (openapi-typescript's programmatic API) to `file`. */
export async function generateTypes(document: Record<string, unknown>, file: string): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as never);
  const source = `/* Generated from /api/docs-json by test/support/generated-client.ts: do not edit. */\n${astToString(ast)}`;
  writeFileSync(file, source);
  return source;
}

/** Type errors of `files` compiled strictly as the project compiles; empty when they typecheck. */
export function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1} ${text}`;
  });
}

/** Checks a response body against the schema the document gives for that operation and status. */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly seen: string[] = [];
  readonly problems: string[] = [];

  constructor(private readonly document: Record<string, unknown>) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  async check(method: string, schemaPath: string, response: Response): Promise<void> {
    const route = `${method.toUpperCase()} ${schemaPath}`;
    const paths = this.document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    const op = paths[schemaPath]?.[method.toLowerCase()];
    const status = String(response.status);
    this.seen.push(`${route} ${status}`);
    if (!op) return void this.problems.push(`${route}: not in the document`);
    const documented = op.responses[status];
    if (!documented) return void this.problems.push(`${route}: answered ${status}, which the document does not list`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!documented.content?.[type]) return void this.problems.push(`${route} ${status}: answered ${type}, documented ${Object.keys(documented.content ?? {}).join(', ')}`);
    const pointer = `openapi#/paths/${schemaPath.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/${type.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
    const body: unknown = await response.clone().json();
    const validate = this.ajv.getSchema(pointer);
    if (!validate) return void this.problems.push(`${route} ${status}: no schema at ${pointer}`);
    if (!validate(body)) this.problems.push(`${route} ${status}: body does not match: ${this.ajv.errorsText(validate.errors)}`);
  }
}
