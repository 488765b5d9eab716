import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { addDiagramInterchange, semanticPart } from '../layout/diagram-layout';

/**
 * `npm run catalogue:layout [dir...]`: gives every *.bpmn under the directories (default processes/)
 * that has no diagram interchange a layout from bpmn-auto-layout, and leaves files that have one alone.
 * Re-runnable: after an edit that drops the DI (or a new hand-written file), run it again;
 * `--relayout` replaces existing diagrams too (after hand edits to the semantics left them stale).
 * It refuses to write a file whose semantic part would change.
 */
async function main(args: string[]): Promise<number> {
  const replace = args.includes('--relayout');
  const paths = args.filter((a) => a !== '--relayout');
  const dirs = paths.length > 0 ? paths : ['processes'];
  let failed = 0;
  for (const dir of dirs) {
    for (const file of await bpmnFiles(resolve(dir))) {
      const name = relative(process.cwd(), file);
      const xml = await readFile(file, 'utf8');
      try {
        const result = await addDiagramInterchange(xml, { replace });
        if (!result.changed) {
          process.stdout.write(`${name}: has a diagram, left alone\n`);
          continue;
        }
        if (semanticPart(result.xml) !== semanticPart(xml)) throw new Error('the layout would change the semantic XML; not written');
        await writeFile(file, result.xml, 'utf8');
        process.stdout.write(`${name}: diagram interchange ${replace ? 'laid out again' : 'added'}\n`);
      } catch (error) {
        failed++;
        process.stderr.write(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      }
    }
  }
  return failed === 0 ? 0 : 1;
}

async function bpmnFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.bpmn'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`catalogue layout failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
