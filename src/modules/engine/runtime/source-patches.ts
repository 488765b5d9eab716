import patchesFile from './source-patches.json';

/**
 * Text patches applied to bpmn-server's compiled files as they are loaded: at run time by a
 * require hook (load-bpmn-server.ts), under jest by test/setup/bpmn-server.transform.js. Each
 * `find` must occur exactly once, so an upgrade of bpmn-server fails loudly instead of silently
 * running unpatched.
 */
export interface SourcePatch {
  file: string;
  why: string;
  find: string;
  replace: string;
}

export const PINNED_BPMN_SERVER_VERSION: string = patchesFile.bpmnServerVersion;
export const SOURCE_PATCHES: readonly SourcePatch[] = patchesFile.patches;

export function patchesFor(filename: string): SourcePatch[] {
  const normalised = filename.split('\\').join('/');
  return SOURCE_PATCHES.filter((p) => normalised.endsWith(`/node_modules/${p.file}`));
}

export function applyPatches(patches: SourcePatch[], source: string): string {
  return patches.reduce((text, patch) => applyPatch(patch, text), source);
}

export function applyPatch(patch: SourcePatch, source: string): string {
  const first = source.indexOf(patch.find);
  if (first < 0 || source.indexOf(patch.find, first + 1) >= 0) {
    throw new Error(
      `bpmn-server patch for ${patch.file} does not apply (expected exactly one match); bpmn-server must be ${PINNED_BPMN_SERVER_VERSION}`,
    );
  }
  return source.replace(patch.find, patch.replace);
}
