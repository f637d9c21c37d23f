/**
 * Issue 5, the audit log: who, when, what, which worker — as JSON lines in the data dir — and
 * never a password, a session id, a CSRF token or an amount.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLines } from './process.ts';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  SURESNES,
  VILLETTE,
  call,
  csrfOf,
  login,
  ready,
  setup,
  worker,
  lire,
} from './helpers.ts';

interface Line {
  at: string;
  action: string;
  who?: string;
  worker?: string;
  declaration?: string;
  kind?: string;
  code?: string;
  route?: string;
}

const lines = (dir: string) => jsonLines<Line>(join(dir, 'audit.jsonl'));

describe('audit log (audit.jsonl in the data dir)', () => {
  it('records who did what, when, on which worker; and never a password, session id, CSRF token or amount', async () => {
    const { app, dir, store } = await setup({ clock: () => Date.parse('2026-12-02T10:15:00Z') });
    const benali = worker(await lire(store), 'BENALI', 'Karim');
    const wrongPassword = 'Mauvais-Secret-Tres-Reconnaissable-99';
    const newPassword = 'Nouvelle phrase secrète 2027 reconnaissable';

    await call(app, 'POST', '/api/session', {
      body: { email: VILLETTE.declarant, password: wrongPassword },
    });
    // A password typed in the e-mail field is not an account: never written down.
    await call(app, 'POST', '/api/session', {
      body: { email: 'Mot-De-Passe-Tape-Au-Mauvais-Endroit', password: DEMO_PASSWORD },
    });
    const cookie = await ready(app, VILLETTE.declarant);
    const token = csrfOf(cookie)!;
    await call(app, 'GET', `/api/workers/${benali.id}`, { cookie });
    const r = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: benali.id,
        kind: 'certificat',
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 1387.43, aideAuPoste: 691.27 },
      },
    });
    expect(r.status).toBe(201);
    await call(app, 'GET', `/api/declarations/${r.json.id}/pdf`, { cookie });
    const changed = await call(app, 'POST', '/api/password', {
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword },
    });
    expect(changed.status).toBe(200);
    const renewed = changed.headers.get('set-cookie')!.split(';')[0];
    await call(app, 'DELETE', '/api/session', { cookie: renewed });
    // Another Esat trying a worker of this one.
    const suresnes = await ready(app, SURESNES.declarant);
    await call(app, 'GET', `/api/workers/${benali.id}`, { cookie: suresnes });
    // A forged request (no token).
    const other = await login(app, VILLETTE.referent);
    await call(app, 'POST', '/api/cgu', { cookie: other, body: { accept: true }, csrf: false });

    const log = lines(dir);
    const actions = log.map((l) => [l.action, l.who ?? null]);
    expect(actions).toEqual([
      ['echec-connexion', VILLETTE.declarant],
      ['echec-connexion', null],
      ['connexion', VILLETTE.declarant],
      ['cgu-acceptees', VILLETTE.declarant],
      ['fiche-consultee', VILLETTE.declarant],
      ['declaration-creee', VILLETTE.declarant],
      ['pdf-telecharge', VILLETTE.declarant],
      ['mot-de-passe-change', VILLETTE.declarant],
      ['deconnexion', VILLETTE.declarant],
      ['connexion', SURESNES.declarant],
      ['cgu-acceptees', SURESNES.declarant],
      ['acces-refuse', SURESNES.declarant],
      ['connexion', VILLETTE.referent],
      ['csrf-refuse', VILLETTE.referent],
    ]);
    expect(log.every((l) => l.at === '2026-12-02T10:15:00.000Z')).toBe(true);
    expect(log.find((l) => l.action === 'fiche-consultee')!.worker).toBe(benali.id);
    expect(log.find((l) => l.action === 'declaration-creee')).toMatchObject({
      worker: benali.id,
      declaration: r.json.id,
      kind: 'certificat',
    });
    expect(log.find((l) => l.action === 'pdf-telecharge')!.declaration).toBe(r.json.id);
    expect(log.find((l) => l.action === 'acces-refuse')).toMatchObject({
      code: 'travailleur-inconnu',
      route: `GET /api/workers/${benali.id}`,
    });

    const text = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    for (const secret of [
      DEMO_PASSWORD,
      wrongPassword,
      newPassword,
      'Mot-De-Passe-Tape-Au-Mauvais-Endroit',
      cookie.split('=')[1],
      renewed.split('=')[1],
      token,
      '1387',
      '691',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('R-AC-5 and R-AC-3: a refused access (CGU not accepted) and a forgotten-password request are logged for a known account only', async () => {
    // « Mot de passe oublié ? » works after its answer (R-AC-3): run that work here.
    const later: (() => Promise<void>)[] = [];
    const { app, dir } = await setup({ defer: (job) => later.push(job) });
    const cookie = await login(app, VILLETTE.declarant);
    await call(app, 'GET', '/api/cafs', { cookie });
    await call(app, 'POST', '/api/password/forgot', { body: { email: VILLETTE.referent } });
    await call(app, 'POST', '/api/password/forgot', { body: { email: 'inconnu@nulle-part.test' } });
    for (const job of later) await job();
    const log = lines(dir).map((l) => [l.action, l.who ?? null, l.code ?? null]);
    expect(log).toEqual([
      ['connexion', VILLETTE.declarant, null],
      ['acces-refuse', VILLETTE.declarant, 'cgu-non-acceptees'],
      ['mot-de-passe-oublie', VILLETTE.referent, null],
    ]);
  });
});
