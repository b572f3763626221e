import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, loadEnv } from 'vite';

/**
 * `npm run build:web` → web/dist, which the API process serves (services/http/app.ts).
 * `npm run dev:web` serves the UI with hot reload and passes /api to a running `levd start`
 * at LEVD_API_URL (default http://localhost:3000).
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => {
  // Vite's own reader of the environment (LEVD_* only), so this file needs no process.env.
  const env = loadEnv(mode, root, 'LEVD_');
  return {
    root,
    plugins: [preact()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Content-hashed names under /assets/: the server lets browsers keep them for a year.
      assetsDir: 'assets',
      target: 'es2022',
    },
    server: {
      proxy: { '/api': { target: env.LEVD_API_URL ?? 'http://localhost:3000' } },
    },
  };
});
