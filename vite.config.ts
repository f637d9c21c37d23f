/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './scripts/precompress.ts';

const page = (name: string) => fileURLToPath(new URL(`./ui/${name}`, import.meta.url));

const COOKIE_HONO = '\0hono-client-cookie';

/**
 * Issue 16: hono's client turns a `cookie` argument into a Cookie header, which a browser never
 * sends (a forbidden header: fetch drops it) and the UI never gives (the session cookie is the
 * browser's). Its module of cookie helpers (≈ 0.6 kB gzip on the first screen) is left out of
 * the UI's bundle: a `cookie` argument there would throw instead of being dropped.
 */
function clientHonoSansCookie(): Plugin {
  return {
    name: 'esat-client-hono-sans-cookie',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (
        source === '../utils/cookie.js' &&
        /[\\/]hono[\\/]dist[\\/]client[\\/]/.test(importer ?? '')
      )
        return COOKIE_HONO;
      return undefined;
    },
    load(id) {
      if (id !== COOKIE_HONO) return undefined;
      return "export const serialize = () => { throw new Error('hc: no cookie argument in a browser'); };";
    },
  };
}

/** The lazy chunks a user can reach from the login page or at once after it. */
const ATTEINTS_AVANT_LE_PRECHARGEMENT =
  /\/(Oubli|Cgu|MotDePasse|Accueil|EspaceCaf|api-caf|Session|Dialogues)-[\w-]+\.js$/;

/** What the first screen itself loads: never to fetch again. */
const DEJA_LA = /\/(socle|rolldown-runtime)-[\w-]+\.js$/;

export default defineConfig({
  root: 'ui',
  // ui/public: robots.txt and the favicons, copied as they are.
  publicDir: 'public',
  // precompress(): the .br and .gz of each text file, sent by server/site.ts.
  plugins: [react(), precompress(), clientHonoSansCookie()],
  resolve: {
    // Issue 16: @xstate/react imports the shims of useSyncExternalStore for React < 18; on React
    // 19 they only hand back React's own hook, after ≈ 0.4 kB gzip of fallback on the first
    // screen. The package's entries without the shim are the same hooks, straight from React.
    alias: [
      {
        find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/,
        replacement: 'use-sync-external-store/with-selector.js',
      },
      {
        find: /^use-sync-external-store\/shim(\/index\.js)?$/,
        replacement: 'use-sync-external-store',
      },
    ],
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: false,
    // Issue 16: the login page loads React and xstate (one chunk, `socle`, ≈ 81 kB gzip), the
    // portal machine, its own screen and its own stylesheet (ui/styles.css; the other screens'
    // rules come with them, ui/ecrans.css): 99.7 kB gzip in all, the budget is 100 (104.2 before
    // the styles' split, « Mot de passe oublié ? » in its own chunk, the hono client's cookie
    // module, the modulepreload polyfill and the useSyncExternalStore shims left out, and React
    // with xstate in one file: 1.1 kB less than two, compressed apart). What remains of ours is mostly the portal machine's parts reached after the login
    // (accueil, travailleurs, run, fiche, utilisateurs, import: ≈ 4 kB gzip with the forms/
    // rules they call). Every other screen and child machine is a lazy chunk
    // (ui/ecrans-differe.tsx, ui/acteurs-differe.ts), react-aria too. The largest file is
    // the socle (≈ 261 kB raw): warn above 300. `npm run bench` prints the first screen and each
    // chunk.
    chunkSizeWarningLimit: 300,
    // Every browser the service supports preloads modules itself (Baseline since 2023): no
    // polyfill on the first screen (an older one loads the same modules when they are imported).
    //
    // A lazy chunk's imports are fetched with it (not after it, one round trip later) only where
    // the user may reach it before the prefetch after the login (ui/ecrans-differe.tsx) has
    // brought it: the screens of the login and right after it. The others name only their
    // stylesheets: their lists of dependencies cost 0.6 kB gzip on the first screen.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (file, deps, { hostType }) =>
        hostType === 'html'
          ? deps
          : ATTEINTS_AVANT_LE_PRECHARGEMENT.test(file)
            ? deps.filter((d) => !DEJA_LA.test(d))
            : deps.filter((d) => d.endsWith('.css')),
    },
    rollupOptions: {
      input: {
        main: page('index.html'),
        guide: page('guide.html'),
        mentions: page('mentions-legales.html'),
        accessibilite: page('accessibilite.html'),
      },
      output: {
        // react-aria in a chunk of its own: left to itself, the bundler put it with React in the
        // chunk the login page loads, although no module of the login page uses it (issue 16).
        // React and xstate, which every screen uses, in one: one file compresses better.
        codeSplitting: {
          groups: [
            {
              name: 'socle',
              test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store|xstate|@xstate)[\\/]/,
              priority: 2,
            },
            {
              name: 'react-aria',
              test: /node_modules[\\/](react-aria|react-aria-components|react-stately|@react-aria|@react-stately|@react-types|@internationalized)[\\/]/,
            },
          ],
        },
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
    // SPEC §11.7: the HTTP suite runs against both stores. The whole suite on the lowdb file
    // (projects fichier, processus, fichier-http, machines-forms and jsdom, which differ by their
    // isolation), and test/server again on PostgreSQL (test/server/store-engine.ts) — but for the
    // files about the data file itself or about a server process started on a data directory, and
    // those that open no store at all (the same run twice: the production build, the seed's
    // checks, the clock).
    //
    // test/server runs without isolation (`fichier-http`, `postgres`): a worker loads the server's
    // modules once for all the files it runs, not once per file (≈ 3 s each: ajv, zxcvbn's
    // dictionaries, exceljs, pdf-lib). Its files share no state but the test world (hashed once)
    // and the worker's database; store-fermeture.ts closes each file's stores after it.
    projects: [
      {
        extends: true,
        test: {
          name: 'fichier',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [
            'test/server/**',
            'test/machines/**',
            'test/forms/**',
            'test/model/**',
            'test/ui/**',
            'test/stories/stories.test.tsx',
            'test/e2e/**',
            'test/store/**',
            'test/stories/axe.test.ts',
          ],
        },
      },
      // The browser tests, the stores' and the stories' axe run, each file with its own server,
      // browser or database (made in its beforeAll, closed in its afterAll), without isolation:
      // playwright-core, pg and the harness loaded once per worker — a fork per file cost 3 to 5 s
      // between two files (26 files: 186 → 159 s, 195 → 155 s of CPU, in the same conditions).
      {
        extends: true,
        test: {
          name: 'processus',
          include: ['test/e2e/**/*.test.ts', 'test/store/**/*.test.ts', 'test/stories/axe.test.ts'],
          isolate: false,
          // A browser or multi-process test that fails is run once more before the run fails
          // (the report says « retry »): on a loaded 2-core machine a journey can lose a race
          // with chromium once in many runs; one that fails twice is a failure.
          retry: 1,
        },
      },
      // The screens in jsdom (the model-based paths, the UI's and the stories' tests; cleanup and
      // fake timers put back after each test) without isolation too: React, react-aria, xstate
      // and the screens loaded once per worker, not once per file (615 tests: 79 → 64 s).
      {
        extends: true,
        test: {
          name: 'jsdom',
          include: [
            'test/model/**/*.test.{ts,tsx}',
            'test/ui/**/*.test.{ts,tsx}',
            'test/stories/stories.test.tsx',
          ],
          isolate: false,
        },
      },
      // The machines' and the forms' tests (no DOM, no store, fake timers put back after each
      // test) without isolation too: xstate, ajv and forms/ loaded once per worker.
      {
        extends: true,
        test: {
          name: 'machines-forms',
          include: ['test/machines/**/*.test.ts', 'test/forms/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'fichier-http',
          include: ['test/server/**/*.test.ts'],
          isolate: false,
          setupFiles: ['test/server/store-fermeture.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          isolate: false,
          setupFiles: ['test/server/store-fermeture.ts'],
          include: ['test/server/**/*.test.ts'],
          exclude: [
            'test/server/caf-seed.test.ts',
            'test/server/clock.test.ts',
            'test/server/demarrer.test.ts',
            'test/server/start.test.ts',
            'test/server/durability.test.ts',
            'test/server/import-reprise.test.ts',
            'test/server/production.test.ts',
            'test/server/tls.test.ts',
            'test/server/world.test.ts',
          ],
          env: { ESAT_TEST_STORE: 'postgres' },
          // One database per worker, reused by its files (test/server/store-engine.ts).
          globalSetup: ['test/server/postgres-global.ts'],
        },
      },
    ],
  },
});
