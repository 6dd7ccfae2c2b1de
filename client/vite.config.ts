import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The repository: the client imports the wire protocol and the typed API client from `shared/`. */
const repository = fileURLToPath(new URL('..', import.meta.url));
/** The Croisée server the dev server forwards API and live traffic to. */
const backend = process.env.CROISEE_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    fs: { allow: [repository] },
    proxy: {
      '/api': backend,
      '/health': backend,
      // The server accepts live connections from its own origin only; in development the page comes from Vite's.
      '/socket.io': { target: backend, ws: true, rewriteWsOrigin: true },
      '/yjs': { target: backend, ws: true, rewriteWsOrigin: true },
    },
  },
});
