/**
 * The heavy libraries, loaded when first used rather than at every start of the server (each
 * start, and each test file that builds an app, paid for them): exceljs ≈ 0.2 s, pdf-lib
 * ≈ 0.25 s on this machine. The first export, import or PDF waits for its library once.
 */
type ExcelJs = typeof import('exceljs');
let excel: Promise<ExcelJs> | undefined;
/** exceljs (XLSX exports, import templates and reading); a CommonJS module, its exports as `default`. */
export const exceljs = () =>
  (excel ??= import('exceljs').then((m: ExcelJs & { default?: ExcelJs }) => m.default ?? m));

let pdf: Promise<typeof import('pdf-lib')> | undefined;
/** pdf-lib (the récapitulatif and the import summary). */
export const pdfLib = () => (pdf ??= import('pdf-lib'));
