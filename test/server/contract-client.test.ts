/**
 * The typed client (issue 15): `hc<AppType>`, the client the UI calls through (ui/api.ts), used
 * by HTTP tests against the app — its inputs are the route definitions' schemas, its answers the
 * handlers' types; the contract's refusals come back in their shape.
 */
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AppType } from '../../server/app.ts';
import { DEMO_PASSWORD, VILLETTE, setup, worker } from './helpers.ts';

/** A client of one app, carrying the session's cookie and CSRF token as a browser would. */
function clientDe(app: Awaited<ReturnType<typeof setup>>['app']) {
  let cookie = '';
  let csrf = '';
  const client = hc<AppType>('http://localhost', {
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('Cookie', cookie);
      if (csrf && init.method && init.method !== 'GET') headers.set('X-CSRF-Token', csrf);
      const res = await app.request(input, { ...init, headers });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return res;
    },
  });
  return { client, garderCsrf: (token: string) => (csrf = token) };
}

describe('typed client over HTTP (hc<AppType>)', () => {
  it('logs in, reads the profile and a page of workers, declares a certificat: typed answers', async () => {
    const s = await setup();
    const { client, garderCsrf } = clientDe(s.app);
    const login = await client.api.session.$post({
      json: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const connecte = await login.json();
    expect(connecte.user.role).toBe('declarant');
    garderCsrf(connecte.csrfToken);
    await client.api.cgu.$post({ json: { accept: true } });

    const me = await (await client.api.me.$get()).json();
    expect(me.esat?.name).toBe('Esat Les Ateliers de la Villette');
    expect(me.session.idleMinutes).toBe(30);

    const page = await (
      await client.api.workers.$get({ query: { q: 'benali', pageSize: '5' } })
    ).json();
    expect(page.pageSize).toBe(5);
    expect(page.items.map((w) => `${w.nom} ${w.prenom}`)).toEqual(['BENALI Karim']);
    // The worker carries its Caf (issue 15: the UI's type now says so too).
    expect(page.items[0].caf).toBe(worker(s.data, 'BENALI', 'Karim').caf);

    const declare = await client.api.declarations.$post(
      {
        json: {
          workerId: page.items[0].id,
          kind: 'certificat',
          data: { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 700 },
        },
      },
      { headers: { 'Idempotency-Key': 'client-type-1' } },
    );
    expect(declare.status).toBe(201);
    const accuse = await declare.json();
    expect(accuse.kind).toBe('certificat');
    expect(accuse.reference).toMatch(/^CE-2026-/);

    const fiche = await (
      await client.api.workers[':id'].$get({ param: { id: page.items[0].id } })
    ).json();
    expect(fiche.history.map((h) => h.id)).toContain(accuse.id);
  });

  it('the contract’s refusals through the client: 400 naming the field, 422 with its rule’s code', async () => {
    const s = await setup();
    const { client, garderCsrf } = clientDe(s.app);
    const login = await client.api.session.$post({
      json: { email: VILLETTE.referent, password: DEMO_PASSWORD },
    });
    garderCsrf((await login.json()).csrfToken);
    await client.api.cgu.$post({ json: { accept: true } });
    const bad = await client.api.workers.$get({ query: { page: 'zéro' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'requete-invalide', fields: [{ path: '/page' }] },
    });
    const regle = await client.api.users.$post({
      json: { email: 'pas-une-adresse', role: 'chef' },
    });
    expect(regle.status).toBe(422);
    const refus = (await regle.json()) as unknown as {
      error: { code: string; fields: { path: string }[] };
    };
    expect(refus.error.code).toBe('utilisateur-invalide');
    expect(refus.error.fields.map((f) => f.path)).toEqual(['/email', '/role']);
  });
});
