/**
 * Issue 5, hardening: sessions (random ids, rotation, ends), cookies, CSRF on every
 * state-changing route, security headers, body limits and malformed JSON on every route with a
 * body, and 404 for anything of another Esat. Routes are read from the app itself, so that a new
 * route is checked without being listed here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { reactAriaStyles } from '../../server/security.ts';
import { createSite } from '../../server/site.ts';
import {
  AGENT_PARIS,
  DEMO_PASSWORD,
  SURESNES,
  VILLETTE,
  call,
  csrfOf,
  login,
  outbox,
  ready,
  setup,
  worker,
  type Setup,
} from './helpers.ts';

const unsafe = /^(POST|PUT|PATCH|DELETE)$/;
const reduction = {
  dateEffet: '2026-11-01',
  tauxAvant: 80,
  tauxApres: 50,
  aideAuPoste: 500,
  remunerationGarantie: 900,
};

/** Every state-changing API route of the app, as `METHOD /path/:param`. */
function stateChangingRoutes(app: Setup['app']): string[] {
  const routes = app.routes
    .filter((r) => unsafe.test(r.method) && r.path.startsWith('/api/') && !r.path.includes('*'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)];
}

/** A world with one declaration of Villette's, and the values to put in each route's params. */
async function world() {
  const s = await setup();
  const villette = await ready(s.app, VILLETTE.declarant);
  const benali = worker(s.data, 'BENALI', 'Karim');
  const suresnesWorker = s.data.workers.find((w) => w.esat !== benali.esat)!;
  const declared = await call(s.app, 'POST', '/api/declarations', {
    cookie: villette,
    body: { workerId: benali.id, kind: 'reduction', data: reduction },
  });
  expect(declared.status).toBe(201);
  const params: Record<string, string> = {
    ':id': declared.json.id,
    ':workerId': benali.id,
    ':code': '751',
    ':email': VILLETTE.declarant,
    ':siret': benali.esat,
    ':n': '2',
  };
  const path = (route: string) => {
    const [method, template] = route.split(' ');
    const filled = template.replace(/:[A-Za-z]+/g, (p) => {
      if (!(p in params)) throw new Error(`no test value for ${p} in ${route}: add one`);
      return encodeURIComponent(params[p]);
    });
    // GET /api/workers/:id is a worker, the declarations' :id a declaration.
    return {
      method,
      path: template.startsWith('/api/workers/')
        ? filled.replace(declared.json.id, benali.id)
        : filled,
    };
  };
  return { ...s, villette, benali, suresnesWorker, declarationId: declared.json.id, path };
}

describe('sessions (issue 5)', () => {
  it('ids are 256 random bits (43 base64url characters), never twice the same', async () => {
    const { app } = await setup();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const cookie = await login(app, VILLETTE.declarant);
      expect(cookie).toMatch(/^esat_session=[A-Za-z0-9_-]{43}$/);
      ids.add(cookie);
    }
    expect(ids.size).toBe(20);
  });

  it('logging in again rotates the id: the session the browser had is ended, never reused', async () => {
    const { app } = await setup();
    const before = await login(app, VILLETTE.declarant);
    const r = await call(app, 'POST', '/api/session', {
      cookie: before,
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    const after = r.headers.get('set-cookie')!.split(';')[0];
    expect(after).not.toBe(before);
    expect((await call(app, 'GET', '/api/me', { cookie: before })).status).toBe(401);
    expect((await call(app, 'GET', '/api/me', { cookie: after })).status).toBe(200);
  });

  it('an id chosen by someone else (session fixation) is never adopted at login', async () => {
    const { app } = await setup();
    const planted = 'esat_session=' + 'A'.repeat(43);
    const r = await call(app, 'POST', '/api/session', {
      cookie: planted,
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
    });
    expect(r.headers.get('set-cookie')!.split(';')[0]).not.toBe(planted);
    expect((await call(app, 'GET', '/api/me', { cookie: planted })).status).toBe(401);
  });

  it('logout ends the session and its CSRF token', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    expect((await call(app, 'DELETE', '/api/session', { cookie })).status).toBe(204);
    const r = await call(app, 'POST', '/api/cgu', { cookie, body: { accept: true } });
    expect(r.status).toBe(401);
  });

  it('a password change ends every session of the account (the other browser too) and gives this page a new one', async () => {
    const { app } = await setup();
    const here = await ready(app, VILLETTE.declarant);
    const elsewhere = await ready(app, VILLETTE.declarant);
    const colleague = await ready(app, VILLETTE.referent);
    const r = await call(app, 'POST', '/api/password', {
      cookie: here,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Une phrase assez longue 2027' },
    });
    expect(r.status).toBe(200);
    const renewed = r.headers.get('set-cookie')!.split(';')[0];
    expect(renewed).not.toBe(here);
    expect(r.json.csrfToken).toBe(csrfOf(renewed));
    expect(r.json.csrfToken).not.toBe(csrfOf(here));
    expect((await call(app, 'GET', '/api/me', { cookie: here })).status).toBe(401);
    expect((await call(app, 'GET', '/api/me', { cookie: elsewhere })).status).toBe(401);
    expect((await call(app, 'GET', '/api/cafs', { cookie: renewed })).status).toBe(200);
    // Another account is not touched.
    expect((await call(app, 'GET', '/api/me', { cookie: colleague })).status).toBe(200);
  });

  it('R-AC-3: logging in with the mailed provisional password ends the other sessions of the account', async () => {
    const { app, dir } = await setup();
    const elsewhere = await ready(app, VILLETTE.declarant);
    await call(app, 'POST', '/api/password/forgot', { body: { email: VILLETTE.declarant } });
    for (let i = 0; i < 50 && outbox(dir).length === 0; i++) await sleep(20);
    const provisional = /valable 24 heures : (\S+)/.exec(outbox(dir)[0].text)![1];
    await login(app, VILLETTE.declarant, provisional);
    expect((await call(app, 'GET', '/api/me', { cookie: elsewhere })).status).toBe(401);
  });
});

describe('cookie attributes', () => {
  const cookieOf = async (
    url: string,
    headers: Record<string, string> = {},
    trustProxy = false,
  ) => {
    const { app } = await setup({ trustProxy });
    const r = await call(app, 'POST', url, {
      body: { email: VILLETTE.declarant, password: DEMO_PASSWORD },
      headers,
    });
    expect(r.status).toBe(200);
    return r.headers.get('set-cookie')!;
  };

  it('HttpOnly, SameSite=Strict, Path=/ always; not Secure over plain HTTP', async () => {
    const cookie = await cookieOf('/api/session');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('Secure over direct TLS, and behind a trusted proxy saying X-Forwarded-Proto: https', async () => {
    expect(await cookieOf('https://esat.example.org/api/session')).toMatch(/; Secure/);
    expect(await cookieOf('/api/session', { 'X-Forwarded-Proto': 'https' }, true)).toMatch(
      /; Secure/,
    );
    // Without ESAT_TRUST_PROXY the header is anyone's word: ignored.
    expect(await cookieOf('/api/session', { 'X-Forwarded-Proto': 'https' })).not.toMatch(/Secure/);
  });
});

describe('CSRF (issue 5)', () => {
  it('every state-changing route of a session refuses a request without the token, or with a wrong one: 403 csrf', async () => {
    const { app, path } = await world();
    const routes = stateChangingRoutes(app).filter(
      (r) => r !== 'POST /api/session' && r !== 'POST /api/password/forgot',
    );
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const route of routes) {
      const { method, path: url } = path(route);
      const cookie = await ready(app, VILLETTE.referent);
      const other = await login(app, VILLETTE.declarant);
      for (const headers of [
        {},
        { 'X-CSRF-Token': 'x'.repeat(43) },
        { 'X-CSRF-Token': csrfOf(other)! },
      ] as Record<string, string>[]) {
        const r = await call(app, method, url, { cookie, body: {}, headers, csrf: false });
        expect(r.status, `${route} ${JSON.stringify(headers)}`).toBe(403);
        expect(r.json.error.code).toBe('csrf');
        expect(r.json.error.message).toMatch(/refusée/);
      }
      // The session is still there, and the same request with its token is not refused for CSRF.
      const ok = await call(app, method, url, { cookie, body: {} });
      expect(ok.json?.error?.code, route).not.toBe('csrf');
    }
  });

  it('a request from another site is refused (Origin or Sec-Fetch-Site), even before a session: login, forgotten password', async () => {
    const { app } = await setup();
    const body = { email: VILLETTE.declarant, password: DEMO_PASSWORD };
    for (const headers of [
      { Origin: 'https://pirate.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ] as Record<string, string>[]) {
      const r = await call(app, 'POST', '/api/session', { body, headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.json.error.code).toBe('csrf');
      expect(r.headers.get('set-cookie')).toBeNull();
      const forgot = await call(app, 'POST', '/api/password/forgot', { body, headers });
      expect(forgot.status).toBe(403);
    }
    // The service's own page (same origin) gets in.
    const own = await call(app, 'POST', '/api/session', {
      body,
      headers: { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(own.status).toBe(200);
  });

  it('with the right token, a request whose Origin is another site is still refused', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const r = await call(app, 'POST', '/api/cgu', {
      cookie,
      body: { accept: true },
      headers: { Origin: 'https://pirate.example' },
    });
    expect(r.status).toBe(403);
    expect((await call(app, 'GET', '/api/me', { cookie })).json.cguAccepted).toBe(false);
  });

  it('behind a trusted proxy the public origin is the one the proxy names', async () => {
    const headers = {
      Origin: 'https://esat.example.org',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'esat.example.org',
    };
    const body = { email: VILLETTE.declarant, password: DEMO_PASSWORD };
    const trusted = await setup({ trustProxy: true });
    expect((await call(trusted.app, 'POST', '/api/session', { body, headers })).status).toBe(200);
    const untrusted = await setup();
    expect((await call(untrusted.app, 'POST', '/api/session', { body, headers })).status).toBe(403);
  });

  it('logging out needs the token while the session is alive (another site cannot log a user out)', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const forged = await call(app, 'DELETE', '/api/session', { cookie, csrf: false });
    expect(forged.status).toBe(403);
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
  });

  it('GET /api/me gives the same token as the login, so that a reloaded page can go on', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    const me = await call(app, 'GET', '/api/me', { cookie });
    expect(me.json.csrfToken).toBe(csrfOf(cookie));
  });
});

describe('security headers', () => {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${reactAriaStyles.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`).join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');

  const expectHardened = (h: Headers, what: string) => {
    expect(h.get('content-security-policy'), what).toBe(csp);
    expect(h.get('x-content-type-options'), what).toBe('nosniff');
    expect(h.get('referrer-policy'), what).toBe('no-referrer');
    expect(h.get('x-frame-options'), what).toBe('DENY');
    expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
    expect(h.get('permissions-policy'), what).toMatch(/camera=\(\).*microphone=\(\)/);
    expect(h.get('x-powered-by'), what).toBeNull();
  };

  it('every API answer, errors included, carries them and Cache-Control: no-store', async () => {
    const { app } = await setup();
    const cookie = await login(app, VILLETTE.declarant);
    for (const [method, path, body] of [
      ['GET', '/api/calendar'],
      ['GET', '/api/me'],
      ['GET', '/api/workers'],
      ['POST', '/api/session', '{'],
      ['GET', '/api/nimporte-quoi'],
      ['POST', '/api/cgu', 'x'.repeat(70_000)],
    ] as const) {
      const r = await call(app, method, path, { cookie, body });
      expectHardened(r.headers, `${method} ${path} ${r.status}`);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
      expect(r.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('the only inline styles allowed (by hash) are the ones the installed react-aria injects', () => {
    const source = (file: string) =>
      readFileSync(
        new URL(`../../node_modules/react-aria/dist/private/${file}`, import.meta.url),
        'utf8',
      );
    const press = source('interactions/usePress.mjs').replace(
      /\[\$\{\$\w+\$var\$PRESSABLE_ATTRIBUTE\}\]/,
      '[data-react-aria-pressable]',
    );
    expect(press).toContain(reactAriaStyles[0]);
    expect(source('overlays/usePreventScroll.mjs')).toContain(reactAriaStyles[1]);
  });

  it('Strict-Transport-Security only over HTTPS (direct, or said by a trusted proxy)', async () => {
    const { app } = await setup();
    const tls = await call(app, 'GET', 'https://esat.example.org/api/calendar');
    expect(tls.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    const proxied = await setup({ trustProxy: true });
    const p = await call(proxied.app, 'GET', '/api/calendar', {
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(p.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('the static UI from dist/ carries them too (page, script, any client route)', async () => {
    const { app } = await setup();
    const dist = mkdtempSync(join(tmpdir(), 'esat-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/assets/main.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'main.js'), 'console.log(1)');
    const site = createSite(app, dist);
    for (const path of ['/', '/assets/main.js', '/mes-travailleurs']) {
      const r = await site.request(path);
      expect(r.status, path).toBe(200);
      expectHardened(r.headers, path);
    }
    const api = await site.request('/api/calendar');
    expectHardened(api.headers, '/api/calendar via the site');
  });
});

describe('request bodies: size limit and malformed JSON on every route with a body', () => {
  /** Routes that read no body: a body sent to them is ignored. */
  const bodyless = new Set([
    'DELETE /api/session',
    'DELETE /api/drafts/:workerId',
    'POST /api/imports/:id/envoi',
    'DELETE /api/imports/:id',
    'DELETE /api/tokens/:id',
  ]);
  /** A payroll file, not JSON: its own types (415) and limit (2 Mo), in test/server/import.test.ts. */
  const fichier = new Set(['POST /api/imports']);

  it('malformed JSON → 400 json-invalide, JSON that is not an object → 400, never 500', async () => {
    const { app, path } = await world();
    for (const route of stateChangingRoutes(app).filter((r) => !fichier.has(r))) {
      const { method, path: url } = path(route);
      for (const [body, code] of [
        ['{"email": "x@y.fr", ', 'json-invalide'],
        ['not json at all', 'json-invalide'],
        ['[1, 2]', 'requete-invalide'],
        ['"texte"', 'requete-invalide'],
        ['null', 'requete-invalide'],
      ] as const) {
        // The référent may use every route (the users' management too), the agent those of the
        // Caf (SPEC §10); a fresh session each time.
        const cookie = await ready(
          app,
          route.includes('/api/caf/') ? AGENT_PARIS : VILLETTE.referent,
        );
        const r = await call(app, method, url, { cookie, body });
        expect(r.status, `${route} ${body}`).toBeLessThan(500);
        if (!bodyless.has(route)) {
          expect(r.status, `${route} ${body}: ${JSON.stringify(r.json)}`).toBe(400);
          expect(r.json.error.code, `${route} ${body}`).toBe(code);
        }
      }
    }
  });

  it('a body over 64 kB → 413 requete-trop-grande in the error shape, on every route', async () => {
    const { app, path } = await world();
    const big = JSON.stringify({ email: 'x@y.fr', data: 'x'.repeat(70 * 1024) });
    for (const route of stateChangingRoutes(app).filter((r) => !fichier.has(r))) {
      const { method, path: url } = path(route);
      const cookie = await ready(app, VILLETTE.referent);
      const r = await call(app, method, url, { cookie, body: big });
      expect(r.status, route).toBe(413);
      expect(r.json.error).toEqual({
        code: 'requete-trop-grande',
        message: 'La requête est trop volumineuse.',
      });
    }
  });

  it('the limit holds without a Content-Length (a streamed body)', async () => {
    const { app } = await setup();
    const cookie = await ready(app, VILLETTE.declarant);
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const r = await app.request('/api/declarations', {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrfOf(cookie)!,
        'Content-Type': 'application/json',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(r.status).toBe(413);
  });
});

describe('404: nothing of another Esat (its workers, drafts, declarations, PDF)', () => {
  it('every route naming a worker, draft or declaration answers 404 to a user of another Esat, and the owner gets it', async () => {
    const { app, path, benali, declarationId, villette } = await world();
    // The owner's draft exists, so that a 404 cannot be "nothing there anyway".
    await call(app, 'PUT', `/api/drafts/${benali.id}`, {
      cookie: villette,
      body: {
        teleprocedure: 'changement',
        kind: 'reduction',
        reponses: {},
        saisie: { aideAuPoste: '12' },
      },
    });
    const suresnes = await ready(app, SURESNES.declarant);
    const bodies: Record<string, unknown> = {
      'PUT /api/drafts/:workerId': { teleprocedure: 'certificat', saisie: {} },
      'POST /api/declarations/:id/avis': { note: 5 },
    };
    const named = [
      ...new Set(
        app.routes
          .filter((r) => /^\/api\/(workers|drafts|declarations)\/:/.test(r.path))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const route of named) {
      const { method, path: url } = path(route);
      const r = await call(app, method, url, { cookie: suresnes, body: bodies[route] });
      expect(r.status, route).toBe(404);
      expect(r.json.error.code, route).toMatch(/^(travailleur|declaration)-inconnu/);
    }
    // A declaration for another Esat's worker, and its Caf's list.
    const post = await call(app, 'POST', '/api/declarations', {
      cookie: suresnes,
      body: { workerId: benali.id, kind: 'reduction', data: reduction },
    });
    expect(post.status).toBe(404);
    expect((await call(app, 'GET', '/api/workers?caf=751', { cookie: suresnes })).status).toBe(404);
    // Nothing was changed for the owner: its draft is still there, its PDF and fiche open.
    const fiche = await call(app, 'GET', `/api/workers/${benali.id}`, { cookie: villette });
    expect(fiche.json.brouillon?.saisie).toEqual({ aideAuPoste: '12' });
    expect(fiche.json.history.map((h: { id: string }) => h.id)).toEqual([declarationId]);
    const pdf = await call(app, 'GET', `/api/declarations/${declarationId}/pdf`, {
      cookie: villette,
    });
    expect(pdf.status).toBe(200);
  });
});

describe('sessions live in the store (R-ST-2)', () => {
  it('two apps on one store (two instances) share a session; an app on another store does not know it', async () => {
    const a = await setup();
    const cookie = await login(a.app, VILLETTE.declarant);
    const twin = createApp({
      store: a.store,
      mailer: { send: async () => undefined },
      today: () => '2026-12-02',
    });
    expect((await twin.request('/api/me', { headers: { Cookie: cookie } })).status).toBe(200);
    const other = await setup();
    expect((await other.app.request('/api/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });
});
