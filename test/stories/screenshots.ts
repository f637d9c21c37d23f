/**
 * Screenshots of the built Storybook (run `npx storybook build -o storybook-static` first), for a
 * human to look at: `npx tsx test/stories/screenshots.ts [out-dir] [id-filter]`, widths in
 * LARGEURS (default 1280,360). Serves the build on a free port with node:http (no extra
 * dependency), drives Debian's chromium, and prints page errors and axe-core violations per story
 * (the same rules as the test suite).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.ts';
import { violationsAxe } from '../e2e/axe.ts';
import { servirStorybook } from './statique.ts';

const racine = join(import.meta.dirname, '../../storybook-static');
const sortie = process.argv[2] ?? join(import.meta.dirname, '../../.tmp/stories');
const filtre = process.argv[3] ?? '';
const largeurs = (process.env.LARGEURS ?? '1280,360').split(',').map(Number);

const storybook = await servirStorybook(racine);
const base = storybook.base;
const ids = storybook.ids.filter((id) => id.includes(filtre));

mkdirSync(sortie, { recursive: true });
const navigateur = await launchChromium();
try {
  for (const largeur of largeurs) {
    const page = await navigateur.newPage({ viewport: { width: largeur, height: 900 } });
    const erreurs: string[] = [];
    page.on('pageerror', (e) => erreurs.push(e.message));
    for (const id of ids) {
      erreurs.length = 0;
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
      // The loaders drive the machine before the first render; then let dialogs settle.
      await page.waitForSelector('#storybook-root main, .sb-show-errordisplay', { timeout: 15000 });
      await page.waitForTimeout(400);
      // ASCII file names: the ids keep the titles' accents.
      const nom = id.normalize('NFD').replace(/[^a-z0-9-]/g, '');
      const png = join(sortie, `${nom}-${largeur}.png`);
      await page.screenshot({ path: png, fullPage: true });
      const violations = await violationsAxe(page);
      console.log(
        png,
        erreurs.length ? `ERREURS: ${erreurs.join(' | ')}` : '',
        violations.length ? `axe: ${violations.join(', ')}` : '',
      );
    }
    await page.close();
  }
} finally {
  await navigateur.close();
  await storybook.fermer();
}
