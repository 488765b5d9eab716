/* eslint-disable @typescript-eslint/no-require-imports */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { applyPatches, patchesFor, PINNED_BPMN_SERVER_VERSION } from './source-patches';

type BpmnServerExports = typeof import('bpmn-server');

interface CompilableModule {
  _compile(source: string, filename: string): void;
}
type JsLoader = (module: CompilableModule, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, JsLoader> })._extensions;

let loaded: BpmnServerExports | undefined;

/**
 * The one place bpmn-server is required. Importing it registers a process-wide
 * `uncaughtException` listener that swallows every error (and so every unhandled rejection):
 * we remove it. Its compiled sources get the patches in source-patches.json; the load fails if
 * the installed version is not the pinned one or a patch did not apply.
 */
export function loadBpmnServer(): BpmnServerExports {
  if (loaded) return loaded;
  const installed = (require('bpmn-server/package.json') as { version: string }).version;
  if (installed !== PINNED_BPMN_SERVER_VERSION) {
    throw new Error(`bpmn-server ${installed} is installed; the engine is validated for ${PINNED_BPMN_SERVER_VERSION} only`);
  }
  const listenersBefore = new Set(process.listeners('uncaughtException'));
  const originalJs = extensions['.js'];
  extensions['.js'] = (module, filename) => {
    const patches = patchesFor(filename);
    if (!patches.length) return originalJs(module, filename);
    module._compile(applyPatches(patches, readFileSync(filename, 'utf8')), filename);
  };
  try {
    loaded = require('bpmn-server') as BpmnServerExports;
  } finally {
    extensions['.js'] = originalJs;
    for (const l of process.listeners('uncaughtException')) {
      if (!listenersBefore.has(l)) process.removeListener('uncaughtException', l);
    }
  }
  const token = require('bpmn-server/dist/engine/Token') as { __sportelloPausePatched?: boolean };
  const definition = require('bpmn-server/dist/elements/Definition') as { __sportelloModdlePatched?: boolean };
  if (token.__sportelloPausePatched !== true || definition.__sportelloModdlePatched !== true) {
    throw new Error('bpmn-server was loaded without its source patches');
  }
  return loaded;
}
