/**
 * Screenshots of the built Storybook (run `npx storybook build -o storybook-static` first), for a
 * human to look at: `npx tsx test/stories/screenshots.ts [out-dir] [id-filter]`, widths in
 * LARGEURS (default 1280,360). Serves the build on a free port with node:http (no extra
 * dependency), drives Debian's chromium, and prints page errors and axe-core violations per story.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium } from '../../scripts/chromium.ts';

const racine = join(import.meta.dirname, '../../storybook-static');
const sortie = process.argv[2] ?? join(import.meta.dirname, '../../.tmp/stories');
const filtre = process.argv[3] ?? '';
const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const largeurs = (process.env.LARGEURS ?? '1280,360').split(',').map(Number);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

const serveur = createServer((req, res) => {
  const chemin = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  let fichier = join(racine, chemin);
  if (!fichier.startsWith(racine)) return void res.writeHead(403).end();
  if (existsSync(fichier) && statSync(fichier).isDirectory()) fichier = join(fichier, 'index.html');
  if (!existsSync(fichier)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(fichier)] ?? 'application/octet-stream' });
  createReadStream(fichier).pipe(res);
});

await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
const index = JSON.parse(readFileSync(join(racine, 'index.json'), 'utf8')) as {
  entries: Record<string, { id: string; type: string }>;
};
const ids = Object.values(index.entries)
  .filter((e) => e.type === 'story' && e.id.includes(filtre))
  .map((e) => e.id);

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
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const { violations } = await (
          window as unknown as {
            axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return violations.map(
          (v) =>
            `${v.id} (${(v.nodes as { target: string[] }[]).map((n) => n.target.join(' ')).join('; ')})`,
        );
      });
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
  serveur.close();
}
