/**
 * Jest does not use Node's require hooks, so the same bpmn-server source patches that the
 * engine applies at run time are applied here (see src/modules/engine/runtime/source-patches.json).
 */
const { patches } = require('../../src/modules/engine/runtime/source-patches.json');

module.exports = {
  process(source, filename) {
    const normalised = filename.split('\\').join('/');
    const patch = patches.find((p) => normalised.endsWith(`/node_modules/${p.file}`));
    if (!patch) return { code: source };
    const first = source.indexOf(patch.find);
    if (first < 0 || source.indexOf(patch.find, first + 1) >= 0) {
      throw new Error(`bpmn-server patch for ${patch.file} does not apply`);
    }
    return { code: source.replace(patch.find, patch.replace) };
  },
};
