/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './scripts/precompress.ts';

const page = (name: string) => fileURLToPath(new URL(`./ui/${name}`, import.meta.url));

export default defineConfig({
  root: 'ui',
  // ui/public: robots.txt and the favicons, copied as they are.
  publicDir: 'public',
  // precompress(): the .br and .gz of each text file, sent by server/site.ts.
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: false,
    // One 574 kB (145 kB gzip) chunk: react-dom, the standalone validators, react-aria, xstate.
    // Splitting the declaration screens saved 3.5 kB gzip; `npm run bench` tracks the size.
    chunkSizeWarningLimit: 650,
    rollupOptions: {
      input: {
        main: page('index.html'),
        guide: page('guide.html'),
        mentions: page('mentions-legales.html'),
        accessibilite: page('accessibilite.html'),
      },
    },
  },
  // '/api/' and not '/api': the UI's own module ui/api.ts is served as /api.ts in dev.
  server: { proxy: { '/api/': 'http://localhost:3000' } },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
    pool: 'forks',
    // Vitest's default on 2 cores is ONE worker (cores − 1): the browser and server files, which
    // mostly wait on chromium and the server process, then run one after another. Two workers
    // overlap them (a sample of 6 files: 114 s → 89 s on a loaded 2-core machine).
    maxWorkers: 2,
    // SPEC §11.7: the HTTP suite runs against both stores. The whole suite on the lowdb file, and
    // test/server again on PostgreSQL (test/server/store-engine.ts) — but for the files about the
    // data file itself or about a server process started on a data directory.
    projects: [
      { extends: true, test: { name: 'fichier', include: ['test/**/*.test.{ts,tsx}'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/server/**/*.test.ts'],
          exclude: [
            'test/server/durability.test.ts',
            'test/server/import-reprise.test.ts',
            'test/server/production.test.ts',
            'test/server/tls.test.ts',
            'test/server/world.test.ts',
          ],
          env: { ESAT_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
