/**
 * Issue 16: the login page loads only the first screen's files (dist/index.html's script, its
 * modulepreloads and its stylesheet), and `GET /api/session` once (preloaded with the page, not
 * asked again after the login);
 * once logged in, the chunks of the screens the role reaches are prefetched before the user
 * goes there — an Esat's, never the Caf agent's, and the other way round.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connecter, navigation, root } from './harness.ts';

const n = navigation();

/** The files the login page names in the build. */
const premierEcran = [
  ...readFileSync(join(root, 'dist/index.html'), 'utf8').matchAll(
    /(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g,
  ),
].map((m) => m[1]);

/** The paths under /assets/ and /api/ a page asks for, as they come. */
function suivre(page: Page) {
  const assets: string[] = [];
  const api: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/assets/')) assets.push(pathname);
    if (pathname.startsWith('/api/')) api.push(`${r.method()} ${pathname}`);
  });
  return { assets, api };
}

/** A chunk of the build by the name of its module (`Accueil` → /assets/Accueil-<hash>.js). */
const chunk = (nom: string) => new RegExp(`^/assets/${nom}-[\\w-]+\\.js$`);

/** Waits until every chunk of `noms` has been asked for (the prefetch runs in idle moments). */
async function attendreChunks(page: Page, assets: string[], noms: string[]) {
  await expect
    .poll(() => noms.filter((nom) => !assets.some((a) => chunk(nom).test(a))), { timeout: 15_000 })
    .toEqual([]);
}

describe('the first screen and the prefetch after the login (issue 16)', () => {
  it('the login page asks for its own files only, and for GET /api/session once', async () => {
    const page = await n.browser.newPage({ locale: 'fr-FR' });
    const { assets, api } = suivre(page);
    await page.goto(n.server.url);
    await page.getByRole('heading', { level: 1, name: "Bienvenue sur l'Espace Esat" }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(premierEcran.length).toBeGreaterThan(1);
    expect([...new Set(assets)].sort()).toEqual([...premierEcran].sort());
    expect(api).toEqual(['GET /api/session']);
    await page.close();
  });

  it('an Esat user: the next screens and the declaration are prefetched from the accueil, the agent’s space never', async () => {
    const page = await n.browser.newPage({ locale: 'fr-FR' });
    const { assets, api } = suivre(page);
    await connecter(page, n.server.url, 'claire.martin@ateliers-canal.test', 'Canal-Essai-2026!');
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    // Once at the start (the preload), then the login: its answer says who is logged in.
    expect(api.filter((a) => a.endsWith(' /api/session'))).toEqual([
      'GET /api/session',
      'POST /api/session',
    ]);
    // Still on the accueil: what « Mes travailleurs », the fiche and the declaration need.
    await attendreChunks(page, assets, [
      'Travailleurs',
      'Fiche',
      'Declaration',
      'api-declaration',
      'Dialogues',
    ]);
    await page.waitForLoadState('networkidle');
    expect(assets.filter((a) => /\/(EspaceCaf|api-caf)-/.test(a))).toEqual([]);
    // Reached later, the screen asks for nothing more.
    const avant = assets.length;
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes travailleurs' }).waitFor();
    expect(assets.slice(avant).filter((a) => a.endsWith('.js'))).toEqual([]);
    await page.close();
  });

  it('a Caf agent: its space is prefetched, an Esat’s screens are not', async () => {
    const page = await n.browser.newPage({ locale: 'fr-FR' });
    const { assets } = suivre(page);
    await connecter(page, n.server.url, 'agent@caf-paris.test', 'Agent-Essai-2026!');
    await attendreChunks(page, assets, ['EspaceCaf', 'api-caf']);
    await page.waitForLoadState('networkidle');
    expect(
      assets.filter((a) => /\/(Accueil|Travailleurs|Declaration|api-declaration)-/.test(a)),
    ).toEqual([]);
    await page.close();
  });
});
