/**
 * R-IM: the import of a payroll file over HTTP — real-looking files (Windows-1252 CSV with decimal
 * commas and title lines, XLSX with merged title rows and typed cells), the report's categories,
 * the mapping and the rows fixed, the envoi in batches with one accusé de réception, the limits,
 * the templates read back, and one Esat never seeing another's import.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { colonnesImport } from '../../forms/import.ts';
import type { Data, WorkerRecord } from '../../server/store/index.ts';
import {
  SURESNES,
  VILLETTE,
  call,
  identifier,
  onDisk,
  outbox,
  pdfText,
  ready,
  setup,
  worker,
  lire,
  reecrire,
} from './helpers.ts';
import { XLSX_TYPE, fr, ligne, upload, utf8, windows1252, xlsx } from './import-files.ts';

const ENTETES = [
  'N° allocataire',
  'Nom',
  'Prénom',
  'Date de naissance',
  'Nb mois RG',
  'RG nette',
  'Aide au poste (€)',
  '% Smic',
];

const villette751 = (data: Data) =>
  data.workers.filter((w) => w.esat === '44306184100062' && w.caf === '751');

async function declarant(options: Parameters<typeof setup>[0] = {}) {
  const s = await setup(options);
  const cookie = await ready(s.app, VILLETTE.declarant);
  return { ...s, cookie };
}

/**
 * A file of the demo Villette Esat for Paris with one row of each kind: 5 ready, 2 in error,
 * 1 already declared, 1 blocked (radié), 1 unknown, 1 ambiguous (a couple's shared number
 * without a first name), 1 matched by name and date of birth only.
 */
function fichierMixte(data: Data) {
  const w = (nom: string, prenom: string) => worker(data, nom, prenom);
  const rows = [
    ligne(w('BENALI', 'Karim')),
    ligne(w('ROUSSEAU', 'Lucie'), { rg: '1 100', aap: '650,5', sd: '' }),
    ligne(w('MÉNARD', 'Chloé'), { rg: '', aap: '700', sd: '35,5' }),
    ligne(w('DUPONT', 'Jérôme'), { rg: '1.234,56' }),
    // Row 9, in error: aide au poste above the garantie (R-CE-4).
    ligne(w('LEROY', 'Maëlle'), { rg: '900', aap: '950' }),
    // Row 10, in error: 13 months (R-CE-2).
    ligne(w('FABRE', 'Noémie'), { mois: '13' }),
    // Row 11: already declared (R-CE-6).
    ligne(w('CHÂTELAIN', 'Loïc')),
    // Row 12: radié (R-WK).
    ligne(w('TRAN', 'Minh')),
    // Row 13: nobody has this number, nor this name.
    ['7519999', 'INCONNU', 'Personne', '01/01/1980', '12', '1000', '500', ''],
    // Row 14: the LEFÈVRE couple share 7510001: without a first name, two workers.
    ['7510001', 'LEFEVRE', '', '', '12', '1000', '500', ''],
    // Row 15: no number, found by name + first name + date of birth, accents aside.
    [
      '',
      'DIALLO',
      'mamadou',
      fr(w('DIALLO', 'Mamadou').dateNaissance),
      '12',
      '1 000,00',
      '500',
      '',
    ],
  ];
  // Two title lines and a blank one above the header, as an Excel export writes them.
  const lines = [
    'Export paie - Esat Les Ateliers de la Villette;;;;;;;',
    'Période : novembre 2026;;;;;;;',
    ';;;;;;;',
    ENTETES.join(';'),
    ...rows.slice(0, 4).map((r) => r.join(';')),
    '',
    ...rows.slice(4).map((r) => r.join(';')),
    ';;;;;;;',
  ];
  return lines.join('\r\n') + '\r\n';
}

describe('R-IM-2/3/4: a Windows-1252 CSV with « ; », decimal commas and title lines', () => {
  it('is read (encoding, separator, header row), each row matched and checked; the report counts each category', async () => {
    const { app, cookie, data, store } = await declarant();
    // Row 11's worker already has this campaign's certificat (R-CE-6).
    const chatelain = worker(data, 'CHÂTELAIN', 'Loïc');
    const before = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: chatelain.id,
        kind: 'certificat',
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 1000, aideAuPoste: 500 },
      },
    });
    expect(before.status).toBe(201);

    const r = await upload(app, cookie, windows1252(fichierMixte(data)), {
      filename: 'paie novembre é.csv',
    });
    expect(r.status).toBe(201);
    expect(r.json.fichier).toEqual({
      nom: 'paie novembre é.csv',
      format: 'csv',
      encodage: 'windows-1252',
      separateur: ';',
      ligneEntete: 4,
    });
    expect(
      r.json.columns.map((c: { header: string; field: string }) => [c.header, c.field]),
    ).toEqual([
      ['N° allocataire', 'numeroAllocataire'],
      ['Nom', 'nom'],
      ['Prénom', 'prenom'],
      ['Date de naissance', 'dateNaissance'],
      ['Nb mois RG', 'moisRemunerationGarantie'],
      ['RG nette', 'remunerationGarantie'],
      ['Aide au poste (€)', 'aideAuPoste'],
      ['% Smic', 'salaireDirectPct'],
    ]);
    const report = r.json.report;
    expect(report.comptes).toEqual({
      lignes: 11,
      prets: 5,
      erreurs: 2,
      dejaDeclares: 1,
      bloques: 1,
      introuvables: 1,
      ambigus: 1,
      ignorees: 0,
      envoyes: 0,
      // 30 Paris workers, 28 whose file is open (not TRAN, radié, nor BLANCHARD), 27 without a
      // certificat yet (not CHÂTELAIN); the rows match 7 of them (the couple's row matches none).
      manquants: 28 - 1 - 7,
    });
    const byN = new Map(report.lignes.map((l: { n: number }) => [l.n, l]));
    // Row numbers are the file's: the header is line 4, a blank line after row 8.
    expect([...byN.keys()]).toEqual([5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16]);
    expect(byN.get(5)).toMatchObject({
      statut: 'pret',
      travailleur: {
        nom: 'BENALI',
        prenom: 'Karim',
        numeroAllocataire: worker(data, 'BENALI', 'Karim').numeroAllocataire,
      },
      data: { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 680 },
    });
    expect(byN.get(7)).toMatchObject({
      statut: 'pret',
      data: { aideAuPoste: 700, salaireDirectPct: 35.5 },
    });
    expect(byN.get(8)).toMatchObject({ statut: 'pret', data: { remunerationGarantie: 1234.56 } });
    expect(byN.get(10)).toMatchObject({
      statut: 'erreur',
      erreurs: [
        {
          champ: 'aideAuPoste',
          colonne: 'Aide au poste (€)',
          message:
            "L'aide au poste ne peut pas dépasser la rémunération garantie, qui la comprend.",
        },
      ],
    });
    expect(byN.get(11)).toMatchObject({
      statut: 'erreur',
      erreurs: [{ colonne: 'Nb mois RG', message: 'Le nombre de mois est compris entre 1 et 12.' }],
    });
    expect(byN.get(12)).toMatchObject({
      statut: 'deja-declare',
      message: "Un certificat d'emploi a déjà été enregistré pour ce travailleur le 02/12/2026.",
      declarationId: before.json.id,
    });
    expect(byN.get(13)).toMatchObject({
      statut: 'dossier-bloque',
      message: expect.stringContaining('radié'),
    });
    expect(byN.get(14)).toMatchObject({
      statut: 'introuvable',
      travailleur: null,
      message: expect.stringContaining('Caf de Paris'),
    });
    expect(byN.get(15)).toMatchObject({
      statut: 'ambigu',
      message:
        'Plusieurs travailleurs ont ce n° allocataire (LEFÈVRE Anne, LEFÈVRE Thomas) : indiquez le prénom.',
    });
    expect(byN.get(16)).toMatchObject({ statut: 'pret', travailleur: { nom: 'DIALLO' } });
    expect(report.totaux).toEqual({
      remunerationGarantie: 1234.56 + 1100 + 1234.56 + 1000,
      aideAuPoste: 680 + 650.5 + 700 + 680 + 500,
      salaireDirect: 1,
    });
    expect(report.manquants.map((m: WorkerRecord) => `${m.nom} ${m.prenom}`)).toContain(
      'LEFÈVRE Anne',
    );
    expect(report.manquants.map((m: WorkerRecord) => m.nom)).not.toContain('TRAN');
    // Nothing was declared by the check.
    expect((await lire(store)).declarations).toHaveLength(1);
    // The import is kept: rows, mapping and each row's status, to resume.
    const kept = (await lire(store)).imports[0];
    expect(kept).toMatchObject({
      id: r.json.id,
      esat: '44306184100062',
      caf: '751',
      status: 'verification',
    });
    expect(kept.rows.map((x) => x.statut)).toEqual(
      report.lignes.map((l: { statut: string }) => l.statut),
    );
  });

  it('a UTF-8 CSV with BOM, « , » and decimal points; a tab-separated one too', async () => {
    const { app, cookie, data } = await declarant();
    const [a, b] = villette751(data).filter((w) => w.dossier === 'actif' && !w.conjoint);
    const comma = [
      'Numéro allocataire,Nom,Prénom,Date de naissance,Mois,Rémunération garantie,Aide au poste',
      `${a.numeroAllocataire},${a.nom},${a.prenom},${a.dateNaissance},12,1234.56,680.5`,
      `${b.numeroAllocataire},${b.nom},${b.prenom},${a.dateNaissance},12,"1,234.56",680`,
    ].join('\n');
    const r = await upload(app, cookie, utf8(comma, true));
    expect(r.status).toBe(201);
    expect(r.json.fichier).toMatchObject({ encodage: 'utf-8', separateur: ',', ligneEntete: 1 });
    expect(r.json.report.lignes.map((l: { data: unknown }) => l.data)).toEqual([
      { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 680.5 },
      { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 680 },
    ]);
    // The number wins; the date of birth of a matched worker is not needed to find him…
    expect(r.json.report.lignes[0].statut).toBe('pret');
    // …but a date that contradicts the worker's is caught, as a wrong number would be.
    expect(r.json.report.lignes[1]).toMatchObject({
      statut: 'erreur',
      erreurs: [{ colonne: 'Numéro allocataire', message: expect.stringContaining(b.nom) }],
    });

    const tab = [
      'N° allocataire\tNom\tAide au poste\tRG',
      `${a.numeroAllocataire}\t${a.nom}\t680,00\t1 234,56`,
    ].join('\n');
    const t = await upload(app, cookie, utf8(tab));
    expect(t.status).toBe(201);
    expect(t.json.fichier.separateur).toBe('\t');
    expect(t.json.report.lignes[0].erreurs).toEqual([
      {
        champ: 'moisRemunerationGarantie',
        colonne: 'Mois de rémunération garantie',
        message: 'Indiquez le nombre de mois de perception de la rémunération garantie.',
      },
    ]);
  });
});

describe('R-IM: an XLSX export with merged title rows above the header and typed cells', () => {
  it('finds the header under the titles, reads numbers, dates and percentages as typed', async () => {
    const { app, cookie, data } = await declarant();
    const [a, b, c] = villette751(data).filter((w) => w.dossier === 'actif' && !w.conjoint);
    const bytes = await xlsx((sheet) => {
      sheet.mergeCells('A1:H1');
      sheet.getCell('A1').value = 'Certificats d’emploi — novembre 2026';
      sheet.mergeCells('A2:H2');
      sheet.getCell('A2').value = 'Esat Les Ateliers de la Villette';
      sheet.getRow(4).values = [
        'Num CAF',
        'NOM',
        'PRÉNOM',
        'Né(e) le',
        'Nombre de mois',
        'Rémunération garantie nette',
        'Montant aide au poste',
        'Salaire direct',
      ];
      const put = (row: number, w: WorkerRecord, values: ExcelJS.CellValue[]) => {
        sheet.getRow(row).values = [
          Number(w.numeroAllocataire),
          w.nom,
          w.prenom,
          new Date(`${w.dateNaissance}T00:00:00Z`),
          ...values,
        ];
      };
      put(5, a, [12, 1234.56, 680, null]);
      // Row 6 left blank; row 7 a formula's float noise and a percentage cell (0.355 → 35,5 %).
      put(7, b, [12, { formula: 'B1', result: 1200 * 1.1 }, 660.0000000000001, 0.355]);
      sheet.getCell('H7').numFmt = '0.0%';
      put(8, c, [12, 'mille', 500, null]);
    });
    const r = await upload(app, cookie, bytes, { type: XLSX_TYPE, filename: 'paie.xlsx' });
    expect(r.status).toBe(201);
    expect(r.json.fichier).toEqual({
      nom: 'paie.xlsx',
      format: 'xlsx',
      feuille: 'Paie novembre',
      ligneEntete: 4,
    });
    expect(r.json.columns.every((col: { field: string | null }) => col.field !== null)).toBe(true);
    const lignes = r.json.report.lignes;
    expect(lignes.map((l: { n: number }) => l.n)).toEqual([5, 7, 8]);
    expect(lignes[0]).toMatchObject({
      statut: 'pret',
      travailleur: { id: a.id },
      data: { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 680 },
    });
    expect(lignes[1]).toMatchObject({
      statut: 'pret',
      travailleur: { id: b.id },
      data: { remunerationGarantie: 1320, aideAuPoste: 660, salaireDirectPct: 35.5 },
      valeurs: { dateNaissance: fr(b.dateNaissance), salaireDirectPct: '35,5' },
    });
    expect(lignes[2]).toMatchObject({
      statut: 'erreur',
      erreurs: [
        {
          colonne: 'Rémunération garantie nette',
          message: 'Saisissez un montant en chiffres, par exemple 1 234,56.',
        },
      ],
    });
  });
});

describe('R-IM-1: the templates', () => {
  it('the CSV template: BOM, « ; », the columns of R-IM-1 and one example row; it imports back', async () => {
    const { app, cookie } = await declarant();
    const t = await call(app, 'GET', '/api/imports/modele.csv', { cookie });
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(t.headers.get('content-disposition')).toContain('modele-certificats.csv');
    const text = Buffer.from(t.bytes).toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, example] = text.slice(1).trim().split('\r\n');
    expect(header).toBe(colonnesImport.map((c) => c.entete).join(';'));
    expect(example.split(';')).toHaveLength(8);
    const back = await upload(app, cookie, t.bytes, { type: 'text/csv' });
    expect(back.status).toBe(201);
    expect(back.json.columns.map((c: { field: string }) => c.field)).toEqual(
      colonnesImport.map((c) => c.champ),
    );
    // The example row reads right, and names no worker of the demo world.
    expect(back.json.report.lignes).toEqual([
      expect.objectContaining({
        statut: 'introuvable',
        erreurs: [],
        data: {
          moisRemunerationGarantie: 12,
          remunerationGarantie: 1234.56,
          aideAuPoste: 680,
          salaireDirectPct: 35,
        },
      }),
    ]);
  });

  it('the XLSX template: typed example row, frozen header, a help sheet; it imports back', async () => {
    const { app, cookie } = await declarant();
    const t = await call(app, 'GET', '/api/imports/modele.xlsx', { cookie });
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(t.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Certificats', 'Aide']);
    const sheet = workbook.getWorksheet('Certificats')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A2').value).toBe('1234567');
    expect(sheet.getCell('D2').value).toBeInstanceOf(Date);
    expect(sheet.getCell('F2').value).toBe(1234.56);
    const aide = workbook.getWorksheet('Aide')!;
    expect(aide.getCell('A2').value).toBe('N° allocataire');
    expect(String(aide.getCell('D7').value)).toContain('RG nette');
    const back = await upload(app, cookie, t.bytes, { type: XLSX_TYPE });
    expect(back.status).toBe(201);
    expect(back.json.fichier.feuille).toBe('Certificats');
    expect(back.json.report.lignes).toEqual([
      expect.objectContaining({
        statut: 'introuvable',
        erreurs: [],
        data: {
          moisRemunerationGarantie: 12,
          remunerationGarantie: 1234.56,
          aideAuPoste: 680,
          salaireDirectPct: 35,
        },
      }),
    ]);
  });
});

describe('R-IM-2/4: the mapping changed, a row fixed in the page', () => {
  it('PUT mapping checks again with the new columns; a bad one is refused in French', async () => {
    const { app, cookie, data } = await declarant();
    const a = worker(data, 'BENALI', 'Karim');
    // The aide au poste is in a column the dictionary cannot name.
    const csv = [
      'N° allocataire;Nom;Mois;RG;Montant 2',
      `${a.numeroAllocataire};BENALI;12;1200;700`,
    ].join('\n');
    const r = await upload(app, cookie, utf8(csv));
    expect(r.status).toBe(201);
    expect(r.json.mapping.aideAuPoste).toBeNull();
    expect(r.json.report.lignes[0]).toMatchObject({
      statut: 'erreur',
      erreurs: [
        { colonne: 'Aide au poste', message: "Indiquez le montant net de l'aide au poste." },
      ],
    });
    const path = `/api/imports/${r.json.id}/mapping`;
    const ok = await call(app, 'PUT', path, {
      cookie,
      body: { mapping: { ...r.json.mapping, aideAuPoste: 4 } },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.columns[4]).toEqual({ index: 4, header: 'Montant 2', field: 'aideAuPoste' });
    expect(ok.json.report.lignes[0]).toMatchObject({ statut: 'pret', data: { aideAuPoste: 700 } });

    const twice = await call(app, 'PUT', path, {
      cookie,
      body: { mapping: { ...ok.json.mapping, nom: 0 } },
    });
    expect(twice.status).toBe(422);
    expect(twice.json.error.fields).toEqual([
      {
        path: '/mapping/nom',
        message: 'La colonne « N° allocataire » est déjà choisie pour « N° allocataire ».',
      },
    ]);
    const outside = await call(app, 'PUT', path, { cookie, body: { mapping: { aideAuPoste: 9 } } });
    expect(outside.status).toBe(422);
    expect(outside.json.error.fields[0]).toEqual({
      path: '/mapping/aideAuPoste',
      message: "Cette colonne n'existe pas dans le fichier.",
    });
    const noIdentity = await call(app, 'PUT', path, {
      cookie,
      body: { mapping: { aideAuPoste: 4, nom: 1 } },
    });
    expect(noIdentity.status).toBe(422);
    expect(noIdentity.json.error.code).toBe('correspondance-incomplete');
    const malformed = await call(app, 'PUT', path, { cookie, body: { mapping: 'x' } });
    expect(malformed.status).toBe(400);
  });

  it('PATCH a row: its retyped values win over the file, are checked again; a row can be left out', async () => {
    const { app, cookie, data, store } = await declarant();
    const r = await upload(app, cookie, windows1252(fichierMixte(data)));
    const path = (n: number) => `/api/imports/${r.json.id}/lignes/${n}`;
    const fixed = await call(app, 'PATCH', path(10), {
      cookie,
      body: { valeurs: { aideAuPoste: '850,00' } },
    });
    expect(fixed.status).toBe(200);
    const row10 = fixed.json.report.lignes.find((l: { n: number }) => l.n === 10);
    expect(row10).toMatchObject({
      statut: 'pret',
      corrigee: true,
      valeurs: { aideAuPoste: '850,00' },
      data: { aideAuPoste: 850, remunerationGarantie: 900 },
    });
    // 6 ready (nobody declared CHÂTELAIN here), and now row 10.
    expect(fixed.json.report.comptes.prets).toBe(7);
    // The ambiguous couple's row: the first name settles it.
    const couple = await call(app, 'PATCH', path(15), {
      cookie,
      body: { valeurs: { prenom: 'Thomas' } },
    });
    expect(couple.json.report.lignes.find((l: { n: number }) => l.n === 15)).toMatchObject({
      statut: 'pret',
      travailleur: { prenom: 'Thomas' },
    });
    // A wrong value typed: the saisie's message.
    const wrong = await call(app, 'PATCH', path(5), {
      cookie,
      body: { valeurs: { aideAuPoste: '-3' } },
    });
    expect(wrong.json.report.lignes.find((l: { n: number }) => l.n === 5).erreurs).toEqual([
      {
        champ: 'aideAuPoste',
        colonne: 'Aide au poste (€)',
        message: 'Le montant ne peut pas être négatif.',
      },
    ]);
    // null takes the file's value back.
    const back = await call(app, 'PATCH', path(5), {
      cookie,
      body: { valeurs: { aideAuPoste: null } },
    });
    expect(back.json.report.lignes.find((l: { n: number }) => l.n === 5)).toMatchObject({
      statut: 'pret',
      corrigee: false,
    });
    const ignored = await call(app, 'PATCH', path(14), { cookie, body: { ignorer: true } });
    expect(ignored.json.report.comptes).toMatchObject({ introuvables: 0, ignorees: 1 });
    // Kept in the store, to resume.
    expect((await lire(store)).imports[0].rows.find((x) => x.n === 10)?.corrections).toEqual({
      aideAuPoste: '850,00',
    });

    expect((await call(app, 'PATCH', path(99), { cookie, body: { valeurs: {} } })).status).toBe(
      404,
    );
    expect(
      (await call(app, 'PATCH', path(5), { cookie, body: { valeurs: { inconnu: '1' } } })).status,
    ).toBe(400);
  });

  it('a row naming the same worker twice is an error pointing at the first', async () => {
    const { app, cookie, data } = await declarant();
    const a = worker(data, 'BENALI', 'Karim');
    const csv = [ENTETES.join(';'), ligne(a).join(';'), ligne(a, { rg: '1300' }).join(';')].join(
      '\n',
    );
    const r = await upload(app, cookie, utf8(csv));
    expect(r.json.report.lignes[1]).toMatchObject({
      statut: 'erreur',
      erreurs: [
        {
          message:
            'Ce travailleur figure déjà à la ligne 2 du fichier : une seule ligne par travailleur.',
        },
      ],
    });
  });
});

describe('R-IM-5: the envoi in batches', () => {
  it('sends the ready rows batch by batch, each a normal declaration; one accusé de réception for the import', async () => {
    const { app, cookie, data, dir, store } = await declarant();
    const workers = villette751(data)
      .filter((w) => w.dossier === 'actif' && !w.conjoint)
      .slice(0, 7);
    const csv = [ENTETES.join(';'), ...workers.map((w) => ligne(w).join(';'))].join('\n');
    const r = await upload(app, cookie, utf8(csv), { filename: 'paie.csv' });
    expect(r.json.report.comptes.prets).toBe(7);
    const envoi = () => call(app, 'POST', `/api/imports/${r.json.id}/envoi?lot=3`, { cookie });

    const steps = [];
    for (let i = 0; i < 5; i++) {
      const step = await envoi();
      expect(step.status).toBe(200);
      steps.push(step.json);
      // Each batch is on disk before its answer.
      expect((await onDisk(dir)).declarations).toHaveLength(step.json.envoyes);
      if (step.json.restants === 0) break;
    }
    expect(steps).toEqual([
      { envoyes: 3, restants: 4, erreurs: 0, lot: 3, termine: false },
      { envoyes: 6, restants: 1, erreurs: 0, lot: 3, termine: false },
      { envoyes: 7, restants: 0, erreurs: 0, lot: 1, termine: true },
    ]);
    // Each certificat is the worker's, with the file's values, its own key and its own PDF.
    const declared = (await lire(store)).declarations;
    expect(new Set(declared.map((d) => d.workerId))).toEqual(new Set(workers.map((w) => w.id)));
    expect(declared[0]).toMatchObject({
      kind: 'certificat',
      campaignYear: 2026,
      userEmail: VILLETTE.declarant,
      data: { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 680 },
      idempotencyKey: `import:${r.json.id}:2`,
    });
    const pdf = await call(app, 'GET', `/api/declarations/${declared[0].id}/pdf`, { cookie });
    expect(pdf.status).toBe(200);
    const fiche = await call(app, 'GET', `/api/workers/${workers[0].id}`, { cookie });
    expect(fiche.json.history).toEqual([
      expect.objectContaining({ id: declared[0].id, kind: 'certificat' }),
    ]);

    // One mail for the import, with the count, without names or amounts.
    const mails = outbox(dir);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Accusé de réception : 7 certificats d'emploi importés");
    expect(mails[0].text).toContain('« paie.csv »');
    expect(mails[0].text).toContain("7 certificats d'emploi ont été enregistrés");
    // The import's short reference, the one on its summary PDF and its last screen.
    expect(r.json.reference).toMatch(/^IM-\d{4}-\d{6}$/);
    expect(mails[0].text).toContain(`Référence de l'import : ${r.json.reference}`);
    expect(mails[0].text).not.toContain(r.json.id);
    for (const w of workers) expect(mails[0].text).not.toContain(w.nom);
    // No amount in clear.
    expect(mails[0].text).not.toMatch(/1 ?234|680/);

    // Audit: the import created, each declaration, the import sent.
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.filter((a) => a.action === 'import-cree')).toEqual([
      expect.objectContaining({ who: VILLETTE.declarant, import: r.json.id }),
    ]);
    expect(audit.filter((a) => a.action === 'declaration-creee')).toHaveLength(7);
    expect(audit.filter((a) => a.action === 'import-envoye')).toEqual([
      expect.objectContaining({ who: VILLETTE.declarant, import: r.json.id }),
    ]);

    // Finished: no longer offered on the accueil; sending again sends nothing, mails nothing.
    expect((await call(app, 'GET', '/api/imports', { cookie })).json).toEqual([]);
    expect((await envoi()).json).toEqual({
      envoyes: 7,
      restants: 0,
      erreurs: 0,
      lot: 0,
      termine: true,
    });
    expect(outbox(dir)).toHaveLength(1);
    expect((await lire(store)).declarations).toHaveLength(7);
    const done = await call(app, 'GET', `/api/imports/${r.json.id}`, { cookie });
    expect(done.json).toMatchObject({
      status: 'termine',
      accuseEnvoye: true,
      report: { comptes: { envoyes: 7, prets: 0 } },
    });
    const patch = await call(app, 'PATCH', `/api/imports/${r.json.id}/lignes/2`, {
      cookie,
      body: { valeurs: { aideAuPoste: '1' } },
    });
    expect(patch.status).toBe(409);
  });

  it('a certificat whose import note was lost is found again by its key: resumed, never declared twice', async () => {
    const { app, cookie, data, store } = await declarant();
    const workers = villette751(data)
      .filter((w) => w.dossier === 'actif' && !w.conjoint)
      .slice(0, 7);
    const csv = [ENTETES.join(';'), ...workers.map((w) => ligne(w).join(';'))].join('\n');
    const r = await upload(app, cookie, utf8(csv));
    const envoi = () => call(app, 'POST', `/api/imports/${r.json.id}/envoi?lot=3`, { cookie });
    expect((await envoi()).json).toMatchObject({ envoyes: 3, restants: 4 });
    // As if the import's record had not kept its note of the batch (an older copy of it).
    await reecrire(store, async (db) => {
      for (const row of db.imports[0].rows) {
        row.statut = 'pret';
        delete row.declarationId;
      }
      db.imports[0].status = 'verification';
    });
    const reopened = await call(app, 'GET', `/api/imports/${r.json.id}`, { cookie });
    expect(reopened.json.report.comptes).toMatchObject({ envoyes: 3, prets: 4, dejaDeclares: 0 });
    expect((await envoi()).json).toMatchObject({ envoyes: 6, restants: 1, lot: 3 });
    expect((await envoi()).json).toMatchObject({ envoyes: 7, restants: 0, lot: 1, termine: true });
    const declared = (await lire(store)).declarations;
    expect(declared).toHaveLength(7);
    expect(new Set(declared.map((d) => d.workerId)).size).toBe(7);
  });

  it('the report CSV (BOM, « ; », an « Erreur » column, missing workers) and the summary PDF', async () => {
    const { app, cookie, data, store } = await declarant();
    const r = await upload(app, cookie, windows1252(fichierMixte(data)));
    const csv = await call(app, 'GET', `/api/imports/${r.json.id}/rapport.csv`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(csv.bytes).toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(rows[0]).toEqual(['Ligne', ...ENTETES, 'Travailleur reconnu', 'Statut', 'Erreur']);
    const row10 = rows.find((x) => x[0] === '10')!;
    expect(row10.at(-2)).toBe('À corriger');
    expect(row10.at(-1)).toBe(
      "Aide au poste (€) : L'aide au poste ne peut pas dépasser la rémunération garantie, qui la comprend.",
    );
    expect(rows.find((x) => x[0] === '5')!.slice(-3, -1)).toEqual([
      expect.stringContaining('BENALI Karim'),
      'Prête à envoyer',
    ]);
    const missing = rows.filter((x) => x.at(-2) === 'Absent du fichier');
    expect(missing).toHaveLength(r.json.report.comptes.manquants);
    const anne = missing.find((x) => x[2] === 'LEFÈVRE' && x[3] === 'Anne')!;
    expect(anne[1]).toBe(worker(data, 'LEFÈVRE', 'Anne').numeroAllocataire);

    await call(app, 'POST', `/api/imports/${r.json.id}/envoi`, { cookie });
    const pdf = await call(app, 'GET', `/api/imports/${r.json.id}/pdf`, { cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const drawn = pdfText(pdf.bytes);
    expect(drawn).toContain("Import de certificats d'emploi");
    expect(drawn).toContain(`Référence de l'import : ${r.json.reference}`);
    expect(drawn).not.toContain(r.json.id);
    expect(drawn).toContain('Certificats envoyés : 6');
    expect(drawn).toContain('Lignes à corriger : 2');
    expect(drawn).toContain('BENALI Karim');
    // Each certificat sent by its short reference (R-FL-5), as on Fin and in its own PDF.
    const envoyes = (await lire(store)).declarations;
    expect(envoyes).toHaveLength(6);
    for (const d of envoyes) {
      expect(drawn).toContain(d.reference!);
      expect(drawn).not.toContain(d.id);
    }
  });

  it('a row refused when sent (declared meanwhile by a colleague) is counted, the rest goes', async () => {
    const { app, cookie, data, store } = await declarant();
    const [a, b] = villette751(data).filter((w) => w.dossier === 'actif' && !w.conjoint);
    const csv = [ENTETES.join(';'), ligne(a).join(';'), ligne(b).join(';')].join('\n');
    const r = await upload(app, cookie, utf8(csv));
    const colleague = await ready(app, VILLETTE.referent);
    const direct = await call(app, 'POST', '/api/declarations', {
      cookie: colleague,
      body: {
        workerId: a.id,
        kind: 'certificat',
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 900, aideAuPoste: 400 },
      },
    });
    expect(direct.status).toBe(201);
    const step = await call(app, 'POST', `/api/imports/${r.json.id}/envoi`, { cookie });
    expect(step.json).toMatchObject({ envoyes: 1, restants: 0, termine: true });
    const after = await call(app, 'GET', `/api/imports/${r.json.id}`, { cookie });
    expect(after.json.report.lignes.map((l: { statut: string }) => l.statut)).toEqual([
      'deja-declare',
      'envoye',
    ]);
    expect((await lire(store)).declarations.filter((d) => d.workerId === a.id)).toHaveLength(1);
  });

  it('the user’s unfinished imports are listed for the accueil; DELETE abandons one', async () => {
    const { app, cookie, data, store } = await declarant();
    const r = await upload(app, cookie, windows1252(fichierMixte(data)), { filename: 'a.csv' });
    const list = await call(app, 'GET', '/api/imports', { cookie });
    expect(list.json).toEqual([
      expect.objectContaining({
        id: r.json.id,
        status: 'verification',
        fichier: { nom: 'a.csv' },
        lignes: 11,
        prets: 6,
        envoyes: 0,
      }),
    ]);
    const colleague = await ready(app, VILLETTE.referent);
    expect((await call(app, 'GET', '/api/imports', { cookie: colleague })).json).toEqual([]);
    // Each import its own short reference, the next one of the campaign's sequence.
    const autre = await upload(app, colleague, windows1252(fichierMixte(data)), {
      filename: 'b.csv',
    });
    const [, annee, n] = /^IM-(\d{4})-(\d{6})$/.exec(r.json.reference)!;
    expect(autre.json.reference).toBe(`IM-${annee}-${String(Number(n) + 1).padStart(6, '0')}`);
    expect((await call(app, 'DELETE', `/api/imports/${r.json.id}`, { cookie })).status).toBe(204);
    expect((await lire(store)).imports.map((i) => i.id)).toEqual([autre.json.id]);
    expect((await call(app, 'GET', `/api/imports/${r.json.id}`, { cookie })).status).toBe(404);
  });
});

describe('R-IM: limits and refusals, in French', () => {
  it('413 over 2 MB, 422 over 2 000 rows, 415 for another type, 422 without a header row or for .xls', async () => {
    const { app, cookie, data } = await declarant();
    const a = worker(data, 'BENALI', 'Karim');
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41);
    const tooBig = await upload(app, cookie, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error).toEqual({
      code: 'fichier-trop-gros',
      message: 'Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers.',
    });
    const many = [
      ENTETES.join(';'),
      ...Array.from({ length: 2001 }, () => ligne(a).join(';')),
    ].join('\n');
    const tooMany = await upload(app, cookie, utf8(many));
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error.message).toBe(
      'Le fichier compte 2\u202f001 lignes ; un import en accepte au plus 2\u202f000. Découpez-le en plusieurs fichiers.',
    );
    const json = await upload(app, cookie, utf8('{}'), { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.json.error.message).toBe('Envoyez un fichier CSV ou Excel (.xlsx).');
    const noHeader = await upload(app, cookie, utf8('a;b;c\n1;2;3\n'));
    expect(noHeader.status).toBe(422);
    expect(noHeader.json.error.code).toBe('entete-introuvable');
    const xls = await upload(app, cookie, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    expect(xls.status).toBe(422);
    expect(xls.json.error.message).toContain('.xls');
    const broken = await upload(app, cookie, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), {
      type: XLSX_TYPE,
    });
    expect(broken.status).toBe(422);
    expect(broken.json.error.code).toBe('fichier-illisible');
    const empty = await upload(app, cookie, new Uint8Array(0));
    expect(empty.status).toBe(422);
    const headerOnly = await upload(app, cookie, utf8(ENTETES.join(';')));
    expect(headerOnly.status).toBe(422);
    expect(headerOnly.json.error.code).toBe('fichier-sans-lignes');
    // The other routes keep the 64 kB limit of the API.
    const hugeJson = await call(app, 'PUT', `/api/drafts/${a.id}`, {
      cookie,
      body: { teleprocedure: 'certificat', saisie: { x: 'y'.repeat(70_000) } },
    });
    expect(hugeJson.status).toBe(413);
  });

  it('R-CE-1: outside the campaign no import is taken', async () => {
    const { app, cookie, data } = await declarant({ day: '2027-03-15' });
    const csv = [ENTETES.join(';'), ligne(worker(data, 'BENALI', 'Karim')).join(';')].join('\n');
    const r = await upload(app, cookie, utf8(csv));
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('campagne-fermee');
  });

  it('R-AC-7: the Caf whose identifiant was not given is closed to imports until it is', async () => {
    const { app, cookie, data } = await declarant();
    const w = villette751(data)[0];
    const csv = [ENTETES.join(';'), ligne(w).join(';')].join('\n');
    const r = await upload(app, cookie, utf8(csv), { caf: '921' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('identifiant-requis');
    expect((await upload(app, cookie, utf8(csv), { caf: '999' })).status).toBe(404);
    await identifier(app, cookie, '921', '92101');
    const ok = await upload(app, cookie, utf8(csv), { caf: '921' });
    expect(ok.status).toBe(201);
    // A Paris worker is not one of the Hauts-de-Seine's.
    expect(ok.json.report.lignes[0].statut).toBe('introuvable');
  });

  it('CSRF: a file posted without the session’s token is refused', async () => {
    const { app, cookie } = await declarant();
    const res = await app.request('/api/imports?caf=751', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'text/csv' },
      body: 'x',
    });
    expect(res.status).toBe(403);
  });
});

describe('R-IM: one Esat never sees another’s import', () => {
  it('another Esat’s import is unknown (404) on every route; its workers are not matched', async () => {
    const { app, cookie, data } = await declarant();
    const fontaine = worker(data, 'FONTAINE', 'Hugo');
    const benali = worker(data, 'BENALI', 'Karim');
    const csv = [ENTETES.join(';'), ligne(benali).join(';'), ligne(fontaine).join(';')].join('\n');
    const r = await upload(app, cookie, utf8(csv));
    // Suresnes' worker is not a Villette worker.
    expect(r.json.report.lignes.map((l: { statut: string }) => l.statut)).toEqual([
      'pret',
      'introuvable',
    ]);
    const other = await ready(app, SURESNES.declarant);
    const id = r.json.id;
    for (const [method, path, body] of [
      ['GET', `/api/imports/${id}`],
      ['PUT', `/api/imports/${id}/mapping`, { mapping: r.json.mapping }],
      ['PATCH', `/api/imports/${id}/lignes/2`, { valeurs: {} }],
      ['GET', `/api/imports/${id}/rapport.csv`],
      ['POST', `/api/imports/${id}/envoi`],
      ['GET', `/api/imports/${id}/pdf`],
      ['DELETE', `/api/imports/${id}`],
    ] as const) {
      const res = await call(app, method, path, { cookie: other, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('import-inconnu');
    }
    expect((await call(app, 'GET', '/api/imports', { cookie: other })).json).toEqual([]);
    expect((await call(app, 'GET', `/api/imports/${id}`, { cookie })).status).toBe(200);
    // An agent has no Espace Esat.
    const agent = await ready(app, 'agent@caf-paris.test');
    expect((await call(app, 'GET', `/api/imports/${id}`, { cookie: agent })).status).toBe(403);
  });
});

describe('« Même montants que l’an dernier »', () => {
  it('gives last campaign’s certificat of the worker, as data and as typed text; 404 otherwise', async () => {
    const { app, cookie, data, store } = await declarant();
    const benali = worker(data, 'BENALI', 'Karim');
    const previous = {
      moisRemunerationGarantie: 11,
      remunerationGarantie: 1234.5,
      aideAuPoste: 700,
      salaireDirectPct: 30,
    };
    await reecrire(store, async (db) => {
      for (const [year, at, values] of [
        [2024, '2024-12-12T09:00:00Z', { ...previous, aideAuPoste: 1 }],
        [2025, '2025-12-15T09:00:00Z', previous],
      ] as const) {
        db.declarations.push({
          id: randomUUID(),
          kind: 'certificat',
          workerId: benali.id,
          esat: benali.esat,
          caf: benali.caf,
          userEmail: VILLETTE.declarant,
          data: values,
          campaignYear: year,
          submittedAt: at,
        });
      }
    });
    const r = await call(app, 'GET', `/api/workers/${benali.id}/certificat-precedent`, { cookie });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      campaignYear: 2025,
      submittedAt: '2025-12-15T09:00:00Z',
      data: previous,
      saisie: {
        moisRemunerationGarantie: '11',
        remunerationGarantie: '1 234,5',
        aideAuPoste: '700',
        salaireDirectPct: '30',
      },
    });
    const none = await call(
      app,
      'GET',
      `/api/workers/${worker(data, 'ROUSSEAU', 'Lucie').id}/certificat-precedent`,
      { cookie },
    );
    expect(none.status).toBe(404);
    expect(none.json.error.message).toBe(
      "Aucun certificat d'emploi n'a été enregistré pour ce travailleur lors de la campagne précédente.",
    );
    const other = await ready(app, SURESNES.declarant);
    const foreign = await call(app, 'GET', `/api/workers/${benali.id}/certificat-precedent`, {
      cookie: other,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('travailleur-inconnu');
  });
});
