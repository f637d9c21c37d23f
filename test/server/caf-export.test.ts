/**
 * R-CA-4: the export for treatment, read back — the CSV with csv-parse (BOM, `;`, French
 * headers, decimal comma, JJ/MM/AAAA), the XLSX with exceljs (typed cells, frozen header), the
 * JSON (contract names, ISO values) — and compared with the declarations of the store.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isoToday } from '../../forms/calendrier.ts';
import { declarationKinds, formDefinition, kindLabels } from '../../forms/index.ts';
import type { Data, DeclarationRecord } from '../../server/store/index.ts';
import { AGENT_92, AGENT_PARIS, call, ready, lire } from './helpers.ts';
import { jsonLines } from './process.ts';
import { HAUTS_DE_SEINE, PARIS, SIRET_SURESNES, cafSetup } from './caf-setup.ts';
import { heureParis, jourParis } from '../../server/caf-store.ts';

/** Every field name of §5–6, from forms/. */
const champs = [
  ...new Set(declarationKinds.flatMap((k) => formDefinition(k).fields.map((f) => f.name))),
];

const newestFirst = (data: Data, caf: string) =>
  data.declarations
    .filter((d) => d.caf === caf)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));

const frDate = (iso: string) => iso.split('-').reverse().join('/');

describe('GET /api/caf/export (R-CA-4)', () => {
  it('CSV: UTF-8 BOM, « ; », French headers, one row per declaration, decimal comma, JJ/MM/AAAA', async () => {
    const s = await cafSetup();
    const cookie = await ready(s.app, AGENT_PARIS);
    const r = await call(s.app, 'GET', '/api/caf/export?format=csv', { cookie });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(
      'attachment; filename="declarations-caf-751-2026-12-02.csv"',
    );
    expect(r.headers.get('cache-control')).toBe('no-store');
    const exportId = r.headers.get('x-export-id')!;
    expect([...r.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(r.bytes).toString('utf8').slice(1);
    const header = text.split('\r\n')[0].split(';');
    for (const name of [
      'Identifiant de la déclaration',
      'État',
      'Déclaration',
      'Date de dépôt',
      'E-mail du déclarant',
      'N° allocataire',
      'Nom',
      'Prénom',
      'Date de naissance',
      'SIRET',
      'Établissement',
    ])
      expect(header).toContain(name);
    // Every field of §5–6 in a column of its own.
    expect(header.length).toBe(15 + champs.length);
    const rows: Record<string, string>[] = parse(text, { delimiter: ';', columns: true });
    const data = await lire(s.store);
    const expected = newestFirst(data, PARIS);
    expect(rows.map((row) => row['Identifiant de la déclaration'])).toEqual(
      expected.map((d) => d.id),
    );
    for (const [i, d] of expected.entries()) {
      const row = rows[i];
      const w = data.workers.find((x) => x.id === d.workerId)!;
      expect(row['N° allocataire']).toBe(w.numeroAllocataire);
      expect(row.Nom).toBe(w.nom);
      expect(row['Prénom']).toBe(w.prenom);
      expect(row['Date de naissance']).toBe(frDate(w.dateNaissance));
      expect(row.SIRET).toBe(d.esat);
      expect(row['Date de dépôt']).toBe(frDate(isoToday(new Date(d.submittedAt))));
      expect(row['E-mail du déclarant']).toBe(d.userEmail);
      expect(row['Déclaration']).toBe(kindLabels[d.kind]);
      expect(row['État']).toBe(d.etat === 'traitee' ? 'Traitée' : 'À traiter');
      const values = Object.values(row).slice(15);
      for (const [j, name] of champs.entries()) {
        const v = d.data[name];
        const cell = values[j];
        if (v === undefined) expect(cell, name).toBe('');
        else if (typeof v === 'number') expect(cell, name).toBe(String(v).replace('.', ','));
        else if (/^\d{4}-\d{2}-\d{2}$/.test(String(v))) expect(cell, name).toBe(frDate(String(v)));
        else expect(cell.length, name).toBeGreaterThan(0);
      }
    }
    // A decimal comma is there (the demo's garanties end in ,5).
    expect(text).toMatch(/;\d+,5;/);
    expect((await lire(s.store)).exports).toEqual([
      {
        id: exportId,
        caf: PARIS,
        by: AGENT_PARIS,
        at: '2026-12-02T10:15:00.000Z',
        format: 'csv',
        declarationIds: expected.map((d) => d.id),
      },
    ]);
    const line = jsonLines(join(s.dir, 'audit.jsonl')).find((l) => l.action === 'export-caf');
    expect(line).toMatchObject({
      who: AGENT_PARIS,
      format: 'csv',
      export: exportId,
      count: expected.length,
    });
  });

  it('XLSX: typed cells (numbers, dates), header row frozen, the same rows as the declarations', async () => {
    const s = await cafSetup();
    const cookie = await ready(s.app, AGENT_92);
    const r = await call(s.app, 'GET', `/api/caf/export?format=xlsx&esat=${SIRET_SURESNES}`, {
      cookie,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(r.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => headers.indexOf(name) + 1;
    const data = await lire(s.store);
    const expected = newestFirst(data, HAUTS_DE_SEINE).filter((d) => d.esat === SIRET_SURESNES);
    expect(sheet.rowCount).toBe(expected.length + 1);
    expect(expected.some((d) => d.kind === 'augmentation')).toBe(true);
    const certificat = (d: DeclarationRecord) => d.kind === 'certificat';
    for (const [i, d] of expected.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('Identifiant de la déclaration')).value).toBe(d.id);
      const w = data.workers.find((x) => x.id === d.workerId)!;
      expect(row.getCell(col('N° allocataire')).value).toBe(w.numeroAllocataire);
      const naissance = row.getCell(col('Date de naissance')).value;
      expect(naissance).toBeInstanceOf(Date);
      expect((naissance as Date).toISOString().slice(0, 10)).toBe(w.dateNaissance);
      expect(row.getCell(col('Date de naissance')).numFmt).toBe('dd/mm/yyyy');
      const depot = row.getCell(col('Date de dépôt')).value as Date;
      expect(depot.toISOString().slice(0, 10)).toBe(isoToday(new Date(d.submittedAt)));
      if (certificat(d)) {
        const garantie = row.getCell(col('Montant net de la rémunération garantie')).value;
        expect(typeof garantie).toBe('number');
        expect(garantie).toBe(d.data.remunerationGarantie);
        expect(row.getCell(col('Campagne')).value).toBe(d.campaignYear);
      }
      if (d.kind === 'augmentation') {
        const taux = row.getCell(col("Taux d'activité après le changement (% d'un temps plein)"));
        expect(taux.value).toBe(d.data.tauxApres);
        const effet = row.getCell(col("Date d'effet")).value as Date;
        expect(effet.toISOString().slice(0, 10)).toBe(d.data.dateEffet);
      }
    }
  });

  it('JSON: the contract names and ISO values; the filter applies; 400 without a format', async () => {
    const s = await cafSetup();
    const cookie = await ready(s.app, AGENT_PARIS);
    const r = await call(
      s.app,
      'GET',
      '/api/caf/export?format=json&kind=certificat&from=2025-12-01&to=2025-12-31',
      { cookie },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(Buffer.from(r.bytes).toString('utf8'));
    expect(body.exportId).toBe(r.headers.get('x-export-id'));
    const data = await lire(s.store);
    const expected = newestFirst(data, PARIS).filter((d) => {
      const day = isoToday(new Date(d.submittedAt));
      return d.kind === 'certificat' && day >= '2025-12-01' && day <= '2025-12-31';
    });
    expect(expected.length).toBeGreaterThan(5);
    expect(body.declarations).toEqual(
      expected.map((d) => {
        const w = data.workers.find((x) => x.id === d.workerId)!;
        return {
          id: d.id,
          ...(d.reference ? { reference: d.reference } : {}),
          kind: d.kind,
          etat: d.etat ?? 'a-traiter',
          submittedAt: d.submittedAt,
          userEmail: d.userEmail,
          campaignYear: d.campaignYear,
          caf: PARIS,
          worker: {
            numeroAllocataire: w.numeroAllocataire,
            nom: w.nom,
            prenom: w.prenom,
            dateNaissance: w.dateNaissance,
          },
          esat: { siret: d.esat, name: 'Esat Les Ateliers de la Villette' },
          data: d.data,
        };
      }),
    );
    for (const query of ['', 'format=pdf', 'format=csv&etat=x']) {
      const bad = await call(s.app, 'GET', `/api/caf/export?${query}`, { cookie });
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.fields).toHaveLength(1);
    }
    expect((await lire(s.store)).exports).toHaveLength(1);
  });
});

describe('the Paris day and time of the exports', () => {
  it.each([
    ['2026-03-29T00:30:00.000Z', '2026-03-29', '01:30'],
    ['2026-03-29T01:30:00.000Z', '2026-03-29', '03:30'],
    ['2026-10-25T00:59:00.000Z', '2026-10-25', '02:59'],
    ['2026-10-25T01:01:00.000Z', '2026-10-25', '02:01'],
    ['2025-12-31T23:30:00.000Z', '2026-01-01', '00:30'],
    ['2026-06-30T22:15:00.000Z', '2026-07-01', '00:15'],
  ])('%s is %s at %s in Paris (summer and winter time)', (iso, day, time) => {
    expect(jourParis(iso)).toBe(day);
    expect(jourParis(iso)).toBe(isoToday(new Date(iso)));
    expect(heureParis(iso)).toBe(time);
  });
});
