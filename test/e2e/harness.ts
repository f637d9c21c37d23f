/**
 * Real-browser tests: the built UI served by the real server on a free loopback port, a fresh
 * data dir seeded from test/e2e/world.json, and Debian's chromium driven by playwright-core.
 */
import { mkdtempSync, mkdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { violationsAxe } from './axe.ts';
import { demarrer, type Produit } from '../../server/demarrer.ts';
import { cocherLesCgu } from './gestes.ts';
import { jsonLines, listening, root, spawnServer, variablesDeTest } from '../server/process.ts';

export { root };
export { axeTags, violationsAxe } from './axe.ts';
export const shots = join(root, 'test-results');

export interface Running {
  url: string;
  /** The data dir the server uses (its own temp dir, removed by stop(), or the env's). */
  dataDir: string;
  stop(): Promise<void>;
  /** Kills the process at once (`kill -9`: an instance dying), its data dir kept. */
  crash(): Promise<void>;
}

/** The browser tests' world, unless `env` names another seed. */
const avecLeMonde = (env: Record<string, string>) => ({
  ESAT_SEED: join(root, 'test/e2e/world.json'),
  ...env,
});

/**
 * Starts the product on its own data (a new temp dir unless `env` names ESAT_DATA_DIR) and a
 * free port, from the same start as `npm start` (server/demarrer.ts) without the build.
 * In this process by default: the server's modules are loaded once per test worker, not once per
 * file (a process costs ≈ 1.2 s of CPU to start; the browser files started 24). With `processus`,
 * a child process as `npm start` runs it, for what only a process shows (a `kill -9`: crash()).
 */
export async function startServer(
  env: Record<string, string> = {},
  { processus = false }: { processus?: boolean } = {},
): Promise<Running> {
  const tempDir = mkdtempSync(join(tmpdir(), 'esat-e2e-'));
  if (processus) return startProcess(tempDir, env);
  const vars = variablesDeTest(tempDir, 0, avecLeMonde(env));
  let output = '';
  const journal = {
    log: (l: string) => (output += `${l}\n`),
    warn: (l: string) => (output += `${l}\n`),
  };
  let produit: Produit;
  try {
    produit = await demarrer(vars, journal);
  } catch (e) {
    rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`server did not start: ${(e as Error).message}\n${output}`);
  }
  return {
    url: produit.url,
    dataDir: produit.dataDir,
    async stop() {
      await produit.arreter();
      rmSync(tempDir, { recursive: true, force: true });
    },
    crash() {
      throw new Error('crash() needs a server process: startServer(env, { processus: true })');
    },
  };
}

/** The product as a child process (test/server/process.ts: as `npm start` runs it), once it answers. */
async function startProcess(tempDir: string, env: Record<string, string>): Promise<Running> {
  const dataDir = env.ESAT_DATA_DIR ?? tempDir;
  const child = await spawnServer(dataDir, avecLeMonde(env));
  await listening(child);
  const exited = async () => void (await child.exited);
  return {
    url: child.url,
    dataDir,
    async stop() {
      child.process.kill('SIGTERM');
      await exited();
      rmSync(tempDir, { recursive: true, force: true });
    },
    async crash() {
      child.process.kill('SIGKILL');
      await exited();
    },
  };
}

export interface Navigation {
  server: Running;
  browser: Browser;
  page: Page;
}

/**
 * The set-up most browser test files share: one server (with `env`), one chromium, one page in
 * French at 1280×900, optionally logged in (CGU accepted); all closed after the file's tests.
 * With `horloge`, the page runs on Playwright's clock (`page.clock`), installed before the first
 * load: its timers (the session's countdown) move when the test moves them, not with the wall clock.
 * Read `page` inside the tests (it is there once `beforeAll` has run).
 */
export function navigation(
  env: Record<string, string> = {},
  compte?: { email: string; password: string },
  { horloge = false }: { horloge?: boolean } = {},
): Navigation {
  const n = {} as Navigation;
  beforeAll(async () => {
    // Both at once (they do not depend on each other); each kept as it comes, for afterAll.
    await Promise.all([
      startServer(env).then((s) => (n.server = s)),
      launchBrowser().then((b) => (n.browser = b)),
    ]);
    n.page = await n.browser.newPage({
      acceptDownloads: true,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    if (horloge) await n.page.clock.install();
    if (compte) await connecter(n.page, n.server.url, compte.email, compte.password);
  });
  afterAll(async () => {
    await n.browser?.close();
    await n.server?.stop();
  });
  return n;
}

/** The mails the server wrote to its outbox (no SMTP in tests), oldest first. */
export function outbox(dataDir: string) {
  return jsonLines<{ to: string; subject: string; text: string }>(join(dataDir, 'outbox.jsonl'));
}

type Mail = ReturnType<typeof outbox>[number];

/**
 * The first mail of the outbox that `voulu` accepts, as soon as the server writes it: woken by
 * fs.watch on the data dir (the outbox may not exist yet), not by polling; fails after `ms`.
 */
export function attendreMail(dataDir: string, voulu: (m: Mail) => boolean, ms = 5000) {
  return new Promise<Mail>((resolve, reject) => {
    const lire = () => {
      try {
        return outbox(dataDir).find(voulu);
      } catch {
        return undefined; // a line being written: read again at the next change
      }
    };
    const fin = (mail?: Mail) => {
      watcher.close();
      clearTimeout(limite);
      if (mail) resolve(mail);
      else reject(new Error(`aucun mail attendu dans l'outbox après ${ms} ms`));
    };
    const watcher = watch(dataDir, () => {
      const mail = lire();
      if (mail) fin(mail);
    });
    const limite = setTimeout(() => fin(lire()), ms);
    // Already there before the watch began.
    const deja = lire();
    if (deja) fin(deja);
  });
}

/** The chromium of this test worker, launched at its first browser file. */
let chromiumDuWorker: Promise<Browser> | undefined;

/**
 * The browser of a test file: Debian's chromium (scripts/chromium.ts), one per test worker — the
 * browser files run one after another in a worker (isolate: false) and a launch costs ≈ 0.4 s and
 * 0.5 s of CPU. What the file gets is that browser as its own: its pages and contexts are new
 * contexts (nothing shared with another file: cookies, storage, cache), and its `close()` closes
 * them, not the browser, which ends with the worker.
 */
export async function launchBrowser(): Promise<Browser> {
  chromiumDuWorker ??= launchChromium().then((b) => {
    b.on('disconnected', () => (chromiumDuWorker = undefined));
    return b;
  });
  const navigateur = await chromiumDuWorker;
  const contextes = new Set<BrowserContext>();
  const nouveau = async (options?: BrowserContextOptions) => {
    const contexte = await navigateur.newContext(options);
    contextes.add(contexte);
    contexte.on('close', () => contextes.delete(contexte));
    return contexte;
  };
  const propre: Partial<Browser> = {
    newContext: nouveau,
    newPage: async (options) => (await nouveau(options)).newPage(),
    close: async () => {
      await Promise.all([...contextes].map((c) => c.close()));
    },
  };
  return new Proxy(navigateur, {
    get(cible, nom) {
      if (nom in propre) return propre[nom as keyof Browser];
      const valeur: unknown = Reflect.get(cible, nom, cible);
      return typeof valeur === 'function' ? valeur.bind(cible) : valeur;
    },
  });
}

/**
 * Whether the browser tests keep their screenshots (`ESAT_CAPTURES=1 npm run test:e2e`): they are
 * there to be looked at, and assert nothing; taken on every run they cost 15 % of the browser
 * files' CPU (a full-page paint and PNG each), so a plain `npm test` does not take them.
 */
export const captures = process.env.ESAT_CAPTURES === '1';

/** A full-page screenshot kept in test-results/ to look at (with ESAT_CAPTURES=1). */
export async function shot(page: Page, name: string) {
  if (!captures) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Logs in from the welcome screen, and accepts both CGU when they are asked (first login). */
export async function connecter(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Identifiant (adresse e-mail)').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Valider' }).click();
  // The screen after the login: the CGU at the first login (SPEC §1.5), else the user's space.
  const cgu = page.getByRole('heading', { level: 1, name: "Conditions générales d'utilisation" });
  await page
    .getByRole('heading', { level: 1 })
    .filter({ hasNotText: "Bienvenue sur l'Espace Esat" })
    .waitFor();
  if (!(await cgu.isVisible())) return;
  await cocherLesCgu(page);
  await page.getByRole('button', { name: 'Valider' }).click();
}

/** Fails with the list of axe-core violations of the screen `ecran` as the page shows it now. */
export async function verifierAxe(page: Page, ecran: string): Promise<void> {
  const violations = await violationsAxe(page);
  if (violations.length > 0) {
    throw new Error(
      `axe-core: ${violations.length} violation(s) on « ${ecran} »:\n${violations.join('\n')}`,
    );
  }
}
