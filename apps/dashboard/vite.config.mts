import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web dashboard, built at build time (`npm run build`) into dist/dashboard and served by the
 * API at /dashboard/ (apps/api/src/dashboard). Relative asset URLs (`base: './'`), so the same
 * build also works from another web server (then set VITE_API_BASE and CORS_ORIGINS).
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
