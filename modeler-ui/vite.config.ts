import { defineConfig } from 'vite';

/** Built by `npm run build` at the root into modeler-ui/dist; the platform serves it under /modeler. */
export default defineConfig({
  base: '/modeler/',
  // form-js-editor 1.23 nests preact 10.15 while @bpmn-io/properties-panel (which it renders) uses the
  // root preact 10.29: two copies break hooks ("reading 'context'"). One preact for everything.
  resolve: { dedupe: ['preact'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { fs: { allow: ['..'] } },
});
