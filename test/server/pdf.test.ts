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
import { embedTrueType, fontMetrics } from '../../server/truetype.ts';
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

  it('its fonts are embedded TrueType (no viewer substitution), WinAnsi encoded', async () => {
    const { file } = await pdfDeclare();
    const lines = poppler('pdffonts', [file]).trim().split('\n').slice(2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^DejaVuSans\S*\s+TrueType\s+WinAnsi\s+yes/);
  });
});

describe('server/truetype.ts', () => {
  const regular = readFileSync(
    new URL('../../server/fonts/DejaVuSans-WinAnsi.ttf', import.meta.url),
  );

  it('measures with the font’s own advance widths (wider « W » than « i »), kerning-free', async () => {
    const doc = await PDFDocument.create();
    const font = embedTrueType(doc, regular);
    const m = fontMetrics(regular);
    const w = (s: string) => font.widthOfTextAtSize(s, 10);
    expect(w('W')).toBeGreaterThan(w('i') * 2);
    expect(w('SIRET')).toBeCloseTo(
      ['S', 'I', 'R', 'E', 'T'].reduce((a, c) => a + w(c), 0),
      5,
    );
    // In thousandths of an em, as the PDF's /Widths says it to the viewer.
    expect(w('é')).toBeCloseTo(Math.round((m.widths.get(0xe9)! * 1000) / m.unitsPerEm) / 100, 5);
  });

  it('refuses what WinAnsi cannot encode (the PDF writes « ? » instead)', async () => {
    const doc = await PDFDocument.create();
    const font = embedTrueType(doc, regular);
    expect(() => font.encodeText('Ω')).toThrow();
    expect(font.encodeText('Œuvre €').toString()).toBe('<8c757672652080>');
  });
});
