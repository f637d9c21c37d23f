/**
 * R-CA-8, R-CE-6, R-CA-5/6 from the Esat's side: who is left in the campaign (`GET /api/cafs`
 * `suivi`), the certificat of the campaign on each worker (`GET /api/workers`, the fiche), the
 * « sans certificat » filter, and the history's reference and état. The Caf's records (relances,
 * états) are written directly into the store, as the Caf's routes write them.
 */
import { describe, expect, it } from 'vitest';
import { call, ready, setup, VILLETTE, worker, reecrire } from './helpers.ts';

const certificat = {
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1234.56,
  aideAuPoste: 700,
};

async function esat(day = '2026-12-10') {
  const s = await setup({ day });
  const cookie = await ready(s.app, VILLETTE.declarant);
  const declarer = async (nom: string, prenom: string) => {
    const r = await call(s.app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId: worker(s.data, nom, prenom).id, kind: 'certificat', data: certificat },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json;
  };
  const villette = s.data.esats.find((e) => e.name.includes('Villette'))!;
  /** The Villette Esat's workers of the Caf de Paris whose file is actif, counted from the data. */
  const actifsParis = s.data.workers.filter(
    (w) => w.esat === villette.siret && w.caf === '751' && w.dossier === 'actif',
  );
  return { ...s, cookie, declarer, villette, actifsParis };
}

describe('GET /api/cafs: suivi (R-CA-8)', () => {
  it('R-CA-8: during the campaign, attendus, declares, restants and the 15 January deadline', async () => {
    const { app, cookie, declarer, actifsParis } = await esat();
    await declarer('BENALI', 'Karim');
    await declarer('LEFÈVRE', 'Anne');
    const r = await call(app, 'GET', '/api/cafs', { cookie });
    expect(r.status).toBe(200);
    const paris = r.json.find((c: { code: string }) => c.code === '751');
    expect(paris.suivi).toEqual({
      year: 2026,
      deadline: '2027-01-15',
      attendus: actifsParis.length,
      declares: 2,
      restants: actifsParis.length - 2,
      relance: null,
    });
  });

  it('R-CA-8: outside the campaign the suivi is null', async () => {
    const { app, cookie } = await esat('2026-06-10');
    const r = await call(app, 'GET', '/api/cafs', { cookie });
    expect(r.json.map((c: { suivi: unknown }) => c.suivi)).toEqual(r.json.map(() => null));
  });

  it('R-CA-6: the last reminder of this Caf for this Esat and campaign, while some are missing', async () => {
    const { app, cookie, store, villette } = await esat();
    await reecrire(store, async (data) => {
      data.relances.push(
        {
          id: 'r1',
          caf: '751',
          siret: villette.siret,
          year: 2026,
          at: '2026-12-05T09:00:00.000Z',
          by: 'agent@caf-paris.test',
          manquants: 29,
        },
        {
          id: 'r2',
          caf: '751',
          siret: villette.siret,
          year: 2026,
          at: '2026-12-08T09:00:00.000Z',
          by: 'agent@caf-paris.test',
          manquants: 28,
        },
        {
          id: 'r3',
          caf: '751',
          siret: villette.siret,
          year: 2025,
          at: '2026-12-09T09:00:00.000Z',
          by: 'agent@caf-paris.test',
          manquants: 3,
        },
        {
          id: 'r4',
          caf: '751',
          siret: '00000000000000',
          year: 2026,
          at: '2026-12-09T09:00:00.000Z',
          by: 'agent@caf-paris.test',
          manquants: 1,
        },
      );
    });
    const r = await call(app, 'GET', '/api/cafs', { cookie });
    const paris = r.json.find((c: { code: string }) => c.code === '751');
    expect(paris.suivi.relance).toEqual({ at: '2026-12-08T09:00:00.000Z', manquants: 28 });
  });

  it('R-CA-6: no reminder shown once every certificat is declared', async () => {
    const { app, cookie, store, villette, actifsParis } = await esat();
    await reecrire(store, async (data) => {
      data.relances.push({
        id: 'r1',
        caf: '751',
        siret: villette.siret,
        year: 2026,
        at: '2026-12-05T09:00:00.000Z',
        by: 'agent@caf-paris.test',
        manquants: 2,
      });
      for (const w of actifsParis) {
        data.declarations.push({
          id: `d-${w.id}`,
          kind: 'certificat',
          workerId: w.id,
          esat: w.esat,
          caf: w.caf,
          userEmail: VILLETTE.declarant,
          data: certificat,
          campaignYear: 2026,
          submittedAt: '2026-12-04T10:00:00.000Z',
        });
      }
    });
    const paris = (await call(app, 'GET', '/api/cafs', { cookie })).json.find(
      (c: { code: string }) => c.code === '751',
    );
    expect(paris.suivi).toMatchObject({ restants: 0, declares: actifsParis.length, relance: null });
  });

  it('R-AC-7: a Caf whose identifiant is not given yet tells nothing of its files', async () => {
    const { app, cookie } = await esat();
    const r = await call(app, 'GET', '/api/cafs', { cookie });
    const hds = r.json.find((c: { code: string }) => c.code === '921');
    expect(hds).toMatchObject({ identifiantRequis: true, suivi: null });
  });
});

describe('GET /api/workers: certificat of the campaign (R-CA-8, R-CE-6)', () => {
  it('R-CA-8: each worker carries its certificat of the campaign, or null', async () => {
    const { app, cookie, declarer } = await esat();
    const accuse = await declarer('BENALI', 'Karim');
    const r = await call(app, 'GET', '/api/workers?caf=751&pageSize=100', { cookie });
    const benali = r.json.items.find((w: { nom: string }) => w.nom === 'BENALI');
    expect(benali.certificat).toEqual({
      id: accuse.id,
      reference: accuse.reference,
      submittedAt: accuse.submittedAt,
      etat: 'a-traiter',
    });
    const others = r.json.items.filter((w: { nom: string }) => w.nom !== 'BENALI');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((w: { certificat: unknown }) => w.certificat === null)).toBe(true);
  });

  it('R-CA-8: ?sansCertificat=1 keeps the workers without one, and counts them', async () => {
    const { app, cookie, declarer, data, villette } = await esat();
    await declarer('BENALI', 'Karim');
    await declarer('LEFÈVRE', 'Thomas');
    const all = await call(app, 'GET', '/api/workers?caf=751&pageSize=100', { cookie });
    const left = await call(app, 'GET', '/api/workers?caf=751&pageSize=100&sansCertificat=1', {
      cookie,
    });
    expect(left.status).toBe(200);
    const paris = data.workers.filter((w) => w.esat === villette.siret && w.caf === '751');
    expect(all.json.total).toBe(paris.length);
    expect(left.json.total).toBe(paris.length - 2);
    expect(
      left.json.items.map((w: { nom: string; prenom: string }) => `${w.nom} ${w.prenom}`),
    ).not.toContain('BENALI Karim');
    expect(left.json.items.every((w: { certificat: unknown }) => w.certificat === null)).toBe(true);
  });

  it('R-CA-8: a bad sansCertificat value is a 400 naming the parameter', async () => {
    const { app, cookie } = await esat();
    const r = await call(app, 'GET', '/api/workers?sansCertificat=peut-etre', { cookie });
    expect(r.status).toBe(400);
    expect(r.json.error.fields).toEqual([{ path: '/sansCertificat', message: expect.any(String) }]);
  });

  it('R-CA-8: outside the campaign the workers carry no certificat field', async () => {
    const { app, cookie } = await esat('2026-06-10');
    const r = await call(app, 'GET', '/api/workers?caf=751', { cookie });
    expect(r.json.items.length).toBeGreaterThan(0);
    expect(r.json.items.some((w: object) => 'certificat' in w)).toBe(false);
  });

  it('R-CE-6: the fiche says the certificat is declared, with its reference and date', async () => {
    const { app, cookie, declarer, data } = await esat();
    const accuse = await declarer('BENALI', 'Karim');
    const benali = worker(data, 'BENALI', 'Karim');
    const fiche = await call(app, 'GET', `/api/workers/${benali.id}`, { cookie });
    expect(fiche.json.certificat).toEqual({
      id: accuse.id,
      reference: accuse.reference,
      submittedAt: accuse.submittedAt,
      etat: 'a-traiter',
    });
    const anne = worker(data, 'LEFÈVRE', 'Anne');
    expect(
      (await call(app, 'GET', `/api/workers/${anne.id}`, { cookie })).json.certificat,
    ).toBeNull();
  });
});

describe('GET /api/workers/:id: history with reference and état (R-CA-5)', () => {
  it('R-CA-5: a declaration marked traitée says when; one reverted is à traiter again', async () => {
    const { app, cookie, declarer, data, store } = await esat();
    const accuse = await declarer('BENALI', 'Karim');
    const benali = worker(data, 'BENALI', 'Karim');
    const fiche = async () =>
      (await call(app, 'GET', `/api/workers/${benali.id}`, { cookie })).json;
    expect((await fiche()).history).toEqual([
      {
        id: accuse.id,
        kind: 'certificat',
        submittedAt: accuse.submittedAt,
        reference: accuse.reference,
        etat: 'a-traiter',
        traiteeLe: null,
      },
    ]);
    const setEtat = (etat: 'a-traiter' | 'traitee', at: string) =>
      reecrire(store, async (db) => {
        const d = db.declarations.find((x) => x.id === accuse.id)!;
        d.etat = etat;
        d.etatHistory = [
          ...(d.etatHistory ?? []),
          {
            etat,
            at,
            by: 'agent@caf-paris.test',
            ...(etat === 'a-traiter' ? { motif: 'erreur' } : {}),
          },
        ];
      });
    await setEtat('traitee', '2026-12-11T08:00:00.000Z');
    await setEtat('a-traiter', '2026-12-12T08:00:00.000Z');
    await setEtat('traitee', '2026-12-13T08:00:00.000Z');
    expect((await fiche()).history[0]).toMatchObject({
      etat: 'traitee',
      traiteeLe: '2026-12-13T08:00:00.000Z',
    });
    expect((await fiche()).certificat.etat).toBe('traitee');
    await setEtat('a-traiter', '2026-12-14T08:00:00.000Z');
    expect((await fiche()).history[0]).toMatchObject({ etat: 'a-traiter', traiteeLe: null });
  });
});

describe('R-FL-5: the short reference', () => {
  it('R-FL-5: CE for a certificat, CS for a changement, the year, a sequence per prefix and year', async () => {
    const { app, cookie, declarer, data, dir } = await esat();
    const first = await declarer('BENALI', 'Karim');
    const second = await declarer('LEFÈVRE', 'Anne');
    expect(first.reference).toBe('CE-2026-000001');
    expect(second.reference).toBe('CE-2026-000002');
    const changement = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: worker(data, 'BENALI', 'Karim').id,
        kind: 'reduction',
        data: {
          dateEffet: '2026-12-01',
          tauxAvant: 80,
          tauxApres: 50,
          aideAuPoste: 500,
          remunerationGarantie: 900,
        },
      },
    });
    expect(changement.status, JSON.stringify(changement.json)).toBe(201);
    expect(changement.json.reference).toBe('CS-2026-000001');
    const { outbox } = await import('./helpers.ts');
    expect(outbox(dir).map((m) => m.text.match(/Référence : (\S+)/)?.[1])).toEqual([
      'CE-2026-000001',
      'CE-2026-000002',
      'CS-2026-000001',
    ]);
  });

  it('R-FL-5: a certificat recorded in January carries its campaign year', async () => {
    const { declarer } = await esat('2027-01-10');
    expect((await declarer('BENALI', 'Karim')).reference).toBe('CE-2026-000001');
  });
});
