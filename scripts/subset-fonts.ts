/**
 * `npx tsx scripts/subset-fonts.ts`: writes server/fonts/DejaVuSans-WinAnsi.ttf and its bold
 * from Debian's fonts-dejavu-core (/usr/share/fonts/truetype/dejavu), keeping only the glyphs
 * of WinAnsi, for the PDF récapitulatif (server/pdf.ts). Run once; the files are committed, so
 * the server needs nothing from the machine at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subsetWinAnsi } from '../server/truetype.ts';

const from = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';
const to = new URL('../server/fonts/', import.meta.url).pathname;
for (const [source, target] of [
  ['DejaVuSans.ttf', 'DejaVuSans-WinAnsi.ttf'],
  ['DejaVuSans-Bold.ttf', 'DejaVuSans-Bold-WinAnsi.ttf'],
]) {
  const bytes = subsetWinAnsi(readFileSync(join(from, source)));
  writeFileSync(join(to, target), bytes);
  console.log(`${target} : ${(bytes.length / 1024).toFixed(1)} kB`);
}
