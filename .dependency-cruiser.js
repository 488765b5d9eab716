/** Module boundaries (docs: ARCHITECTURE.md §3). `npm run check:deps` fails CI on a violation. */
module.exports = {
  forbidden: [
    {
      name: 'bpmn-server-only-in-engine',
      severity: 'error',
      from: { path: '^(src|test|bench)/', pathNot: '^src/modules/engine/' },
      to: { path: 'node_modules/bpmn-server' },
    },
    {
      name: 'engine-at-the-bottom',
      severity: 'error',
      from: { path: '^src/modules/engine/' },
      to: { path: '^src/modules/(?!engine/)' },
    },
    {
      name: 'modules-meet-at-index',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-meets-modules-at-index',
      severity: 'error',
      from: { path: '^(src/(?!modules/)|test/)' },
      // test/setup's jest transform reads the engine's patch list (data, not code).
      to: { path: '^src/modules/[^/]+/.+', pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/engine/runtime/source-patches\\.json$'] },
    },
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  },
};
