/**
 * The files an import gives back: the template (R-IM-1, CSV and XLSX with a help sheet) and the
 * report as CSV with an « Erreur » column (R-IM-4) — UTF-8 with BOM and `;`, so that a French
 * spreadsheet opens them right.
 */
import { stringify } from 'csv-stringify/sync';
import { exceljs } from '../bibliotheques.ts';
import { jour } from '../../forms/dates.ts';
import {
  colonnesImport,
  libellesStatut,
  lireDate,
  lireNombre,
  noticesImport,
  type Cellule,
} from '../../forms/import.ts';
import type { ImportRecord } from '../store/index.ts';
import type { Rapport, TravailleurRapport } from './rapport.ts';

const BOM = '\ufeff';
const csv = (rows: string[][]) =>
  BOM + stringify(rows, { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[;"\r\n]/ });

/** R-IM-1: the CSV template, the columns and one example row. */
export function modeleCsv(): string {
  return csv([colonnesImport.map((c) => c.entete), colonnesImport.map((c) => c.exemple)]);
}

/** R-IM-1: the XLSX template: typed cells, header row frozen, and a help sheet. */
export async function modeleXlsx(): Promise<Uint8Array> {
  const workbook = new (await exceljs()).Workbook();
  workbook.creator = 'Espace Esat';
  const sheet = workbook.addWorksheet('Certificats', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = colonnesImport.map((c) => ({
    header: c.entete,
    key: c.champ,
    width: Math.max(14, c.entete.length + 4),
    style:
      c.type === 'identifiant' || c.type === 'texte'
        ? { numFmt: '@' }
        : c.type === 'date'
          ? { numFmt: 'dd/mm/yyyy' }
          : c.type === 'montant'
            ? { numFmt: '#,##0.00' }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const exemple: Record<string, unknown> = {};
  for (const c of colonnesImport) {
    if (c.type === 'date') exemple[c.champ] = new Date(`${lireDate(c.exemple)}T00:00:00Z`);
    else if (c.type === 'identifiant' || c.type === 'texte') exemple[c.champ] = c.exemple;
    else exemple[c.champ] = lireNombre(c.exemple);
  }
  sheet.addRow(exemple);

  const aide = workbook.addWorksheet('Aide');
  aide.columns = [
    { header: 'Colonne', key: 'colonne', width: 30 },
    { header: 'Contenu attendu', key: 'contenu', width: 80 },
    { header: 'Exemple', key: 'exemple', width: 14 },
    { header: 'Autres intitulés reconnus', key: 'synonymes', width: 60 },
  ];
  aide.getRow(1).font = { bold: true };
  for (const c of colonnesImport) {
    aide.addRow({
      colonne: c.entete,
      contenu: c.aide,
      exemple: c.exemple,
      synonymes: c.synonymes.join(', '),
    });
  }
  aide.addRow({});
  for (const notice of noticesImport) aide.addRow({ colonne: notice });
  aide.getColumn('contenu').alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A cell as the report's CSV writes it: decimal comma, dates JJ/MM/AAAA. */
function enTexte(value: Cellule | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? jour(value) : value;
}

/**
 * R-IM-4: the report as CSV: the file's rows as they were, each with its row number, the worker
 * recognised, its status and its error; then the Esat's workers missing from the file, their
 * identity in the file's columns, ready to be completed and imported again.
 */
export function rapportCsv(record: ImportRecord, rapport: Rapport): string {
  const width = record.entetes.length;
  const parN = new Map(record.rows.map((r) => [r.n, r]));
  const rows: string[][] = [
    ['Ligne', ...record.entetes, 'Travailleur reconnu', 'Statut', 'Erreur'],
  ];
  const nom = (t: TravailleurRapport | null) =>
    t ? `${t.nom} ${t.prenom} (${t.numeroAllocataire})` : '';
  for (const ligne of rapport.lignes) {
    const row = parN.get(ligne.n)!;
    const cells = Array.from({ length: width }, (_, i) => enTexte(row.cells[i]));
    const erreur = [
      ...(ligne.message ? [ligne.message] : []),
      ...ligne.erreurs.map((e) => `${e.colonne} : ${e.message}`),
    ].join(' ; ');
    rows.push([
      String(ligne.n),
      ...cells,
      nom(ligne.travailleur),
      libellesStatut[ligne.statut],
      erreur,
    ]);
  }
  const colonne = (champ: string) => record.mapping[champ];
  for (const m of rapport.manquants) {
    const cells = Array.from({ length: width }, () => '');
    const identite: Record<string, string> = {
      numeroAllocataire: m.numeroAllocataire,
      nom: m.nom,
      prenom: m.prenom,
      dateNaissance: enTexte(m.dateNaissance),
    };
    for (const [champ, value] of Object.entries(identite)) {
      const i = colonne(champ);
      if (i !== null && i !== undefined && i < width) cells[i] = value;
    }
    rows.push([
      '',
      ...cells,
      nom(m),
      'Absent du fichier',
      "Ce travailleur attend un certificat d'emploi pour cette campagne et ne figure pas dans le fichier.",
    ]);
  }
  return csv(rows);
}
