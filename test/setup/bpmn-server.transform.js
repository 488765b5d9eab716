/**
 * Jest does not use Node's require hooks, so the same bpmn-server source patches that the
 * engine applies at run time are applied here (see src/modules/engine/runtime/source-patches.json).
 */
const { patches } = require('../../src/modules/engine/runtime/source-patches.json');

module.exports = {
  process(source, filename) {
    const normalised = filename.split('\\').join('/');
    let code = source;
    for (const patch of patches.filter((p) => normalised.endsWith(`/node_modules/${p.file}`))) {
      const first = code.indexOf(patch.find);
      if (first < 0 || code.indexOf(patch.find, first + 1) >= 0) {
        throw new Error(`bpmn-server patch for ${patch.file} does not apply`);
      }
      code = code.replace(patch.find, patch.replace);
    }
    return { code };
  },
};
