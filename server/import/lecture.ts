/**
 * R-IM: reading a payroll file into rows of cells, with maintained libraries — csv-parse for CSV
 * (`;`, `,` or tab detected; UTF-8 with or without BOM, UTF-16 or Windows-1252 detected) and
 * exceljs for XLSX (typed cells, merged title rows) — then finding the header row among the
 * first lines (exports put titles above it) and leaving out blank lines. Bad files stop with a
 * French 413/422 (never a 500).
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { exceljs } from '../bibliotheques.ts';
import { lireDate, reconnaitreColonnes, type Cellule } from '../../forms/import.ts';
import { fail } from '../errors.ts';

/** R-IM: the largest file taken (bytes) and the most data rows in one import. */
export const LIMITE_OCTETS = 2 * 1024 * 1024;
export const LIMITE_LIGNES = 2_000;
/** The header row is looked for among this many first non-blank rows. */
export const LIGNES_ENTETE = 10;

/** One data row of the file: its number as a spreadsheet shows it, and its cells. */
export interface LigneFichier {
  n: number;
  cellules: Cellule[];
}

/** A file read: the header row and the data rows after it, and how it was read. */
export interface Tableau {
  format: 'csv' | 'xlsx';
  /** CSV: `utf-8`, `utf-16le` or `windows-1252`. */
  encodage?: string;
  /** CSV: the separator found. */
  separateur?: string;
  /** XLSX: the sheet read. */
  feuille?: string;
  /** The row number of the header row. */
  ligneEntete: number;
  entetes: string[];
  lignes: LigneFichier[];
}

export const messagesLecture = {
  tropGros: `Le fichier dépasse ${LIMITE_OCTETS / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`,
  tropDeLignes: (n: number) =>
    `Le fichier compte ${n.toLocaleString('fr-FR')} lignes ; un import en accepte au plus ${LIMITE_LIGNES.toLocaleString('fr-FR')}. Découpez-le en plusieurs fichiers.`,
  vide: 'Le fichier est vide.',
  xls: 'Les fichiers Excel 97-2003 (.xls) ne sont pas lus : enregistrez le fichier au format .xlsx ou CSV, puis importez-le à nouveau.',
  xlsxIllisible:
    'Le fichier Excel ne peut pas être lu : il est peut-être endommagé ou protégé par un mot de passe. Enregistrez-le à nouveau au format .xlsx ou CSV.',
  csvIllisible:
    "Le fichier ne peut pas être lu comme un tableau CSV : vérifiez qu'il s'agit bien d'un export CSV (colonnes séparées par des points-virgules ou des virgules).",
  sansEntete: `Aucune ligne de titres de colonnes n'a été reconnue dans les ${LIGNES_ENTETE} premières lignes du fichier. La ligne des titres doit nommer au moins deux colonnes attendues (N° allocataire, Nom, Prénom, Aide au poste…) : téléchargez le modèle pour voir les colonnes.`,
  sansLignes: "Le fichier n'a aucune ligne de travailleur sous la ligne des titres de colonnes.",
} as const;

const estVide = (c: Cellule) => c === null || (typeof c === 'string' && c.trim() === '');

/** Without the trailing empty cells a spreadsheet leaves. */
function rogner(cellules: Cellule[]): Cellule[] {
  let end = cellules.length;
  while (end > 0 && estVide(cellules[end - 1])) end--;
  return cellules.slice(0, end);
}

/**
 * The header row: among the first non-blank rows, the one naming the most expected columns (at
 * least two), the first of equals; then the data rows under it, blank ones left out.
 */
export function decouper(
  rows: LigneFichier[],
): Pick<Tableau, 'ligneEntete' | 'entetes' | 'lignes'> {
  const pleines = rows
    .map((r) => ({ ...r, cellules: rogner(r.cellules) }))
    .filter((r) => r.cellules.some((c) => !estVide(c)));
  let best = -1;
  let score = 1;
  pleines.slice(0, LIGNES_ENTETE).forEach((r, i) => {
    const reconnus = reconnaitreColonnes(r.cellules.map((c) => String(c ?? ''))).filter(
      Boolean,
    ).length;
    if (reconnus > score) {
      best = i;
      score = reconnus;
    }
  });
  if (best < 0) fail(422, 'entete-introuvable', messagesLecture.sansEntete);
  const entete = pleines[best];
  const lignes = pleines.slice(best + 1);
  if (lignes.length === 0) fail(422, 'fichier-sans-lignes', messagesLecture.sansLignes);
  if (lignes.length > LIMITE_LIGNES)
    fail(422, 'trop-de-lignes', messagesLecture.tropDeLignes(lignes.length));
  return {
    ligneEntete: entete.n,
    entetes: entete.cellules.map((c) => String(c ?? '').trim()),
    lignes,
  };
}

/** The text of a CSV file and the encoding it was written in. */
export function decoder(bytes: Uint8Array): { texte: string; encodage: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { texte: new TextDecoder('utf-8').decode(bytes.subarray(3)), encodage: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { texte: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encodage: 'utf-16le' };
  }
  try {
    return { texte: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encodage: 'utf-8' };
  } catch {
    // Not UTF-8: what a French Windows spreadsheet writes (« Enregistrer sous… CSV »). Node's
    // decoder reads 0x80–0x9F as latin1 controls: they are Windows-1252's € ‚ ƒ „ … ’ œ …
    const texte = new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (c) => cp1252[c.charCodeAt(0) - 0x80] || c);
    return { texte, encodage: 'windows-1252' };
  }
}

/** Windows-1252's characters at 0x80–0x9F (empty: unassigned). */
const cp1252 = [
  '€',
  '',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '',
  'Ž',
  '',
  '',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '',
  'ž',
  'Ÿ',
];

type Enregistrement = { record: string[]; info: { lines: number } };

function parser(texte: string, delimiter: string, to?: number): Enregistrement[] {
  return parse(texte, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    ...(to ? { to } : {}),
  }) as unknown as Enregistrement[];
}

/**
 * The separator among `;`, `,` and tab: the one under which the first rows name the most
 * expected columns, then the one that splits the most rows into the same number (> 1) of fields.
 * (A `;` file with decimal commas splits by `,` into ragged rows and a header of one field.)
 */
export function separateur(texte: string): string {
  let best = { d: ';', reconnus: -1, regularite: -1 };
  for (const d of [';', ',', '\t']) {
    let rows: Enregistrement[];
    try {
      rows = parser(texte, d, 40);
    } catch {
      continue;
    }
    const reconnus = Math.max(
      0,
      ...rows
        .slice(0, LIGNES_ENTETE)
        .map((r) => reconnaitreColonnes(r.record).filter(Boolean).length),
    );
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.record.length, (counts.get(r.record.length) ?? 0) + 1);
    const regularite = Math.max(0, ...[...counts].map(([n, k]) => (n - 1) * k));
    if (reconnus > best.reconnus || (reconnus === best.reconnus && regularite > best.regularite)) {
      best = { d, reconnus, regularite };
    }
  }
  return best.d;
}

/** Reads a CSV file. */
export function lireCsv(bytes: Uint8Array): Tableau {
  const { texte, encodage } = decoder(bytes);
  if (texte.trim() === '') fail(422, 'fichier-vide', messagesLecture.vide);
  const sep = separateur(texte);
  let rows: Enregistrement[];
  try {
    rows = parser(texte, sep);
  } catch {
    return fail(422, 'fichier-illisible', messagesLecture.csvIllisible);
  }
  const table = decouper(
    rows.map(({ record, info }) => ({
      n: info.lines,
      cellules: record.map((c) => c.trim()),
    })),
  );
  return { format: 'csv', encodage, separateur: sep, ...table };
}

/** A cell of exceljs as our cell: typed numbers kept, dates as ISO, the rest as text. */
function cellule(cell: ExcelJS.Cell): Cellule {
  let value: ExcelJS.CellValue = cell.value;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) value = value.result as ExcelJS.CellValue;
    else if ('richText' in value) value = value.richText.map((t) => t.text).join('');
    else if ('text' in value) value = String(value.text);
    else if ('error' in value) value = String(value.error);
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return lireDate(value) ?? null;
  if (typeof value === 'number') {
    // A cell formatted as a percentage holds 0.35 and shows « 35 % »: read what is shown.
    return /%/.test(cell.numFmt ?? '') ? Number((value * 100).toPrecision(15)) : value;
  }
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (typeof value === 'object') return null;
  return String(value).trim();
}

/** Reads an XLSX file: the first sheet that has a header row. */
export async function lireXlsx(bytes: Uint8Array): Promise<Tableau> {
  const workbook = new (await exceljs()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail(422, 'fichier-illisible', messagesLecture.xlsxIllisible);
  }
  let first: unknown;
  for (const sheet of workbook.worksheets) {
    const rows: LigneFichier[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cellules: Cellule[] = [];
      for (let col = 1; col <= row.cellCount; col++) {
        const cell = row.getCell(col);
        // A merged title over several columns counts once, in its first cell.
        cellules.push(cell.isMerged && cell.master !== cell ? null : cellule(cell));
      }
      rows.push({ n: row.number, cellules });
    });
    if (rows.length === 0) continue;
    try {
      return { format: 'xlsx', feuille: sheet.name, ...decouper(rows) };
    } catch (e) {
      first ??= e;
    }
  }
  throw first ?? fail(422, 'fichier-vide', messagesLecture.vide);
}

/** What a file is, by its first bytes (not by its name or declared type). */
export function formatDe(bytes: Uint8Array): 'xlsx' | 'xls' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'xls';
  return 'csv';
}

/** R-IM: reads a CSV or XLSX file into its header and rows, within the limits. */
export async function lireFichier(bytes: Uint8Array): Promise<Tableau> {
  if (bytes.length === 0) fail(422, 'fichier-vide', messagesLecture.vide);
  if (bytes.length > LIMITE_OCTETS) fail(413, 'fichier-trop-gros', messagesLecture.tropGros);
  const format = formatDe(bytes);
  if (format === 'xls') fail(422, 'format-xls', messagesLecture.xls);
  return format === 'xlsx' ? lireXlsx(bytes) : lireCsv(bytes);
}
