/**
 * Real-browser tests: the built UI served by the real server on a free loopback port, a fresh
 * data dir seeded from test/e2e/world.json, and Debian's chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../scripts/chromium.ts';
import { freePort, jsonLines, root } from '../server/process.ts';

export { root };
export const shots = join(root, 'test-results');

export interface Running {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the product as `npm start` does (without the build), on its own data. */
export async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'esat-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      // Not 'production': ESAT_TODAY (fixed dates of the tests) is refused there (SPEC §9).
      NODE_ENV: 'test',
      PORT: String(port),
      ESAT_DATA_DIR: dataDir,
      ESAT_SEED: join(root, 'test/e2e/world.json'),
      ESAT_TODAY: '2026-12-02',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/calendar`);
      if (r.status < 500) break;
    } catch {
      /* not yet listening */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
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
 * Read `page` inside the tests (it is there once `beforeAll` has run).
 */
export function navigation(
  env: Record<string, string> = {},
  compte?: { email: string; password: string },
): Navigation {
  const n = {} as Navigation;
  beforeAll(async () => {
    n.server = await startServer(env);
    n.browser = await launchBrowser();
    n.page = await n.browser.newPage({
      acceptDownloads: true,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
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

/** The browser of the e2e tests: Debian's chromium (scripts/chromium.ts). */
export const launchBrowser = launchChromium;

/** A full-page screenshot kept in test-results/ to look at. */
export async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Logs in from the welcome screen, and accepts both CGU when they are asked (first login). */
export async function connecter(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Identifiant (adresse e-mail)').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page
    .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
    .check();
  await page
    .getByLabel(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/)
    .check();
  await page.getByRole('button', { name: 'Valider' }).click();
}

/** axe-core's browser build, injected into a page to check it (RGAA 4.1 / WCAG 2.1 AA). */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The success criteria checked: WCAG 2.0 and 2.1, levels A and AA (RGAA 4.1 maps onto them). */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The axe-core violations of what the page shows now, one readable line per rule and node.
 * Waits for finite animations (dialogs fading in) to end, so colours are measured as seen.
 */
export async function violationsAxe(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  // Evaluated through the DevTools protocol, not as a <script> tag: a CSP cannot block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource};0`);
  return page.evaluate(async (tags) => {
    type Resultat = {
      id: string;
      impact: string;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    };
    const axe = (
      window as unknown as {
        axe: { run(c: unknown, o: unknown): Promise<{ violations: Resultat[] }> };
      }
    ).axe;
    // Not checked: react-aria's off-screen live announcer. A pending button (« Se connecter »…)
    // announces itself there with <div role="img" aria-labelledby="its id">, kept 7 s; when the
    // next screen replaces the button the reference dangles and axe reports role-img-alt,
    // though the message was already spoken and nothing is shown. Our own live regions (error
    // summary, notices, the session countdown) are in the page and checked.
    const contexte = { exclude: [['[data-live-announcer]']] };
    const { violations } = await axe.run(contexte, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}: ${v.help}) at ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`,
      ),
    );
  }, axeTags);
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
