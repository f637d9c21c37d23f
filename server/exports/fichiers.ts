/**
 * R-CA-4: the export files, written as they are read (a web ReadableStream over Node streams):
 * memory holds a few rows, whatever the count. CSV for a French spreadsheet (csv-stringify: UTF-8
 * BOM, `;`, decimal comma, JJ/MM/AAAA), XLSX with typed cells and a frozen header (exceljs's
 * streaming writer), JSON with the contract's names and ISO values.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { etatOf, type LigneExport } from '../caf-store.ts';
import { colonnes, type Valeur } from './colonnes.ts';

const decimal = (n: number) => String(n).replace('.', ',');
const jjmmaaaa = (iso: string) => iso.split('-').reverse().join('/');

/** A cell of the CSV: numbers with a decimal comma, days as JJ/MM/AAAA. */
function celluleCsv(v: Valeur): string {
  if (!v) return '';
  if (v.type === 'nombre') return decimal(v.value);
  if (v.type === 'date') return jjmmaaaa(v.value);
  return v.value;
}

const web = (node: Readable) => Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>;

/** The CSV: one header row of French names, one row per declaration. */
export function fichierCsv(lignes: AsyncIterable<LigneExport>): ReadableStream<Uint8Array> {
  const rows = Readable.from(
    (async function* () {
      for await (const l of lignes) yield colonnes.map((c) => celluleCsv(c.value(l)));
    })(),
  );
  const csv = stringify({
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    header: true,
    columns: colonnes.map((c) => c.header),
  });
  rows.on('error', (e) => csv.destroy(e));
  return web(rows.pipe(csv));
}

/** A day as Excel keeps it: midnight UTC of that date, shown JJ/MM/AAAA. */
const jourExcel = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/** A cell of the XLSX, typed: numbers as numbers, days as dates. */
function celluleXlsx(v: Valeur): string | number | Date | null {
  if (!v) return null;
  if (v.type === 'date') return jourExcel(v.value);
  return v.value;
}

/** The XLSX: one sheet, its header row frozen, numbers and dates typed. */
export function fichierXlsx(lignes: AsyncIterable<LigneExport>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Déclarations', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = colonnes.map((c, i) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: styleDe(i),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    let n = 0;
    for await (const l of lignes) {
      sheet.addRow(colonnes.map((c) => celluleXlsx(c.value(l)))).commit();
      // Let the zip drain to the client: exceljs does not wait for a slow reader by itself.
      if (++n % 200 === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e));
  return web(out);
}

/** Date columns shown JJ/MM/AAAA; the others as they come. */
function styleDe(i: number): Partial<ExcelJS.Style> {
  return colonnesDates.has(i) ? { numFmt: 'dd/mm/yyyy' } : {};
}
const colonnesDates = new Set(
  colonnes.flatMap((c, i) =>
    ['dateDepot', 'dateNaissance', 'dateEffet', 'dateDepart', 'dateRetourPrevue'].includes(c.key)
      ? [i]
      : [],
  ),
);

/** The JSON: `{exportId, declarations:[…]}` with the contract's names and ISO values. */
export function fichierJson(
  exportId: string,
  lignes: AsyncIterable<LigneExport>,
): ReadableStream<Uint8Array> {
  return web(
    Readable.from(
      (async function* () {
        const bytes = (text: string) => Buffer.from(text, 'utf8');
        yield bytes(`{"exportId":${JSON.stringify(exportId)},"declarations":[`);
        let first = true;
        for await (const { declaration: d, worker, esat } of lignes) {
          const item = {
            id: d.id,
            ...(d.reference ? { reference: d.reference } : {}),
            kind: d.kind,
            etat: etatOf(d),
            submittedAt: d.submittedAt,
            userEmail: d.userEmail,
            ...(d.campaignYear !== undefined ? { campaignYear: d.campaignYear } : {}),
            caf: d.caf,
            worker,
            esat,
            data: d.data,
          };
          yield bytes(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
          first = false;
        }
        yield bytes('\n]}\n');
      })(),
    ),
  );
}
