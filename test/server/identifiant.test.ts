/**
 * R-AC-7: a Caf that does not know the Esat's SIRET asks for the identifiant de communication it
 * gave (demo world: the Hauts-de-Seine Caf for the Ateliers de la Villette, id 00000092101).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SURESNES, VILLETTE, call, identifier, ready, setup } from './helpers.ts';
import { jsonLines } from './process.ts';

describe('R-AC-7: identifiant de communication', () => {
  it('nothing of that Caf’s workers before the identifiant: list, fiche, draft, declaration → 403', async () => {
    const { app, data } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const villette = data.esats.find(
      (e) => e.siret === data.users.find((u) => u.email === VILLETTE.declarant)!.esat,
    )!;
    const du92 = data.workers.find((w) => w.esat === villette.siret && w.caf === '921')!;
    const du75 = data.workers.find((w) => w.esat === villette.siret && w.caf === '751')!;

    const list = await call(app, 'GET', '/api/workers?caf=921', { cookie });
    expect(list.status).toBe(403);
    expect(list.json.error.code).toBe('identifiant-requis');
    expect(list.json.error.message).toMatch(/identifiant de communication/);
    expect((await call(app, 'GET', `/api/workers/${du92.id}`, { cookie })).status).toBe(403);
    const draft = await call(app, 'PUT', `/api/drafts/${du92.id}`, {
      cookie,
      body: { teleprocedure: 'certificat', saisie: {}, reponses: {} },
    });
    expect(draft.status).toBe(403);
    const declaration = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId: du92.id, kind: 'certificat', data: {} },
    });
    expect(declaration.status).toBe(403);
    // Without a Caf, the list leaves that Caf's workers out; the other Caf is open as before.
    const all = await call(app, 'GET', '/api/workers?pageSize=100', { cookie });
    expect(all.json.items.every((w: { caf: string }) => w.caf === '751')).toBe(true);
    expect((await call(app, 'GET', `/api/workers/${du75.id}`, { cookie })).status).toBe(200);
  });

  it('a short identifiant is completed with zeros on the left; then that Caf opens for this session only', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const r = await call(app, 'POST', '/api/cafs/921/identifiant', {
      cookie,
      body: { identifiant: ' 92101 ' },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ code: '921', identifiantRequis: false });
    const cafs = await call(app, 'GET', '/api/cafs', { cookie });
    expect(cafs.json.find((c: { code: string }) => c.code === '921').identifiantRequis).toBe(false);
    const list = await call(app, 'GET', '/api/workers?caf=921', { cookie });
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(6);
    // Another session of the same user is asked again.
    const other = await ready(app, VILLETTE.declarant);
    expect((await call(app, 'GET', '/api/workers?caf=921', { cookie: other })).status).toBe(403);
    // The full 11 characters work too.
    await identifier(app, other, '921', '00000092101');
    expect((await call(app, 'GET', '/api/workers?caf=921', { cookie: other })).status).toBe(200);
  });

  it('an unknown identifiant is a blocking message « contactez votre Caf »; a malformed one a field message', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const unknown = await call(app, 'POST', '/api/cafs/921/identifiant', {
      cookie,
      body: { identifiant: '92102' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('identifiant-inconnu');
    expect(unknown.json.error.message).toMatch(/contactez votre Caf/);
    expect(unknown.json.error.fields).toEqual([
      { path: '/identifiant', message: unknown.json.error.message },
    ]);
    const malformed = await call(app, 'POST', '/api/cafs/921/identifiant', {
      cookie,
      body: { identifiant: '123-456' },
    });
    expect(malformed.status).toBe(422);
    expect(malformed.json.error.fields[0]).toEqual({
      path: '/identifiant',
      message: expect.stringMatching(/au plus 11 chiffres ou lettres/),
    });
    const tooLong = await call(app, 'POST', '/api/cafs/921/identifiant', {
      cookie,
      body: { identifiant: '000000921011' },
    });
    expect(tooLong.status).toBe(422);
    expect(
      (await call(app, 'POST', '/api/cafs/921/identifiant', { cookie, body: {} })).status,
    ).toBe(400);
    // Another Esat's Caf code, or a Caf that is not the Esat's: unknown.
    const suresnes = await ready(app, SURESNES.declarant);
    expect(
      (
        await call(app, 'POST', '/api/cafs/751/identifiant', {
          cookie: suresnes,
          body: { identifiant: '75101' },
        })
      ).status,
    ).toBe(404);
    expect((await call(app, 'GET', '/api/workers?caf=921', { cookie })).status).toBe(403);
  });

  it('guessing is stopped: after 5 wrong identifiants the session gets 429, even with the right one', async () => {
    const { app, dir } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    for (let i = 0; i < 5; i++) {
      const r = await call(app, 'POST', '/api/cafs/921/identifiant', {
        cookie,
        body: { identifiant: String(90000 + i) },
      });
      expect(r.status).toBe(404);
    }
    const blocked = await call(app, 'POST', '/api/cafs/921/identifiant', {
      cookie,
      body: { identifiant: '92101' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toMatch(/Contactez votre Caf/);
    // Each wrong identifiant is in the audit log once, under its own name, without the value.
    const audit = jsonLines<{ action: string; code?: string }>(join(dir, 'audit.jsonl'));
    expect(audit.filter((l) => l.action === 'identifiant-communication-refuse')).toHaveLength(5);
    expect(audit.some((l) => l.code === 'identifiant-inconnu')).toBe(false);
    expect(JSON.stringify(audit)).not.toContain('90000');
  });

  it('a Caf that knows the SIRET asks nothing', async () => {
    const { app } = await setup();
    const cookie = await ready(app, SURESNES.declarant);
    const cafs = await call(app, 'GET', '/api/cafs', { cookie });
    expect(cafs.json.map((c: { identifiantRequis: boolean }) => c.identifiantRequis)).toEqual([
      false,
    ]);
    expect((await call(app, 'GET', '/api/workers?caf=921', { cookie })).status).toBe(200);
  });
});
