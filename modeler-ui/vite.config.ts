import { defineConfig } from 'vite';

/** Built by `npm run build` at the root into modeler-ui/dist; the platform serves it under /modeler. */
export default defineConfig({
  base: '/modeler/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { fs: { allow: ['..'] } },
});
