/**
 * Real-browser tests: the built UI served by the real server on a free loopback port, a fresh
 * data dir seeded from test/e2e/world.json, and Debian's chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';

export const root = new URL('../..', import.meta.url).pathname;
export const shots = join(root, 'test-results');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

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
      NODE_ENV: 'production',
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
