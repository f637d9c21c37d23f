import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import {
  AGENT_92,
  AGENT_PARIS,
  SURESNES,
  VILLETTE,
  call,
  onDisk,
  outbox,
  pdfText,
  ready,
  setup,
  worker,
  reecrire,
} from './helpers.ts';
import { createApp } from '../../server/app.ts';

const certificat = {
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1234.56,
  aideAuPoste: 700,
};

async function declarant(options: Parameters<typeof setup>[0] = {}) {
  const s = await setup(options);
  const cookie = await ready(s.app, VILLETTE.declarant);
  const benali = worker(s.data, 'BENALI', 'Karim');
  const post = (body: unknown, headers: Record<string, string> = {}, as = cookie) =>
    call(s.app, 'POST', '/api/declarations', { cookie: as, body, headers });
  return { ...s, cookie, benali, post };
}

describe('POST /api/declarations', () => {
  it('R-FL-5: a valid certificat is recorded on disk before the 201 {id,reference,kind,workerId,submittedAt}', async () => {
    const { post, benali, dir } = await declarant();
    const r = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: expect.any(String),
      reference: 'CE-2026-000001',
      kind: 'certificat',
      workerId: benali.id,
      submittedAt: '2026-12-02T10:15:00.000Z',
    });
    const stored = (await onDisk(dir)).declarations;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: r.json.id,
      kind: 'certificat',
      workerId: benali.id,
      esat: benali.esat,
      caf: '751',
      userEmail: VILLETTE.declarant,
      data: certificat,
      campaignYear: 2026,
    });
  });

  it('R-FL-5: the accusé de réception is written to the outbox, in French, without any amount', async () => {
    const { post, benali, dir } = await declarant();
    const r = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const mails = outbox(dir);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: VILLETTE.declarant,
      subject: "Accusé de réception : Certificat d'emploi",
    });
    expect(mails[0].text).toContain('BENALI Karim');
    expect(mails[0].text).toContain(`Référence : ${r.json.reference}`);
    expect(mails[0].text).toContain('a bien été enregistrée');
    // Look for amounts outside the reference.
    const text = mails[0].text.replace(r.json.reference, '');
    for (const amount of ['1234', '1 234', '1\u202f234', '700', ',56', '.56'])
      expect(text).not.toContain(amount);
    expect(mails[0].date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('R-FL-5: a mail that cannot be sent neither loses nor fails the declaration', async () => {
    const s = await setup();
    const app = createApp({
      store: s.store,
      mailer: { send: () => Promise.reject(new Error('SMTP en panne')) },
      today: () => '2026-12-02',
      logError: () => undefined,
    });
    const cookie = await ready(app, VILLETTE.declarant);
    const r = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: worker(s.data, 'BENALI', 'Karim').id,
        kind: 'certificat',
        data: certificat,
      },
    });
    expect(r.status).toBe(201);
    expect((await onDisk(s.dir)).declarations).toHaveLength(1);
  });

  it('400: a body that is not JSON, or without workerId/kind/data of the right types', async () => {
    const { post, benali } = await declarant();
    const notJson = await post('{"workerId": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe('json-invalide');
    expect((await post([])).status).toBe(400);
    const missing = await post({ workerId: benali.id, data: certificat });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields).toEqual([{ path: '/kind', message: expect.any(String) }]);
    const unknownKind = await post({ workerId: benali.id, kind: 'attestation', data: certificat });
    expect(unknownKind.status).toBe(400);
    const badData = await post({ workerId: 42, kind: 'certificat', data: 'douze' });
    expect(badData.json.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/workerId',
      '/data',
    ]);
  });

  it("404: another Esat's worker cannot be declared (it is unknown here)", async () => {
    const { post, data } = await declarant();
    const r = await post({
      workerId: worker(data, 'FONTAINE', 'Hugo').id,
      kind: 'certificat',
      data: certificat,
    });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('travailleur-inconnu');
  });

  it('R-WK: a radié worker is refused with 422 dossier-bloque and the Caf to contact', async () => {
    const { post, data } = await declarant();
    const r = await post({
      workerId: worker(data, 'TRAN', 'Minh').id,
      kind: 'certificat',
      data: certificat,
    });
    expect(r.status).toBe(422);
    expect(r.json.error).toEqual({
      code: 'dossier-bloque',
      message:
        'Le dossier de ce travailleur est radié. La déclaration est impossible. Contactez votre Caf.',
    });
  });

  it('R-CE-1: in June the certificat is refused with 422 campagne-fermee (changes stay open)', async () => {
    const { post, benali } = await declarant({ day: '2027-06-15' });
    const r = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    expect(r.status).toBe(422);
    expect(r.json.error).toEqual({
      code: 'campagne-fermee',
      message: "Le certificat d'emploi se déclare du 1er décembre au dernier jour de février.",
    });
    const reduction = await post({
      workerId: benali.id,
      kind: 'reduction',
      data: {
        dateEffet: '2027-06-01',
        tauxAvant: 80,
        tauxApres: 50,
        aideAuPoste: 500,
        remunerationGarantie: 900,
      },
    });
    expect(reduction.status, JSON.stringify(reduction.json)).toBe(201);
  });

  it('R-CE-1: the last day of February of a leap year is still open, 1 March is closed', async () => {
    const open = await declarant({ day: '2028-02-29' });
    expect(
      (await open.post({ workerId: open.benali.id, kind: 'certificat', data: certificat })).status,
    ).toBe(201);
    const closed = await declarant({ day: '2028-03-01' });
    expect(
      (await closed.post({ workerId: closed.benali.id, kind: 'certificat', data: certificat }))
        .status,
    ).toBe(422);
  });

  it.each([
    {
      rule: 'R-CE-2',
      why: 'months 0',
      data: { ...certificat, moisRemunerationGarantie: 0 },
      paths: ['/moisRemunerationGarantie'],
    },
    {
      rule: 'R-CE-2',
      why: 'months 13',
      data: { ...certificat, moisRemunerationGarantie: 13 },
      paths: ['/moisRemunerationGarantie'],
    },
    {
      rule: 'R-CE-3',
      why: 'aide au poste required',
      data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200, salaireDirectPct: 40 },
      paths: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-3',
      why: '2 of the 3 amounts',
      data: { moisRemunerationGarantie: 12, aideAuPoste: 700 },
      paths: ['/remunerationGarantie'],
    },
    {
      rule: 'R-CE-4',
      why: 'aide au poste above the garantie',
      data: { ...certificat, aideAuPoste: 1300 },
      paths: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-4',
      why: 'more than 10 000 €',
      data: { ...certificat, remunerationGarantie: 10000.01 },
      paths: ['/remunerationGarantie'],
    },
    {
      rule: 'R-CE-4',
      why: '3 decimals',
      data: { ...certificat, aideAuPoste: 700.555 },
      paths: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-4',
      why: 'a percentage over 100',
      data: { ...certificat, salaireDirectPct: 101 },
      paths: ['/salaireDirectPct'],
    },
    {
      rule: 'R-CE-2',
      why: 'a field of another declaration',
      data: { ...certificat, tauxApres: 50 },
      paths: ['/tauxApres'],
    },
  ])(
    '$rule: $why is refused with 422 validation and the field messages',
    async ({ data, paths }) => {
      const { post, benali, dir } = await declarant();
      const r = await post({ workerId: benali.id, kind: 'certificat', data });
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('validation');
      expect(r.json.error.message).toBe('La déclaration comporte des erreurs.');
      expect(r.json.error.fields.map((f: { path: string }) => f.path)).toEqual(paths);
      for (const f of r.json.error.fields) expect(f.message).toMatch(/^[A-ZÀ-Ü].*[.]$/);
      expect((await onDisk(dir)).declarations).toHaveLength(0);
      expect(outbox(dir)).toHaveLength(0);
    },
  );

  it('R-CE-6: a second certificat is refused with 409 naming the first date', async () => {
    const first = await declarant({ day: '2027-01-12' });
    const ok = await first.post({
      workerId: first.benali.id,
      kind: 'certificat',
      data: certificat,
    });
    expect(ok.status).toBe(201);
    // A second user of the same Esat, another day of the same campaign.
    const referent = await ready(first.app, VILLETTE.referent);
    const again = await first.post(
      { workerId: first.benali.id, kind: 'certificat', data: { ...certificat, aideAuPoste: 650 } },
      {},
      referent,
    );
    expect(again.status).toBe(409);
    expect(again.json.error).toEqual({
      code: 'deja-declare',
      message: "Un certificat d'emploi a déjà été enregistré pour ce travailleur le 12/01/2027.",
    });
    expect((await onDisk(first.dir)).declarations).toHaveLength(1);
  });

  it('R-CE-6: the partner of a couple (same allocataire number) has a certificat of their own', async () => {
    const { post, data } = await declarant();
    const anne = worker(data, 'LEFÈVRE', 'Anne');
    const thomas = worker(data, 'LEFÈVRE', 'Thomas');
    expect(anne.numeroAllocataire).toBe(thomas.numeroAllocataire);
    expect((await post({ workerId: anne.id, kind: 'certificat', data: certificat })).status).toBe(
      201,
    );
    expect((await post({ workerId: thomas.id, kind: 'certificat', data: certificat })).status).toBe(
      201,
    );
  });

  it('R-CE-6: a certificat of the previous campaign does not block this one', async () => {
    const { post, benali, store } = await declarant();
    await reecrire(store, async (db) => {
      db.declarations.push({
        id: 'ancien',
        kind: 'certificat',
        workerId: benali.id,
        esat: benali.esat,
        caf: benali.caf,
        userEmail: VILLETTE.declarant,
        data: certificat,
        campaignYear: 2025,
        submittedAt: '2026-01-10T09:00:00.000Z',
      });
    });
    expect((await post({ workerId: benali.id, kind: 'certificat', data: certificat })).status).toBe(
      201,
    );
  });

  it('R-FL-6: two simultaneous certificats for one worker give one 201 and one 409', async () => {
    const { app, post, benali, dir } = await declarant();
    const referent = await ready(app, VILLETTE.referent);
    const results = await Promise.all([
      post({ workerId: benali.id, kind: 'certificat', data: certificat }),
      post({ workerId: benali.id, kind: 'certificat', data: certificat }, {}, referent),
      post({ workerId: benali.id, kind: 'certificat', data: certificat }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await onDisk(dir)).declarations).toHaveLength(1);
  });

  it('R-FL-6: the same Idempotency-Key replays the first 201 (same id), never a second record', async () => {
    const { post, benali, dir } = await declarant();
    const body = { workerId: benali.id, kind: 'certificat', data: certificat };
    const [a, b] = await Promise.all([
      post(body, { 'Idempotency-Key': 'clic-1' }),
      post(body, { 'Idempotency-Key': 'clic-1' }),
    ]);
    const c = await post(body, { 'Idempotency-Key': 'clic-1' });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.json).toEqual(a.json);
    expect(c.json).toEqual(a.json);
    expect((await onDisk(dir)).declarations).toHaveLength(1);
    expect(outbox(dir)).toHaveLength(1);
    const other = await post(body, { 'Idempotency-Key': 'clic-2' });
    expect(other.status).toBe(409);
  });

  it("R-FL-6: another user's Idempotency-Key is not a replay of mine", async () => {
    const { app, post, benali, data } = await declarant();
    const first = await post(
      { workerId: benali.id, kind: 'certificat', data: certificat },
      { 'Idempotency-Key': 'meme-cle' },
    );
    const suresnes = await ready(app, SURESNES.declarant);
    const hugo = worker(data, 'FONTAINE', 'Hugo');
    const theirs = await post(
      { workerId: hugo.id, kind: 'certificat', data: certificat },
      { 'Idempotency-Key': 'meme-cle' },
      suresnes,
    );
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(first.json.id);
    expect(theirs.json.workerId).toBe(hugo.id);
  });

  it('R-FL-4: a recorded declaration appears in the fiche history', async () => {
    const { app, cookie, post, benali } = await declarant();
    const r = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const fiche = await call(app, 'GET', `/api/workers/${benali.id}`, { cookie });
    expect(fiche.json.history).toEqual([
      {
        id: r.json.id,
        kind: 'certificat',
        submittedAt: r.json.submittedAt,
        reference: r.json.reference,
        etat: 'a-traiter',
        traiteeLe: null,
      },
    ]);
  });
});

describe('GET /api/declarations/:id/pdf (R-FL-5)', () => {
  it('R-FL-5: the PDF récapitulatif is served as an attachment and shows who, what, when and the attestation', async () => {
    const { app, cookie, post, benali } = await declarant();
    const d = await post({
      workerId: benali.id,
      kind: 'certificat',
      data: { moisRemunerationGarantie: 11, remunerationGarantie: 1234.56, aideAuPoste: 700 },
    });
    const r = await call(app, 'GET', `/api/declarations/${d.json.id}/pdf`, { cookie });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="certificat-${benali.numeroAllocataire}-2026-12-02.pdf"`,
    );
    expect(Buffer.from(r.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toContain("Certificat d'emploi");
    const text = pdfText(r.bytes).replace(/\n/g, ' ');
    for (const expected of [
      "Certificat d'emploi",
      'Esat Les Ateliers de la Villette',
      '44306184100062',
      '211 avenue Jean-Jaurès, 75019 Paris',
      'Caf de Paris',
      'BENALI Karim',
      benali.numeroAllocataire,
      benali.dateNaissance.split('-').reverse().join('/'),
      "Nombre de mois de perception de la rémunération garantie sur l'année",
      '1 234,56 €',
      '700,00 €',
      'Non renseigné',
      '02/12/2026 à 11:15',
      VILLETTE.declarant,
      "Je certifie sur l'honneur l'exactitude des renseignements portés sur cette déclaration.",
      'L.114-13 et L.835-5',
      '441-1 du Code pénal',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("404: another Esat's PDF, or an unknown one, is not found", async () => {
    const { app, post, benali } = await declarant();
    const d = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const other = await ready(app, SURESNES.declarant);
    const r = await call(app, 'GET', `/api/declarations/${d.json.id}/pdf`, { cookie: other });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('declaration-inconnue');
    const unknown = await call(app, 'GET', '/api/declarations/inconnue/pdf', { cookie: other });
    expect(unknown.status).toBe(404);
  });
});

describe('avis (R-FL-5)', () => {
  it('R-FL-5: an avis is recorded once, and read by the agents of the declaration’s Caf only', async () => {
    const { app, cookie, post, benali } = await declarant();
    const d = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const path = `/api/declarations/${d.json.id}/avis`;
    const r = await call(app, 'POST', path, {
      cookie,
      body: { note: 4, commentaire: 'Rapide et clair.' },
    });
    expect(r.status).toBe(201);
    expect((await call(app, 'POST', path, { cookie, body: { note: 5 } })).status).toBe(409);
    const paris = await call(app, 'GET', '/api/avis', { cookie: await ready(app, AGENT_PARIS) });
    expect(paris.status).toBe(200);
    expect(paris.json).toEqual([
      {
        declarationId: d.json.id,
        esat: 'Esat Les Ateliers de la Villette',
        kind: 'certificat',
        note: 4,
        commentaire: 'Rapide et clair.',
        submittedAt: expect.any(String),
      },
    ]);
    const hautsDeSeine = await call(app, 'GET', '/api/avis', {
      cookie: await ready(app, AGENT_92),
    });
    expect(hautsDeSeine.json).toEqual([]);
  });

  it('R-FL-5: a note outside 1–5 or a comment over 2 000 characters is refused with 422 and fields; bad types 400', async () => {
    const { app, cookie, post, benali } = await declarant();
    const d = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const path = `/api/declarations/${d.json.id}/avis`;
    const six = await call(app, 'POST', path, { cookie, body: { note: 6 } });
    expect(six.status).toBe(422);
    expect(six.json.error.fields).toEqual([
      { path: '/note', message: 'La note est un nombre entier de 1 à 5.' },
    ]);
    const long = await call(app, 'POST', path, { cookie, body: { commentaire: 'x'.repeat(2001) } });
    expect(long.status).toBe(422);
    expect(long.json.error.fields[0].path).toBe('/commentaire');
    expect((await call(app, 'POST', path, { cookie, body: { note: 'quatre' } })).status).toBe(400);
    expect((await call(app, 'POST', path, { cookie, body: '{' })).status).toBe(400);
    expect(
      (await call(app, 'POST', path, { cookie, body: { commentaire: 'x'.repeat(2000) } })).status,
    ).toBe(201);
  });

  it("404: an avis on another Esat's declaration", async () => {
    const { app, post, benali } = await declarant();
    const d = await post({ workerId: benali.id, kind: 'certificat', data: certificat });
    const other = await ready(app, SURESNES.declarant);
    expect(
      (
        await call(app, 'POST', `/api/declarations/${d.json.id}/avis`, {
          cookie: other,
          body: { note: 1 },
        })
      ).status,
    ).toBe(404);
  });
});

describe('GET /api/workers/:id', () => {
  it('R-CS-5: the fiche of a member of a couple working in the same Esat names the partner', async () => {
    const { app, data, cookie } = await declarant();
    const anne = worker(data, 'LEFÈVRE', 'Anne');
    const thomas = worker(data, 'LEFÈVRE', 'Thomas');
    const r = await call(app, 'GET', `/api/workers/${anne.id}`, { cookie });
    expect(r.json.conjoint).toMatchObject({ id: thomas.id, nom: 'LEFÈVRE', prenom: 'Thomas' });
    const benali = await call(app, 'GET', `/api/workers/${worker(data, 'BENALI', 'Karim').id}`, {
      cookie,
    });
    expect(benali.json.conjoint).toBeUndefined();
  });
});
