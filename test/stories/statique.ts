/**
 * A built Storybook (`storybook build -o <dossier>`) served on a free loopback port by node:http,
 * no extra dependency: for the axe suite and the screenshot script.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export interface StorybookServi {
  base: string;
  /** The ids of the stories the build holds (docs pages left out), in the sidebar's order. */
  ids: string[];
  fermer(): Promise<void>;
}

export async function servirStorybook(dossier: string): Promise<StorybookServi> {
  const serveur = createServer((req, res) => {
    const chemin = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let fichier = join(dossier, chemin);
    if (!fichier.startsWith(dossier)) return void res.writeHead(403).end();
    if (existsSync(fichier) && statSync(fichier).isDirectory())
      fichier = join(fichier, 'index.html');
    if (!existsSync(fichier)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(fichier)] ?? 'application/octet-stream' });
    createReadStream(fichier).pipe(res);
  });
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const index = JSON.parse(readFileSync(join(dossier, 'index.json'), 'utf8')) as {
    entries: Record<string, { id: string; type: string }>;
  };
  return {
    base: `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`,
    ids: Object.values(index.entries)
      .filter((e) => e.type === 'story')
      .map((e) => e.id),
    fermer: () => new Promise((ok) => serveur.close(() => ok())),
  };
}
