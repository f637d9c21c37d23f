import { describe, expect, it } from 'vitest';
import {
  AGENT_PARIS,
  DEMO_PASSWORD,
  PROVISOIRE,
  SURESNES,
  VILLETTE,
  call,
  identifier,
  login,
  ready,
  setup,
  worker,
  reecrire,
  enveloppe,
} from './helpers.ts';
import { createApp } from '../../server/app.ts';
import { outboxMailer } from '../../server/mail.ts';

describe('session and access (R-AC, R-SE)', () => {
  it('R-AC-1: logging in answers the user and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const { app } = await setup();
    const r = await call(app, 'POST', '/api/session', {
      body: { email: 'Sophie.Bernard@ateliers-villette.test ', password: DEMO_PASSWORD },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      user: { email: VILLETTE.declarant, role: 'declarant', mustChangePassword: false },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^esat_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  it('R-AC-1: the cookie is Secure when the request is https', async () => {
    const { app } = await setup();
    const r = await call(app, 'POST', 'https://esat.example/api/session', {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(r.headers.get('set-cookie')).toContain('Secure');
  });

  it('R-AC-4: a wrong password and an unknown e-mail get the same 401, which names neither', async () => {
    const { app } = await setup();
    const wrong = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: 'pas-le-bon-mot-de-passe' },
    });
    const unknown = await call(app, 'POST', '/api/session', {
      body: { email: 'personne@nulle-part.test', password: DEMO_PASSWORD },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json.error).toEqual({
      code: 'identifiants-invalides',
      message: 'Identifiant ou mot de passe incorrect.',
    });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('R-AC-4: after 10 failures (slowed from the 4th) the account is locked for a while with 429, even with the right password', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const { app } = await setup({ clock: () => t });
    for (let i = 0; i < 10; i++) {
      const r = await call(app, 'POST', '/api/session', {
        body: { email: VILLETTE.declarant, password: `mauvais-${i}-mot-de-passe` },
      });
      expect(r.status).toBe(401);
      // The delay of the slowed stage is waited out (test/server/hardening2.test.ts, point 11).
      t += 2 ** Math.max(0, i - 1) * 1000;
    }
    const locked = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('trop-de-tentatives');
    t += 16 * 60_000;
    const later = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(later.status).toBe(200);
  });

  it('400: a body that is not JSON, or lacks email/password, is malformed (never 500)', async () => {
    const { app } = await setup();
    const bad = await call(app, 'POST', '/api/session', { body: '{"email": "x@y.fr", ' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('json-invalide');
    expect(typeof bad.json.error.message).toBe('string');
    const missing = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('requete-invalide');
    const typed = await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: 12 },
    });
    expect(typed.status).toBe(400);
  });

  it('401: without a session every private route answers non-authentifie', async () => {
    const { app } = await setup();
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/cafs'],
      ['GET', '/api/workers'],
      ['GET', '/api/workers/x'],
      ['POST', '/api/declarations'],
      ['GET', '/api/declarations/x/pdf'],
      ['POST', '/api/cgu'],
      ['GET', '/api/avis'],
    ]) {
      const r = await call(app, method, path);
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json.error.code).toBe('non-authentifie');
    }
  });

  it('R-SE-1: after the idle limit the server answers 401 session-expiree « Votre session a expiré. »', async () => {
    let t = 1_000_000;
    const { app } = await setup({ idleMinutes: 0.5, clock: () => t });
    const cookie = await login(app, VILLETTE.declarant);
    t += 20_000;
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
    t += 20_000; // 40 s since login but 20 s since the last request: still alive
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
    t += 31_000;
    const r = await call(app, 'GET', '/api/me', { cookie });
    expect(r.status).toBe(401);
    expect(r.json.error).toEqual({ code: 'session-expiree', message: 'Votre session a expiré.' });
  });

  it('R-SE-1: a tiny real idle time (decimal minutes) expires on the real clock', async () => {
    const { app } = await setup({ idleMinutes: 0.001 });
    const cookie = await login(app, VILLETTE.declarant);
    await new Promise((r) => setTimeout(r, 120));
    const r = await call(app, 'GET', '/api/me', { cookie });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('session-expiree');
  });

  it('DELETE /api/session logs out: the cookie no longer opens anything', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const r = await call(app, 'DELETE', '/api/session', { cookie });
    expect(r.status).toBe(204);
    expect(r.headers.get('set-cookie')).toMatch(/esat_session=;/);
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('GET /api/me: the user, its Esat and whether the CGU were accepted; an agent has no Esat', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const me = await call(app, 'GET', '/api/me', { cookie });
    expect(me.json).toEqual({
      user: { email: VILLETTE.declarant, role: 'declarant', mustChangePassword: false },
      esat: {
        siret: '44306184100062',
        name: 'Esat Les Ateliers de la Villette',
        address: '211 avenue Jean-Jaurès, 75019 Paris',
      },
      cguAccepted: false,
      session: { idleMinutes: 30 },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const agent = await call(app, 'GET', '/api/me', { cookie: await login(app, AGENT_PARIS) });
    expect(agent.json.esat).toBeNull();
    expect(agent.json.user.role).toBe('agent');
  });

  it('R-AC-5: until both CGU are accepted every Esat-space route answers 403 cgu-non-acceptees', async () => {
    const { app, data } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const w = worker(data, 'BENALI', 'Karim');
    for (const [method, path, body] of [
      ['GET', '/api/cafs'],
      ['GET', '/api/workers'],
      ['GET', `/api/workers/${w.id}`],
      ['POST', '/api/declarations', { workerId: w.id, kind: 'certificat', data: {} }],
      ['GET', '/api/declarations/x/pdf'],
    ] as const) {
      const r = await call(app, method, path, { cookie, body });
      expect(r.status, path).toBe(403);
      expect(r.json.error.code).toBe('cgu-non-acceptees');
    }
    expect((await call(app, 'POST', '/api/cgu', { cookie, body: { accept: false } })).status).toBe(
      400,
    );
    const ok = await call(app, 'POST', '/api/cgu', { cookie, body: { accept: true } });
    expect(ok.status).toBe(200);
    expect((await call(app, 'GET', '/api/me', { cookie })).json.cguAccepted).toBe(true);
    expect((await call(app, 'GET', '/api/cafs', { cookie })).status).toBe(200);
  });

  it('R-AC-2: a provisional password must be changed before anything else; the change lifts it', async () => {
    const { app } = await setup();
    const cookie = await login(app, PROVISOIRE);
    expect((await call(app, 'GET', '/api/me', { cookie })).json.user.mustChangePassword).toBe(true);
    await call(app, 'POST', '/api/cgu', { cookie, body: { accept: true } });
    const blocked = await call(app, 'GET', '/api/cafs', { cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('mot-de-passe-a-changer');

    const short = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'court' },
    });
    expect(short.status).toBe(422);
    expect(short.json.error.fields).toEqual([
      { path: '/newPassword', message: expect.stringContaining('12 caractères') },
    ]);
    const wrong = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: 'pas-le-bon-1234', newPassword: 'Un-Nouveau-Secret-42' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.fields[0].path).toBe('/currentPassword');
    const empty = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: '', newPassword: 'Un-Nouveau-Secret-42' },
    });
    expect(empty.json.error.fields).toEqual([
      { path: '/currentPassword', message: 'Saisissez votre mot de passe actuel.' },
    ]);
    const malformed = await call(app, 'POST', '/api/password', {
      cookie,
      body: { newPassword: 'Un-Nouveau-Secret-42' },
    });
    expect(malformed.status).toBe(400);

    const ok = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Un-Nouveau-Secret-42' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.mustChangePassword).toBe(false);
    // The change ends the session it was made in and opens a new one (hardening.test.ts).
    const renewed = ok.headers.get('set-cookie')!.split(';')[0];
    expect((await call(app, 'GET', '/api/cafs', { cookie: renewed })).status).toBe(200);
    expect(
      (
        await call(app, 'POST', '/api/session', {
          body: { email: PROVISOIRE, password: 'Un-Nouveau-Secret-42' },
        })
      ).status,
    ).toBe(200);
  });

  it('R-AC-3: « mot de passe oublié » answers 202 alike for a known and an unknown address', async () => {
    const { app } = await setup();
    const known = await call(app, 'POST', '/api/password/forgot', {
      body: { email: VILLETTE.declarant },
    });
    const unknown = await call(app, 'POST', '/api/password/forgot', {
      body: { email: 'inconnu@nulle-part.test' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.json).toEqual(unknown.json);
    expect((await call(app, 'POST', '/api/password/forgot', { body: '[' })).status).toBe(400);
  });

  it('403: an agent has no Espace Esat; a déclarant cannot read the avis of the Caf', async () => {
    const { app } = await setup();
    const agent = await login(app, AGENT_PARIS);
    expect((await call(app, 'GET', '/api/workers', { cookie: agent })).status).toBe(403);
    const declarant = await ready(app, VILLETTE.declarant);
    const r = await call(app, 'GET', '/api/avis', { cookie: declarant });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('acces-refuse');
  });

  it('404: an unknown API address answers the error shape', async () => {
    const { app } = await setup();
    const r = await call(app, 'GET', '/api/nimporte-quoi');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('introuvable');
  });

  it('500: an unexpected failure answers the error shape without its details', async () => {
    const base = await setup();
    let broken = false;
    const store = enveloppe(base.store, () => {
      if (broken) throw new Error('disque plein /var/secret');
    });
    const app = createApp({
      store,
      mailer: outboxMailer(base.dir),
      today: () => '2026-12-02',
      logError: () => undefined,
    });
    const cookie = await login(app, VILLETTE.declarant);
    broken = true;
    const r = await call(app, 'GET', '/api/me', { cookie });
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ error: { code: 'erreur-interne', message: expect.any(String) } });
    expect(JSON.stringify(r.json)).not.toContain('secret');
  });

  it('GET /api/calendar: today, whether the certificat is open, the campaign (R-CE-1)', async () => {
    const { app } = await setup({ day: '2027-02-28' });
    const r = await call(app, 'GET', '/api/calendar');
    expect(r.json).toEqual({
      today: '2027-02-28',
      certificatOpen: true,
      campaign: { year: 2026, opens: '2026-12-01', closes: '2027-02-28' },
    });
    const june = await setup({ day: '2027-06-15' });
    expect((await call(june.app, 'GET', '/api/calendar')).json.certificatOpen).toBe(false);
  });
});

describe('Caf and workers of the Esat (R-FL-1, R-FL-2, R-FL-4)', () => {
  it('R-FL-1: GET /api/cafs lists the Caf of the Esat, attachment first, with their worker counts', async () => {
    const { app } = await setup();
    const villette = await call(app, 'GET', '/api/cafs', {
      cookie: await ready(app, VILLETTE.declarant),
    });
    expect(villette.json).toEqual([
      {
        code: '751',
        name: 'Caf de Paris',
        workerCount: 30,
        identifiantRequis: false,
        suivi: expect.objectContaining({ year: 2026, declares: 0 }),
      },
      // R-AC-7: the Hauts-de-Seine files do not know this SIRET (demo world).
      {
        code: '921',
        name: 'Caf des Hauts-de-Seine',
        workerCount: 6,
        identifiantRequis: true,
        suivi: null,
      },
    ]);
    const suresnes = await call(app, 'GET', '/api/cafs', {
      cookie: await ready(app, SURESNES.declarant),
    });
    expect(suresnes.json).toEqual([
      {
        code: '921',
        name: 'Caf des Hauts-de-Seine',
        workerCount: 8,
        identifiantRequis: false,
        suivi: expect.objectContaining({ year: 2026, declares: 0 }),
      },
    ]);
  });

  it('R-FL-2: the filter ignores case and accents (« lefevre » finds LEFÈVRE), a couple shows as two tiles', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    await identifier(app, cookie, '921', '92101');
    const r = await call(app, 'GET', '/api/workers?caf=751&q=lefevre', { cookie });
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(2);
    expect(
      r.json.items.map((w: { nom: string; prenom: string }) => `${w.nom} ${w.prenom}`),
    ).toEqual(['LEFÈVRE Anne', 'LEFÈVRE Thomas']);
    expect(r.json.items[0]).toEqual({
      id: expect.any(String),
      nom: 'LEFÈVRE',
      prenom: 'Anne',
      numeroAllocataire: '7510001',
      dateNaissance: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dossier: 'actif',
      caf: '751',
      certificat: null,
    });
    const both = await call(app, 'GET', `/api/workers?q=${encodeURIComponent('CHATELAIN loïc')}`, {
      cookie,
    });
    expect(both.json.items.map((w: { nom: string }) => w.nom)).toEqual(['CHÂTELAIN']);
    const elodie = await call(app, 'GET', '/api/workers?q=ELODIE', { cookie });
    expect(elodie.json.items.map((w: { prenom: string }) => w.prenom)).toEqual(['Élodie']);
    const number = await call(app, 'GET', '/api/workers?q=7510003', { cookie });
    expect(number.json.items.map((w: { nom: string }) => w.nom)).toEqual(['BENALI']);
    const none = await call(app, 'GET', '/api/workers?q=zzzz', { cookie });
    expect(none.json).toEqual({ items: [], total: 0, page: 1, pageSize: 12 });
  });

  it('R-FL-2: the list is sorted by nom then prénom, paged by 12 by default, at most 100 a page', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const p1 = await call(app, 'GET', '/api/workers?caf=751', { cookie });
    expect(p1.json.total).toBe(30);
    expect(p1.json.items).toHaveLength(12);
    expect([p1.json.page, p1.json.pageSize]).toEqual([1, 12]);
    const all = await call(app, 'GET', '/api/workers?caf=751&pageSize=500', { cookie });
    expect(all.json.pageSize).toBe(100);
    const names = all.json.items.map(
      (w: { nom: string; prenom: string }) => `${w.nom} ${w.prenom}`,
    );
    expect(names).toHaveLength(30);
    expect(names).toEqual(
      [...names].sort((a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'base' })),
    );
    expect(names.indexOf('ANDRÉ Mathis')).toBeLessThan(names.indexOf('BENALI Karim'));
    const p3 = await call(app, 'GET', '/api/workers?caf=751&page=3', { cookie });
    expect(p3.json.items.map((w: { id: string }) => w.id)).toEqual(
      all.json.items.slice(24, 30).map((w: { id: string }) => w.id),
    );
    expect((await call(app, 'GET', '/api/workers?caf=751&page=9', { cookie })).json.items).toEqual(
      [],
    );
    expect((await call(app, 'GET', '/api/workers?page=0', { cookie })).status).toBe(400);
    expect((await call(app, 'GET', '/api/workers?pageSize=abc', { cookie })).status).toBe(400);
    await identifier(app, cookie, '921', '92101');
    const mixed = await call(app, 'GET', '/api/workers?pageSize=100', { cookie });
    expect(mixed.json.total).toBe(36);
  });

  it('R-WK: the list carries each file status (a radié worker is shown, to be blocked)', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const r = await call(app, 'GET', '/api/workers?q=tran', { cookie });
    expect(r.json.items[0]).toMatchObject({ nom: 'TRAN', dossier: 'radie' });
  });

  it('404: another Esat sees nothing of this one (its Caf, its workers)', async () => {
    const { app, data } = await setup();
    const cookie = await ready(app, SURESNES.declarant);
    const paris = await call(app, 'GET', '/api/workers?caf=751', { cookie });
    expect(paris.status).toBe(404);
    const list = await call(app, 'GET', '/api/workers?q=lefevre', { cookie });
    expect(list.json.total).toBe(0);
    const fiche = await call(app, 'GET', `/api/workers/${worker(data, 'LEFÈVRE', 'Anne').id}`, {
      cookie,
    });
    expect(fiche.status).toBe(404);
    expect(fiche.json.error.code).toBe('travailleur-inconnu');
    expect((await call(app, 'GET', '/api/workers/nexiste-pas', { cookie })).status).toBe(404);
  });

  it('R-FL-4: the fiche lists the declarations of the two rolling years, newest first', async () => {
    const { app, store, data } = await setup({ day: '2026-12-02' });
    const w = worker(data, 'BENALI', 'Karim');
    const other = worker(data, 'ROUSSEAU', 'Lucie');
    await reecrire(store, async (db) => {
      const base = {
        workerId: w.id,
        esat: w.esat,
        caf: w.caf,
        userEmail: VILLETTE.declarant,
        data: {},
      };
      db.declarations.push(
        {
          ...base,
          id: 'trop-vieille',
          kind: 'certificat',
          campaignYear: 2023,
          submittedAt: '2024-12-01T09:00:00.000Z',
        },
        {
          ...base,
          id: 'limite',
          kind: 'certificat',
          campaignYear: 2024,
          submittedAt: '2024-12-02T09:00:00.000Z',
        },
        { ...base, id: 'recente', kind: 'reduction', submittedAt: '2026-06-10T09:00:00.000Z' },
        {
          ...base,
          id: 'autre',
          kind: 'depart',
          submittedAt: '2026-06-11T09:00:00.000Z',
          workerId: other.id,
        },
      );
    });
    const cookie = await ready(app, VILLETTE.declarant);
    const r = await call(app, 'GET', `/api/workers/${w.id}`, { cookie });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      id: w.id,
      nom: 'BENALI',
      prenom: 'Karim',
      numeroAllocataire: w.numeroAllocataire,
    });
    expect(r.json.history).toEqual([
      {
        id: 'recente',
        kind: 'reduction',
        submittedAt: '2026-06-10T09:00:00.000Z',
        etat: 'a-traiter',
        traiteeLe: null,
      },
      {
        id: 'limite',
        kind: 'certificat',
        submittedAt: '2024-12-02T09:00:00.000Z',
        etat: 'a-traiter',
        traiteeLe: null,
      },
    ]);
  });
});

describe('R-SE-2: drafts, per user and worker', () => {
  it('are kept as typed, listed, given back on the fiche, and removed by the validated declaration', async () => {
    const { app, data } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const benali = data.workers.find((w) => w.nom === 'BENALI')!;
    const draft = {
      teleprocedure: 'certificat',
      kind: 'certificat',
      reponses: {},
      saisie: { aideAuPoste: '1 234,5' },
    };
    expect(
      (await call(app, 'PUT', `/api/drafts/${benali.id}`, { cookie, body: draft })).status,
    ).toBe(204);
    const list = await call(app, 'GET', '/api/drafts', { cookie });
    expect(list.json).toEqual([
      expect.objectContaining({
        saisie: draft.saisie,
        travailleur: expect.objectContaining({ id: benali.id }),
      }),
    ]);
    const fiche = await call(app, 'GET', `/api/workers/${benali.id}`, { cookie });
    expect(fiche.json.brouillon).toMatchObject({
      teleprocedure: 'certificat',
      saisie: draft.saisie,
    });
    // Another user of the same Esat does not see it.
    const other = await ready(app, VILLETTE.referent);
    expect((await call(app, 'GET', '/api/drafts', { cookie: other })).json).toEqual([]);
    const r = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: benali.id,
        kind: 'certificat',
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 1300, aideAuPoste: 700 },
      },
    });
    expect(r.status).toBe(201);
    expect((await call(app, 'GET', '/api/drafts', { cookie })).json).toEqual([]);
  });

  it('refuse a malformed draft (400) and another Esat’s worker (404)', async () => {
    const { app, data } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const benali = data.workers.find((w) => w.nom === 'BENALI')!;
    expect(
      (
        await call(app, 'PUT', `/api/drafts/${benali.id}`, {
          cookie,
          body: { teleprocedure: 'autre', saisie: {} },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(app, 'PUT', `/api/drafts/${benali.id}`, {
          cookie,
          body: { teleprocedure: 'certificat', saisie: { a: 3 } },
        })
      ).status,
    ).toBe(400);
    const suresnes = data.workers.find((w) => w.esat !== benali.esat)!;
    expect(
      (
        await call(app, 'PUT', `/api/drafts/${suresnes.id}`, {
          cookie,
          body: { teleprocedure: 'certificat', saisie: {} },
        })
      ).status,
    ).toBe(404);
  });
});
