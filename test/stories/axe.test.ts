/**
 * RGAA 4.1 / WCAG 2.1 AA: every story, rendered by the built Storybook in real Chromium (so
 * colours, focus styles and dialogs are the real ones), has no axe-core violation.
 * Storybook is built once into a temp dir, served on loopback by node:http, and two pages of one
 * browser (each in its own context, so its own renderer process) walk through half the stories
 * each, by the preview's channel (no reload between stories): the second core checks too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, root, violationsAxe } from '../e2e/harness.ts';
import { servirStorybook, type StorybookServi } from './statique.ts';

let dossier: string;
let storybook: StorybookServi | undefined;
let browser: Browser;
let base: string;
let ids: string[] = [];

/** One preview loaded in its own page, and the page errors since the story it last showed. */
interface Apercu {
  page: Page;
  erreurs: string[];
}
let apercus: Apercu[] = [];

async function construire(sortie: string) {
  const bin = join(root, 'node_modules/.bin/storybook');
  // --test: Storybook's build for test runners (no docgen, no docs pages): the same stories,
  // in a third of the time.
  const child = spawn(bin, ['build', '-o', sortie, '--quiet', '--test'], {
    cwd: root,
    stdio: 'pipe',
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`storybook build failed (${code}):\n${log}`);
}

beforeAll(async () => {
  dossier = mkdtempSync(join(tmpdir(), 'esat-storybook-'));
  const [, navigateur] = await Promise.all([construire(dossier), launchBrowser()]);
  browser = navigateur;
  storybook = await servirStorybook(dossier);
  base = storybook.base;
  ids = storybook.ids;
  apercus = await Promise.all(
    [0, 1].map(async () => {
      const contexte = await browser.newContext({
        locale: 'fr-FR',
        viewport: { width: 1280, height: 900 },
      });
      const page = await contexte.newPage();
      const erreurs: string[] = [];
      page.on('pageerror', (e) => erreurs.push(e.message));
      // The addon-a11y panel runs its own axe after each story (a11y.manual turns it off here:
      // two runs of axe at once in a page fail), then the preview is loaded once.
      await page.goto(
        `${base}/iframe.html?id=${encodeURIComponent(ids[0])}&viewMode=story&globals=a11y.manual:!true`,
      );
      await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window);
      return { page, erreurs };
    }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await storybook?.fermer();
  if (dossier) rmSync(dossier, { recursive: true, force: true });
});

type Preview = { currentRender?: { id: string; phase?: string } };

/** Shows the story `id` in the already loaded preview and waits until it has finished rendering. */
async function afficher(page: Page, id: string) {
  await page.evaluate((storyId) => {
    const w = window as unknown as {
      __STORYBOOK_ADDONS_CHANNEL__: { emit(e: string, p: unknown): void };
      __STORYBOOK_PREVIEW__?: Preview;
    };
    if (w.__STORYBOOK_PREVIEW__?.currentRender?.id !== storyId)
      w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
  }, id);
  await page.waitForFunction(
    (storyId) => {
      const r = (window as unknown as { __STORYBOOK_PREVIEW__?: Preview }).__STORYBOOK_PREVIEW__
        ?.currentRender;
      return r?.id === storyId && r.phase === 'finished';
    },
    id,
    { timeout: 15_000 },
  );
}

describe('axe-core on every story (WCAG 2.0/2.1 A and AA, in Chromium)', () => {
  it('finds no violation, and every story renders without error', async () => {
    expect(ids.length).toBeGreaterThan(30);
    const parHistoire: string[] = [];
    const vus = new Set<string>();
    // Each preview takes the next story not yet taken.
    let suivante = 0;
    await Promise.all(
      apercus.map(async ({ page, erreurs }) => {
        for (let i = suivante++; i < ids.length; i = suivante++) {
          const id = ids[i];
          erreurs.length = 0;
          await afficher(page, id);
          vus.add(await page.evaluate(() => document.body.innerText));
          if (await page.locator('.sb-show-errordisplay').count())
            parHistoire.push(`${id}: the story failed to render`);
          for (const e of erreurs) parHistoire.push(`${id}: page error ${e}`);
          for (const v of await violationsAxe(page)) parHistoire.push(`${id}: ${v}`);
        }
      }),
    );
    expect(parHistoire, parHistoire.join('\n')).toEqual([]);
    // Each story really was shown (and checked), not the first one again and again.
    expect(vus.size).toBe(ids.length);
    // About a second per story on a loaded 2-core machine (≈ 130 stories with the Caf's).
  }, 240_000);
});
