import { beforeAll, describe, expect, it } from 'vitest';
import { cas, sansVides, TODAY } from '../forms/changement.cases.ts';
import { VILLETTE, call, pdfText, ready, setup, worker, type Setup } from './helpers.ts';

let s: Setup;
let cookie: string;
let workerId: string;

beforeAll(async () => {
  s = await setup({ day: TODAY });
  cookie = await ready(s.app, VILLETTE.declarant);
  workerId = worker(s.data, 'BENALI', 'Karim').id;
});

describe('POST /api/declarations: the server refuses what the validator refuses (R-CS)', () => {
  it.each(cas)('$rule: $why', async ({ kind, data, errors, message }) => {
    const r = await call(s.app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId, kind, data: sansVides(data) },
    });
    if (errors.length === 0) {
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ kind, workerId });
    } else {
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('validation');
      expect(r.json.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(
        [...errors].sort(),
      );
      if (message) expect(r.json.error.fields[0].message).toBe(message);
    }
  });

  it('every changement appears in the history with its PDF naming the declaration', async () => {
    const fiche = await call(s.app, 'GET', `/api/workers/${workerId}`, { cookie });
    const kinds = new Set(fiche.json.history.map((h: { kind: string }) => h.kind));
    expect([...kinds].sort()).toEqual([
      'augmentation',
      'depart',
      'double-debut',
      'double-fin',
      'double-modification',
      'reduction',
    ]);
    const depart = fiche.json.history.find((h: { kind: string }) => h.kind === 'depart');
    const pdf = await call(s.app, 'GET', `/api/declarations/${depart.id}/pdf`, { cookie });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(pdf.bytes);
    expect(text).toContain("départ de l'établissement");
    expect(text).toContain('Motif du départ');
  });
});
