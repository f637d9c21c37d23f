/**
 * Issue 16: what a browser downloads for the login page (the scripts and styles dist/index.html
 * names: its script, its modulepreloads, its stylesheet), and every lazy chunk loaded later (a
 * screen when it is reached, or prefetched after the login), raw and gzip-compressed as a server
 * would send them. Run `npm run build` first. Printed by `npm run bench`; alone:
 * `tsx scripts/bench-premier-ecran.ts [dist/]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The first screen's budget (issue 16), in kB of gzip. */
export const BUDGET_PREMIER_ECRAN_KB = 100;

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

interface Fichier {
  asset: string;
  raw: number;
  gzip: number;
}

function mesurer(distDir: URL, asset: string): Fichier {
  const bytes = readFileSync(new URL(asset, distDir));
  return { asset, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The first screen's files and the lazy chunks of a build; undefined without dist/index.html. */
export function taillesBuild(distDir: URL) {
  let html: string;
  try {
    html = readFileSync(new URL('index.html', distDir), 'utf8');
  } catch {
    return undefined;
  }
  const premiers = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1],
  );
  // The other pages (guide, mentions, accessibilité) have no script of their own: an empty
  // entry chunk each, left out.
  const differes = readdirSync(new URL('assets/', distDir))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => `assets/${name}`)
    .filter((asset) => !premiers.includes(asset))
    .map((asset) => mesurer(distDir, asset))
    .filter((f) => f.raw > 100)
    .sort((a, b) => b.gzip - a.gzip);
  const premierEcran = premiers.map((asset) => mesurer(distDir, asset));
  const total = (fichiers: Fichier[]) => ({
    raw: fichiers.reduce((s, f) => s + f.raw, 0),
    gzip: fichiers.reduce((s, f) => s + f.gzip, 0),
  });
  return {
    premierEcran,
    differes,
    totalPremier: total(premierEcran),
    totalDiffere: total(differes),
  };
}

/** Prints the two tables; false when the first screen is over its budget. */
export function printFirstScreenSize(distDir = new URL('../dist/', import.meta.url)): boolean {
  const tailles = taillesBuild(distDir);
  if (!tailles) {
    console.log('Premier écran : dist/ absent (lancer `npm run build` avant le bench).');
    return true;
  }
  const { premierEcran, differes, totalPremier, totalDiffere } = tailles;
  console.log('| premier écran (page de connexion) | brut (kB) | gzip (kB) |');
  console.log('|---|---:|---:|');
  for (const f of premierEcran) console.log(`| \`${f.asset}\` | ${kb(f.raw)} | ${kb(f.gzip)} |`);
  const dansBudget = totalPremier.gzip <= BUDGET_PREMIER_ECRAN_KB * 1000;
  console.log(
    `| **total** (budget ${BUDGET_PREMIER_ECRAN_KB} kB gzip${dansBudget ? '' : ' : DÉPASSÉ'}) | ${kb(totalPremier.raw)} | ${kb(totalPremier.gzip)} |`,
  );
  console.log('');
  console.log(
    '| chunk différé (écran atteint, ou préchargé après la connexion) | brut (kB) | gzip (kB) |',
  );
  console.log('|---|---:|---:|');
  for (const f of differes) console.log(`| \`${f.asset}\` | ${kb(f.raw)} | ${kb(f.gzip)} |`);
  console.log(
    `| **total** (${differes.length} fichiers) | ${kb(totalDiffere.raw)} | ${kb(totalDiffere.gzip)} |`,
  );
  return dansBudget;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = process.argv[2]
    ? pathToFileURL(`${process.argv[2].replace(/\/?$/, '/')}`)
    : undefined;
  if (!printFirstScreenSize(dist)) process.exitCode = 1;
}
