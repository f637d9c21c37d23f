/**
 * Issue #12, point 11: the PDF récapitulatif reads cleanly — its font is embedded with its own
 * widths, so a reader (pdftotext, from Debian's poppler-utils) gets whole words, not
 * « R écapitulatif » or « SIR ET »; and it carries the short reference (R-FL-5).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { lisible, polices } from '../../server/pdf.ts';
import { call, ready, setup, VILLETTE, worker } from './helpers.ts';

const certificat = {
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1234.56,
  aideAuPoste: 700,
};

/** The PDF of a certificat of BENALI Karim, as downloaded, written to a temp file. */
async function pdfDeclare() {
  const s = await setup({ day: '2026-12-10' });
  const cookie = await ready(s.app, VILLETTE.declarant);
  const benali = worker(s.data, 'BENALI', 'Karim');
  const d = await call(s.app, 'POST', '/api/declarations', {
    cookie,
    body: { workerId: benali.id, kind: 'certificat', data: certificat },
  });
  const pdf = await call(s.app, 'GET', `/api/declarations/${d.json.id}/pdf`, { cookie });
  expect(pdf.status).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'esat-pdf-')), 'recapitulatif.pdf');
  writeFileSync(file, pdf.bytes);
  return { file, reference: d.json.reference as string };
}

const poppler = (tool: string, args: string[]) => {
  expect(existsSync(`/usr/bin/${tool}`), 'apt-get install poppler-utils').toBe(true);
  return execFileSync(tool, args).toString();
};

describe('the PDF récapitulatif as a reader reads it', () => {
  it('pdftotext reads the words whole: Récapitulatif, SIRET, Jean-Jaurès, Je certifie', async () => {
    const { file, reference } = await pdfDeclare();
    const words = poppler('pdftotext', [file, '-']).split(/\s+/);
    for (const word of ['Récapitulatif', 'SIRET', 'Jean-Jaurès,', 'Je', 'certifie', 'Salaire']) {
      expect(words, word).toContain(word);
    }
    for (const broken of ['R', 'SIR', 'ET', 'J', 'ean-J', 'S']) expect(words).not.toContain(broken);
    expect(words).toContain(reference);
    expect(reference).toMatch(/^CE-2026-\d{6}$/);
  });

  it('its fonts are embedded TrueType subsets (no viewer substitution), with their Unicode map', async () => {
    const { file } = await pdfDeclare();
    const lines = poppler('pdffonts', [file]).trim().split('\n').slice(2);
    expect(lines).toHaveLength(2);
    // name, type, encoding, embedded, subset, unicode map
    for (const line of lines)
      expect(line).toMatch(/^DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/);
    // Subsets: the whole fonts weigh 1.4 MB, the glyphs of one récapitulatif a few kB.
    expect(readFileSync(file).length).toBeLessThan(60_000);
  });
});

describe('the fonts of server/pdf.ts', () => {
  it('measure with the font’s own advance widths (wider « W » than « i »)', async () => {
    const { regular, bold } = await polices(await PDFDocument.create());
    const w = (s: string) => regular.widthOfTextAtSize(s, 10);
    expect(w('W')).toBeGreaterThan(w('i') * 2);
    expect(w('SIRET')).toBeGreaterThan(w('SIR') + w('E'));
    expect(bold.widthOfTextAtSize('SIRET', 10)).toBeGreaterThan(w('SIRET'));
  });

  it('write what the font has (accents, Œ, €, Ω) and « ? » for what it lacks', async () => {
    const { regular } = await polices(await PDFDocument.create());
    expect(lisible(regular, 'Œuvre\u00a0€ Jean-Jaurès Ω')).toBe('Œuvre € Jean-Jaurès Ω');
    expect(lisible(regular, 'kanji 漢 fin')).toBe('kanji ? fin');
  });
});
