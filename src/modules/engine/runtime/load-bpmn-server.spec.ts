import { readFileSync } from 'node:fs';
import { loadBpmnServer } from './load-bpmn-server';
import { applyPatch, SOURCE_PATCHES } from './source-patches';

describe('loadBpmnServer', () => {
  it('given the pinned bpmn-server, when loaded, then no uncaughtException swallower is left behind', () => {
    // given
    const before = process.listenerCount('uncaughtException');
    // when
    const bpmn = loadBpmnServer();
    // then
    expect(bpmn.BPMNServer).toBeDefined();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });

  it('given every source patch, when applied to the installed files, then each matches exactly once', () => {
    for (const patch of SOURCE_PATCHES) {
      // given
      const source = readFileSync(require.resolve(patch.file), 'utf8');
      // when / then
      expect(applyPatch(patch, source)).toContain(patch.replace);
    }
  });

  it('given a file that changed, when patching, then it fails naming the pinned version', () => {
    // given
    const [patch] = SOURCE_PATCHES;
    // when / then
    expect(() => applyPatch(patch, 'function pause() {}')).toThrow(/must be 2\.3\.8/);
  });
});
