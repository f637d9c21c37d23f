/**
 * R-API-2, R-API-3: the life of an API token over HTTP — created by the référent (shown once,
 * stored hashed), used by a payroll software without cookie nor CSRF token, expired on a
 * simulated clock, revoked; its scope (the Esat's routes only), its rate, its audit line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SURESNES,
  VILLETTE,
  call,
  identifier,
  onDisk,
  outbox,
  ready,
  setup,
  worker,
} from './helpers.ts';
import { jsonLines } from './process.ts';
import { REQUETES_PAR_MINUTE } from '../../server/tokens.ts';
import { ECRITURES_ANONYMES } from '../../server/context.ts';
import { contrat } from '../../server/contract/routes.ts';
import { compiler } from '../../server/contract/valider.ts';

const certificat = {
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1234.56,
  aideAuPoste: 700,
};

/** One clock for the whole app (today, now, the counters), moved by the test. */
function horloge(start = '2026-12-02T10:15:00Z') {
  let ms = Date.parse(start);
  return {
    options: {
      today: () => new Date(ms).toISOString().slice(0, 10),
      now: () => new Date(ms),
      clock: () => ms,
    },
    avancer(millis: number) {
      ms += millis;
    },
    aller(iso: string) {
      ms = Date.parse(iso);
    },
  };
}

async function referent(options: Parameters<typeof setup>[0] = {}) {
  const s = await setup(options);
  const cookie = await ready(s.app, VILLETTE.referent);
  const creer = (body: unknown) => call(s.app, 'POST', '/api/tokens', { cookie, body });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** A request of the payroll software: the token only, no cookie, no CSRF token. */
  const logiciel = (token: string, method: string, path: string, body?: unknown, h = {}) =>
    call(s.app, method, path, { headers: { ...bearer(token), ...h }, body });
  return { ...s, cookie, creer, logiciel };
}

describe('R-API-2: API tokens, created, listed and revoked by the référent', () => {
  it('creates a token shown once: prefixed random secret, one year by default, stored hashed', async () => {
    const { app, cookie, creer, dir } = await referent();
    const r = await creer({ name: '  Logiciel Paie+  ' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      name: 'Logiciel Paie+',
      createdBy: VILLETTE.referent,
      expiresAt: '2027-12-02',
      lastUsedAt: null,
      revoked: false,
    });
    const secret: string = r.json.token;
    expect(secret).toMatch(/^esat_[A-Za-z0-9_-]{43}$/);
    const other = await creer({ name: 'Autre' });
    expect(other.json.token).not.toBe(secret);

    const list = await call(app, 'GET', '/api/tokens', { cookie });
    expect(list.status).toBe(200);
    expect(list.json.map((t: { name: string }) => t.name).sort()).toEqual([
      'Autre',
      'Logiciel Paie+',
    ]);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(secret).digest('hex');
    const listed = JSON.stringify(list.json);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(hash);
    expect(list.json[0]).not.toHaveProperty('token');
    expect(list.json[0]).not.toHaveProperty('hash');
    // Both answers are what the contract's schemas say (the UI's Jeton type derives from them).
    const { liste, creer: creation } = contrat.jetons;
    expect(compiler(liste.reponses[200].schema)(list.json)).toBe(true);
    expect(compiler(creation.reponses[201].schema)(r.json)).toBe(true);
    // The store has the hash, never the secret; the audit log has neither.
    const disk = JSON.stringify((await onDisk(dir)).tokens);
    expect(disk).toContain(hash);
    expect(disk).not.toContain(secret);
    const audit = jsonLines<{ action: string; jeton?: string; who?: string }>(
      join(dir, 'audit.jsonl'),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'jeton-cree', who: VILLETTE.referent, jeton: 'Autre' }),
    );
    const log = JSON.stringify(audit);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(hash);
  });

  it('refuses in French a missing name and an expiry past one year or not after today', async () => {
    const { creer } = await referent();
    const cases: [unknown, string, RegExp][] = [
      [{ name: ' ' }, '/name', /Donnez un nom à ce jeton/],
      [{ name: 'x'.repeat(81) }, '/name', /au plus 80 caractères/],
      [
        { name: 'Paie', expiresAt: '2027-12-03' },
        '/expiresAt',
        /valable un an au plus : choisissez une date d'expiration au plus tard le 02\/12\/2027/,
      ],
      [{ name: 'Paie', expiresAt: '2026-12-02' }, '/expiresAt', /postérieure à aujourd'hui/],
      [{ name: 'Paie', expiresAt: '2027-02-30' }, '/expiresAt', /date d'expiration valide/],
    ];
    for (const [body, path, message] of cases) {
      const r = await creer(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.error.code).toBe('jeton-invalide');
      expect(r.json.error.fields[0].path).toBe(path);
      expect(r.json.error.fields[0].message).toMatch(message);
    }
    // Not a text where the contract says one (server/contract/routes.ts): malformed, 400.
    const nombre = await creer({ name: 'Paie', expiresAt: 20271202 });
    expect(nombre.status).toBe(400);
    expect(nombre.json.error.fields[0].path).toBe('/expiresAt');
    const ok = await creer({ name: 'Paie', expiresAt: '2027-12-02' });
    expect(ok.status).toBe(201);
    expect(ok.json.expiresAt).toBe('2027-12-02');
  });

  it('only the référent, with its session and CSRF token: a déclarant gets 403, no CSRF 403', async () => {
    const { app, cookie } = await referent();
    const declarant = await ready(app, VILLETTE.declarant);
    expect((await call(app, 'GET', '/api/tokens', { cookie: declarant })).status).toBe(403);
    const post = await call(app, 'POST', '/api/tokens', {
      cookie: declarant,
      body: { name: 'Paie' },
    });
    expect(post.status).toBe(403);
    expect(post.json.error.message).toMatch(/Seul le référent/);
    const sansCsrf = await call(app, 'POST', '/api/tokens', {
      cookie,
      body: { name: 'Paie' },
      csrf: false,
    });
    expect(sansCsrf.status).toBe(403);
    expect(sansCsrf.json.error.code).toBe('csrf');
    expect((await call(app, 'GET', '/api/tokens')).status).toBe(401);
  });
});

describe('R-API-2: a payroll software acts with a token', () => {
  it('declares without cookie nor CSRF token: same rules, accusé to the référent, audited under the token’s name', async () => {
    const { creer, logiciel, data, dir } = await referent();
    const { token } = (await creer({ name: 'Paie Sage' })).json;
    const benali = worker(data, 'BENALI', 'Karim');

    const workers = await logiciel(token, 'GET', '/api/workers?q=benali');
    expect(workers.status).toBe(200);
    expect(workers.json.items.map((w: { id: string }) => w.id)).toEqual([benali.id]);

    // R-API-3: the same rules as the UI (the validator of forms/).
    const faux = await logiciel(token, 'POST', '/api/declarations', {
      workerId: benali.id,
      kind: 'certificat',
      data: { ...certificat, aideAuPoste: 1300 },
    });
    expect(faux.status).toBe(422);
    expect(faux.json.error.code).toBe('validation');

    const sent = { workerId: benali.id, kind: 'certificat', data: certificat };
    const r = await logiciel(token, 'POST', '/api/declarations', sent, {
      'Idempotency-Key': 'paie-2026-benali',
    });
    expect(r.status).toBe(201);
    expect(r.json.reference).toMatch(/^CE-2026-\d{6}$/);
    // R-FL-6: the software's retry gets the first answer, and no second mail.
    const again = await logiciel(token, 'POST', '/api/declarations', sent, {
      'Idempotency-Key': 'paie-2026-benali',
    });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(r.json.id);
    const mails = outbox(dir).filter((m) => m.text.includes(r.json.reference));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(VILLETTE.referent);
    expect(mails[0].subject).toMatch(/[Aa]ccusé de réception/);

    const pdf = await logiciel(token, 'GET', `/api/declarations/${r.json.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const audit = jsonLines<Record<string, unknown>>(join(dir, 'audit.jsonl'));
    const line = audit.find((l) => l.action === 'declaration-creee');
    expect(line).toMatchObject({ jeton: 'Paie Sage', declaration: r.json.id });
    expect(String(line!.who)).toMatch(/^jeton:/);
  });

  it('another Esat’s worker is unknown to the token (404), as to its users', async () => {
    const { creer, logiciel, data } = await referent();
    const { token } = (await creer({ name: 'Paie' })).json;
    const other = data.workers.find((w) => w.esat !== worker(data, 'BENALI', 'Karim').esat)!;
    expect(data.users.find((u) => u.email === SURESNES.declarant)!.esat).toBe(other.esat);
    const fiche = await logiciel(token, 'GET', `/api/workers/${other.id}`);
    expect(fiche.status).toBe(404);
    expect(fiche.json.error.code).toBe('travailleur-inconnu');
    const post = await logiciel(token, 'POST', '/api/declarations', {
      workerId: other.id,
      kind: 'certificat',
      data: certificat,
    });
    expect(post.status).toBe(404);
    expect(post.json.error.code).toBe('travailleur-inconnu');
  });

  it('never reaches the agent’s, the tokens’, the users’ nor the session’s routes (403)', async () => {
    const { creer, logiciel, dir } = await referent();
    const { token } = (await creer({ name: 'Paie' })).json;
    const closed: [string, string, unknown?][] = [
      ['GET', '/api/caf/campagne'],
      ['GET', '/api/caf/declarations'],
      ['POST', '/api/caf/relances', { siret: '1', year: 2026 }],
      ['GET', '/api/tokens'],
      ['POST', '/api/tokens', { name: 'Un autre' }],
      ['DELETE', '/api/tokens/x'],
      ['GET', '/api/users'],
      ['POST', '/api/users', { email: 'a@b.fr', role: 'referent' }],
      ['GET', '/api/me'],
      ['POST', '/api/password', { current: 'x', password: 'y' }],
      ['POST', '/api/cgu', { accept: true }],
      ['GET', '/api/drafts'],
      ['GET', '/api/imports'],
    ];
    for (const [method, path, body] of closed) {
      const r = await logiciel(token, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.json.error.code).toBe('acces-refuse');
      expect(r.json.error.message).toMatch(/jeton d'accès ne sert qu'à déclarer/);
    }
    const refus = jsonLines<Record<string, unknown>>(join(dir, 'audit.jsonl')).filter(
      (l) => l.action === 'acces-refuse',
    );
    expect(refus.length).toBe(closed.length);
    expect(refus[0]).toMatchObject({ jeton: 'Paie', route: 'GET /api/caf/campagne' });
  });

  it('an unknown or malformed bearer gets 401 in the contract’s shape, on every route', async () => {
    const { app, logiciel } = await referent();
    for (const [method, path] of [
      ['GET', '/api/workers'],
      ['POST', '/api/declarations'],
      ['GET', '/api/caf/campagne'],
      ['GET', '/api/tokens'],
    ]) {
      const r = await logiciel(
        `esat_${'A'.repeat(43)}`,
        method,
        path,
        method === 'POST' ? {} : undefined,
      );
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json).toEqual({
        error: {
          code: 'jeton-inconnu',
          message:
            "Ce jeton d'accès est inconnu ou a été révoqué. Demandez-en un nouveau au référent de votre établissement.",
        },
      });
    }
    for (const header of ['Bearer', 'Bearer  ', 'bearer a b']) {
      const r = await call(app, 'GET', '/api/workers', { headers: { Authorization: header } });
      expect(r.status, header).toBe(401);
      expect(r.json.error.code).toBe('jeton-inconnu');
    }
  });

  it('expires after its last day (simulated clock), and its last use is written at most once a minute', async () => {
    const h = horloge();
    // Seven months on: the référent's password has not expired meanwhile (R-AC-2 left aside).
    const { app, creer, logiciel, cookie } = await referent({
      ...h.options,
      passwordMaxAgeDays: 0,
    });
    const { token, id } = (await creer({ name: 'Paie', expiresAt: '2027-06-30' })).json;
    const lastUsed = async (as = cookie) =>
      (await call(app, 'GET', '/api/tokens', { cookie: as })).json.find(
        (t: { id: string }) => t.id === id,
      ).lastUsedAt;

    expect((await logiciel(token, 'GET', '/api/cafs')).status).toBe(200);
    expect(await lastUsed()).toBe('2026-12-02T10:15:00.000Z');
    h.avancer(30_000);
    expect((await logiciel(token, 'GET', '/api/cafs')).status).toBe(200);
    expect(await lastUsed()).toBe('2026-12-02T10:15:00.000Z');
    h.avancer(31_000);
    expect((await logiciel(token, 'GET', '/api/cafs')).status).toBe(200);
    expect(await lastUsed()).toBe('2026-12-02T10:16:01.000Z');

    h.aller('2027-06-30T21:00:00Z');
    expect((await logiciel(token, 'GET', '/api/cafs')).status).toBe(200);
    h.aller('2027-07-01T08:00:00Z');
    const expired = await logiciel(token, 'GET', '/api/cafs');
    expect(expired.status).toBe(401);
    expect(expired.json.error).toEqual({
      code: 'jeton-expire',
      message:
        "Ce jeton d'accès a expiré le 30/06/2027. Demandez-en un nouveau au référent de votre établissement.",
    });
    const again = await ready(app, VILLETTE.referent);
    const listed = (await call(app, 'GET', '/api/tokens', { cookie: again })).json[0];
    expect(listed).toMatchObject({ id, expired: true, revoked: false });
  });

  it('revoked: 401 from then on, shown revoked in the list; another Esat’s token is not found', async () => {
    const { app, creer, logiciel, cookie, dir } = await referent();
    const { token, id } = (await creer({ name: 'Paie' })).json;
    expect((await logiciel(token, 'GET', '/api/workers')).status).toBe(200);
    const other = await ready(app, SURESNES.declarant);
    expect((await call(app, 'DELETE', `/api/tokens/${id}`, { cookie: other })).status).toBe(403);

    const r = await call(app, 'DELETE', `/api/tokens/${id}`, { cookie });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id, revoked: true });
    const denied = await logiciel(token, 'GET', '/api/workers');
    expect(denied.status).toBe(401);
    expect(denied.json.error.code).toBe('jeton-inconnu');
    expect(
      (await call(app, 'GET', '/api/tokens', { cookie })).json.find(
        (t: { id: string }) => t.id === id,
      ),
    ).toMatchObject({ revoked: true });
    expect(
      (await call(app, 'DELETE', '/api/tokens/00000000-0000-0000-0000-000000000000', { cookie }))
        .status,
    ).toBe(404);
    expect(jsonLines(join(dir, 'audit.jsonl'))).toContainEqual(
      expect.objectContaining({ action: 'jeton-revoque', who: VILLETTE.referent, jeton: 'Paie' }),
    );
  });

  it(`is limited to ${REQUETES_PAR_MINUTE} requests a minute (429 with Retry-After), per token`, async () => {
    const h = horloge();
    const { creer, logiciel } = await referent(h.options);
    const { token } = (await creer({ name: 'Paie' })).json;
    const { token: second } = (await creer({ name: 'Autre' })).json;
    for (let i = 0; i < REQUETES_PAR_MINUTE; i++) {
      const r = await logiciel(token, 'GET', '/api/cafs');
      if (r.status !== 200) throw new Error(`request ${i}: ${r.status}`);
    }
    h.avancer(20_000);
    const refused = await logiciel(token, 'GET', '/api/cafs');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.json.error.message).toBe(
      "Trop de requêtes avec ce jeton d'accès. Réessayez dans 40 secondes.",
    );
    expect((await logiciel(second, 'GET', '/api/cafs')).status).toBe(200);
    h.avancer(40_000);
    expect((await logiciel(token, 'GET', '/api/cafs')).status).toBe(200);
  });

  it('a valid token’s writes are not anonymous: the per-address limit of anonymous writes does not count them', async () => {
    const { app, creer } = await referent();
    const { token } = (await creer({ name: 'Paie' })).json;
    // One client address, as the Node server gives it (the socket's peer).
    const env = { incoming: { socket: { remoteAddress: '203.0.113.7' } } };
    const post = (bearer: string) =>
      app.request(
        '/api/declarations',
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
          body: '{}',
        },
        env,
      );
    for (let i = 0; i <= ECRITURES_ANONYMES; i++) expect((await post(token)).status).toBe(400);
    // The same address with an unknown token is anonymous: limited.
    const statuses: number[] = [];
    for (let i = 0; i <= ECRITURES_ANONYMES; i++) statuses.push((await post('esat_faux')).status);
    expect(statuses.slice(0, ECRITURES_ANONYMES).every((st) => st === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('R-AC-7: a token knows the Caf whose identifiant its creator had given in that session', async () => {
    const { app, cookie, creer, logiciel, data } = await referent();
    const hdf = data.workers.find(
      (w) => w.esat === worker(data, 'BENALI', 'Karim').esat && w.caf === '921',
    )!;
    const before = (await creer({ name: 'Avant' })).json.token;
    await identifier(app, cookie, '921', '00000092101');
    const after = (await creer({ name: 'Après' })).json.token;
    expect((await logiciel(before, 'GET', `/api/workers/${hdf.id}`)).json.error.code).toBe(
      'identifiant-requis',
    );
    expect((await logiciel(after, 'GET', `/api/workers/${hdf.id}`)).status).toBe(200);
  });
});
