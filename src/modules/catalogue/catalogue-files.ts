import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CatalogueFiles } from './catalogue.types';
import { OFFICES_FILE } from './catalogue-validator';

/** Reads processes/*.bpmn, processes/offices.json and forms/*.form.json; a missing directory reads as empty. */
export async function readCatalogueFiles(processesDir: string, formsDir: string): Promise<CatalogueFiles> {
  const processes = await readMatching(processesDir, (name) => name.endsWith('.bpmn'));
  const forms = await readMatching(formsDir, (name) => name.endsWith('.form.json'));
  const offices = await readFile(join(processesDir, OFFICES_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return { processes, offices, forms };
}

async function readMatching(dir: string, accept: (name: string) => boolean): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && accept(e.name)).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const entries = await Promise.all(names.sort().map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const));
  return new Map(entries);
}
