/**
 * R-CA-4: the export files, written as they are read (a web ReadableStream over Node streams):
 * memory holds a few rows, whatever the count. CSV for a French spreadsheet (csv-stringify: UTF-8
 * BOM, `;`, decimal comma, JJ/MM/AAAA), XLSX with typed cells and a frozen header (exceljs's
 * streaming writer), JSON with the contract's names and ISO values.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { exceljs } from '../bibliotheques.ts';
import { jour } from '../../forms/dates.ts';
import { etatOf, type LigneExport } from '../caf-store.ts';
import { colonnes, type Valeur } from './colonnes.ts';

const decimal = (n: number) => String(n).replace('.', ',');

/** A cell of the CSV: numbers with a decimal comma, days as JJ/MM/AAAA. */
function celluleCsv(v: Valeur): string {
  if (!v) return '';
  if (v.type === 'nombre') return decimal(v.value);
  if (v.type === 'date') return jour(v.value);
  return v.value;
}

const web = (node: Readable) => Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>;

/** Rows written per chunk: one network write per row made 20 000 rows cost seconds. */
const LOT = 500;

/** The CSV: one header row of French names, one row per declaration (CRLF, as Excel writes). */
export function fichierCsv(lignes: AsyncIterable<LigneExport>): ReadableStream<Uint8Array> {
  const options = { delimiter: ';', record_delimiter: 'windows' } as const;
  return web(
    Readable.from(
      (async function* () {
        yield Buffer.from(
          stringify([colonnes.map((c) => c.header)], { ...options, bom: true }),
          'utf8',
        );
        let lot: string[][] = [];
        for await (const l of lignes) {
          lot.push(colonnes.map((c) => celluleCsv(c.value(l))));
          if (lot.length === LOT) {
            yield Buffer.from(stringify(lot, options), 'utf8');
            lot = [];
          }
        }
        if (lot.length > 0) yield Buffer.from(stringify(lot, options), 'utf8');
      })(),
    ),
  );
}

/** A day as Excel keeps it: midnight UTC of that date, shown JJ/MM/AAAA. */
const jourExcel = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

// One style object per kind of cell, shared: exceljs then writes each style once, where a
// style per cell made it serialise 600 000 of them (11 s for 20 000 rows instead of 4).
const styleDate: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };
const styleSimple: Partial<ExcelJS.Style> = {};
const styleEntete: Partial<ExcelJS.Style> = { font: { bold: true } };

/** The XLSX: one sheet, its header row frozen, numbers and dates typed. */
export function fichierXlsx(lignes: AsyncIterable<LigneExport>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  (async () => {
    const workbook = new (await exceljs()).stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Déclarations', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = colonnes.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const entete = sheet.getRow(1);
    entete.eachCell((cell) => (cell.style = styleEntete));
    entete.commit();
    let n = 0;
    for await (const l of lignes) {
      // A sparse row (index 1 = column A): the empty fields of other kinds make no cell.
      const values: (string | number | Date)[] = [];
      colonnes.forEach((c, i) => {
        const v = c.value(l);
        if (v) values[i + 1] = v.type === 'date' ? jourExcel(v.value) : v.value;
      });
      const row = sheet.addRow(values);
      row.eachCell((cell) => (cell.style = cell.value instanceof Date ? styleDate : styleSimple));
      row.commit();
      // Let the zip drain to the client: exceljs does not wait for a slow reader by itself.
      if (++n % LOT === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e));
  return web(out);
}

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
