/**
 * Payroll files as real software writes them, for the import's tests: CSV in Windows-1252 or
 * UTF-8, XLSX built with exceljs; and the request that sends one, as the UI does (the file as the
 * body, X-Filename, the session's CSRF token).
 */
import ExcelJS from 'exceljs';
import type { WorkerRecord } from '../../server/store/index.ts';
import { csrfOf, type Call, type Setup } from './helpers.ts';

/** Windows-1252, as a French Windows spreadsheet saves a CSV (latin1 but for € ’ œ …). */
export function windows1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c, '…': 0x85 };
  return Uint8Array.from([...text].map((ch) => extra[ch] ?? ch.charCodeAt(0)));
}

export const utf8 = (text: string, bom = false) =>
  new Uint8Array(Buffer.from((bom ? '\ufeff' : '') + text, 'utf8'));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** JJ/MM/AAAA. */
export const fr = (iso: string) => iso.split('-').reverse().join('/');

/** POST /api/imports with a file as the body. */
export async function upload(
  app: Setup['app'],
  cookie: string,
  bytes: Uint8Array,
  options: { type?: string; filename?: string; caf?: string } = {},
): Promise<Call> {
  const headers: Record<string, string> = {
    Cookie: cookie,
    'Content-Type': options.type ?? 'text/csv',
    'X-CSRF-Token': csrfOf(cookie) ?? '',
  };
  if (options.filename) headers['X-Filename'] = encodeURIComponent(options.filename);
  const res = await app.request(`/api/imports?caf=${options.caf ?? '751'}`, {
    method: 'POST',
    headers,
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const out = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    bytes: out,
    json: type.includes('json') && out.length ? JSON.parse(Buffer.from(out).toString()) : undefined,
  };
}

/** One certificat row of a worker: its identity and four amounts, as text. */
export function ligne(
  w: Pick<WorkerRecord, 'numeroAllocataire' | 'nom' | 'prenom' | 'dateNaissance'>,
  amounts: { mois?: string; rg?: string; aap?: string; sd?: string } = {},
): string[] {
  return [
    w.numeroAllocataire,
    w.nom,
    w.prenom,
    fr(w.dateNaissance),
    amounts.mois ?? '12',
    amounts.rg ?? '1 234,56',
    amounts.aap ?? '680,00',
    amounts.sd ?? '',
  ];
}

/** An XLSX workbook with one sheet built by `fill`. */
export async function xlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Paie novembre'));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
