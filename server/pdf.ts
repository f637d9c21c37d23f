/**
 * The PDF récapitulatif of a declaration (R-FL-5): who declared what, for whom, when, with the
 * attestation sur l'honneur. Labels and values come from forms/, as on the récapitulatif screen.
 */
import { readFileSync } from 'node:fs';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { pdfLib } from './bibliotheques.ts';
import { jour, jourHeure } from '../forms/dates.ts';
import { estVisible, formDefinition, formatValeur, kindLabels } from '../forms/index.ts';
import type {
  CafRecord,
  DeclarationRecord,
  EsatRecord,
  Reader,
  WorkerRecord,
} from './store/index.ts';

export interface PdfInput {
  declaration: DeclarationRecord;
  esat: EsatRecord;
  caf: CafRecord | undefined;
  worker: WorkerRecord;
}

export const ATTESTATION =
  "Je certifie sur l'honneur l'exactitude des renseignements portés sur cette déclaration.";
export const RAPPEL_LEGAL =
  "La loi punit quiconque se rend coupable de fraudes ou de fausses déclarations (articles L.114-13 et L.835-5 du Code de la sécurité sociale, article 441-1 du Code pénal). Cette déclaration a la même valeur juridique qu'une déclaration sur papier.";

/**
 * DejaVu Sans, embedded through fontkit (pdf-lib's companion) with the glyphs a document uses
 * only: a standard font is drawn by each viewer with a substitute whose letters do not fit the
 * widths (« R écapitulatif », « SIR ET »). From Debian's fonts-dejavu-core; licence in
 * server/fonts/LICENSE.
 */
const fonts = {
  regular: readFileSync(new URL('./fonts/DejaVuSans.ttf', import.meta.url)),
  bold: readFileSync(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)),
};

/** The document's two fonts, embedded (subset). */
export async function polices(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  // Loaded with the first PDF: fontkit's import alone costs ≈ 0.4 s (its tables are unpacked).
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fonts.regular, { subset: true }),
    doc.embedFont(fonts.bold, { subset: true }),
  ]);
  return { regular, bold };
}

const jeux = new WeakMap<PDFFont, Set<number>>();

/** Narrow and non-breaking spaces become plain ones (lines break there), what the font lacks '?'. */
export function lisible(font: PDFFont, text: string): string {
  let jeu = jeux.get(font);
  if (!jeu) jeux.set(font, (jeu = new Set(font.getCharacterSet())));
  return [...text.replace(/[\u00a0\u202f]/g, ' ')]
    .map((ch) => (jeu.has(ch.codePointAt(0)!) ? ch : '?'))
    .join('');
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Builds the récapitulatif; bytes start with `%PDF-`. */
export async function pdfRecapitulatif({
  declaration,
  esat,
  caf,
  worker,
}: PdfInput): Promise<Uint8Array> {
  const { PDFDocument, rgb } = await pdfLib();
  const doc = await PDFDocument.create();
  const title = kindLabels[declaration.kind];
  doc.setTitle(`${title} — ${worker.nom} ${worker.prenom}`);
  doc.setLanguage('fr-FR');
  doc.setProducer('Espace Esat');
  const { regular, bold } = await polices(doc);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;

  const wrap = (text: string, font: PDFFont, size: number, max: number): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of lisible(font, text).split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > max && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  };
  const room = (needed: number) => {
    if (y - needed < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const text = (
    t: string,
    options: { font?: PDFFont; size?: number; x?: number; max?: number; gap?: number } = {},
  ) => {
    const font = options.font ?? regular;
    const size = options.size ?? 10;
    const x = options.x ?? MARGIN;
    for (const line of wrap(t, font, size, options.max ?? width - (x - MARGIN))) {
      room(size * 1.4);
      page.drawText(line, { x, y: y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.4;
    }
    y -= options.gap ?? 0;
  };
  const rule = () => {
    room(12);
    page.drawLine({
      start: { x: MARGIN, y: y - 4 },
      end: { x: A4[0] - MARGIN, y: y - 4 },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    y -= 12;
  };
  const pair = (label: string, value: string) => {
    const labelWidth = width * 0.58;
    const labelLines = wrap(label, regular, 10, labelWidth - 8);
    const valueLines = wrap(value, bold, 10, width - labelWidth);
    const lines = Math.max(labelLines.length, valueLines.length);
    room(lines * 14);
    labelLines.forEach((l, i) =>
      page.drawText(l, { x: MARGIN, y: y - 10 - i * 14, size: 10, font: regular }),
    );
    valueLines.forEach((l, i) =>
      page.drawText(l, { x: MARGIN + labelWidth, y: y - 10 - i * 14, size: 10, font: bold }),
    );
    y -= lines * 14 + 2;
  };

  text('Récapitulatif de déclaration', { size: 10, gap: 2 });
  text(title, { font: bold, size: 16, gap: 8 });
  rule();
  text('Établissement', { font: bold, size: 11, gap: 2 });
  pair('Nom', esat.name);
  pair('SIRET', esat.siret);
  pair('Adresse', esat.address);
  pair('Caf destinataire', caf ? `${caf.name} (${caf.code})` : declaration.caf);
  y -= 6;
  text('Travailleur', { font: bold, size: 11, gap: 2 });
  pair('Nom et prénom', `${worker.nom} ${worker.prenom}`);
  pair('N° allocataire', worker.numeroAllocataire);
  pair('Date de naissance', jour(worker.dateNaissance));
  y -= 6;
  text('Déclaration', { font: bold, size: 11, gap: 2 });
  if (declaration.campaignYear !== undefined)
    pair('Campagne', `Rémunération de novembre ${declaration.campaignYear}`);
  // A field whose condition does not hold (« Date de retour prévue » for another motif) is left out.
  for (const field of formDefinition(declaration.kind).fields) {
    if (!estVisible(field, declaration.data)) continue;
    pair(field.label, formatValeur(field, declaration.data[field.name]));
  }
  y -= 6;
  rule();
  pair('Déclaration enregistrée le', jourHeure(declaration.submittedAt));
  pair('Déclarant', declaration.userEmail);
  pair('Référence', declaration.reference ?? declaration.id);
  y -= 10;
  text(ATTESTATION, { font: bold, size: 10, gap: 6 });
  text(RAPPEL_LEGAL, { size: 8.5 });
  return doc.save();
}

/** The name the PDF is downloaded under: kind, allocataire number, date. */
export function pdfFilename(
  declaration: DeclarationRecord,
  worker: Pick<WorkerRecord, 'numeroAllocataire'>,
): string {
  return `${declaration.kind}-${worker.numeroAllocataire}-${declaration.submittedAt.slice(0, 10)}.pdf`;
}

/** The récapitulatif of a recorded declaration and its file name, read from the store. */
export async function pdfDeDeclaration(store: Reader, declaration: DeclarationRecord) {
  const [worker, esat, caf] = await Promise.all([
    store.get('workers', declaration.workerId),
    store.get('esats', declaration.esat),
    store.get('cafs', declaration.caf),
  ]);
  const bytes = await pdfRecapitulatif({ declaration, esat: esat!, caf, worker: worker! });
  return { bytes, filename: pdfFilename(declaration, worker!) };
}
