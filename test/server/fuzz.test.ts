/**
 * Issue 11: a bounded, seeded fuzz of every route of the app — enumerated from `app.routes`, so a
 * route added later is fuzzed too — as anonymous, déclarant, référent and agent. Every answer is
 * below 500 and, when it is an error, of the contract's shape; no declaration is stored with a
 * key its schema does not name, no draft with a name the forms do not know.
 * `npm run fuzz` runs a bigger one (FUZZ_REQUESTS, FUZZ_SEED).
 */
import { describe, expect, it } from 'vitest';
import { declarationKinds, formDefinition, type DeclarationKind } from '../../forms/index.ts';
import { champsDeSaisie, clesDeReponses } from '../../server/context.ts';
import {
  AGENT_PARIS,
  DEMO_PASSWORD,
  SURESNES,
  VILLETTE,
  csrfOf,
  identifier,
  login,
  ready,
  setup,
  worker,
  lire,
  reecrire,
} from './helpers.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

/** mulberry32: a small seeded generator, the same run for the same seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** Valid data of every kind on 2 December 2026, for the fuzz to reach the deep code. */
const valides: Record<DeclarationKind, Record<string, unknown>> = {
  certificat: { moisRemunerationGarantie: 12, remunerationGarantie: 1300, aideAuPoste: 700 },
  augmentation: {
    dateEffet: '2026-11-01',
    tauxAvant: 50,
    tauxApres: 80,
    aideAuPoste: 400,
    remunerationGarantie: 900,
  },
  reduction: {
    dateEffet: '2026-11-01',
    tauxAvant: 80,
    tauxApres: 50,
    aideAuPoste: 400,
    remunerationGarantie: 900,
  },
  depart: {
    dateDepart: '2026-11-30',
    motif: 'conge-parental-temps-plein',
    dateRetourPrevue: '2027-03-01',
  },
  'double-debut': {
    dateEffet: '2026-11-02',
    tauxEsatAvant: 100,
    tauxEsatApres: 60,
    tauxMilieuOrdinaire: 40,
  },
  'double-modification': { dateEffet: '2026-11-01', tauxEsatAvant: 60, tauxEsatApres: 50 },
  'double-fin': {
    dateEffet: '2026-11-10',
    tauxEsatAvant: 40,
    tauxMilieuOrdinaireAvant: 60,
    tauxEsatApres: 0,
    tauxMilieuOrdinaireApres: 100,
    motif: 'autre',
  },
};

const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
const fieldNames = [
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'accept',
  'identifiant',
  'active',
  'role',
  'workerId',
  'kind',
  'data',
  'teleprocedure',
  'saisie',
  'reponses',
  'note',
  'commentaire',
  ...champsDeSaisie,
  ...clesDeReponses,
  ...prototypeNames,
];
const garbageParams = [
  '%25',
  '%',
  '%zz',
  '%E9',
  '..',
  '__proto__',
  'constructor',
  'x'.repeat(300),
  '0',
  '-1',
  "'%20or%201=1",
  '%3Cscript%3E',
];
const rawBodies = [
  '',
  '[',
  'null',
  '"x"',
  '{"a":',
  '{}',
  '[]',
  '{"__proto__":{"admin":true}}',
  `${'['.repeat(4100)}${']'.repeat(4100)}`,
  `{"a":${'{"a":'.repeat(25)}1${'}'.repeat(25)}}`,
  `"${'x'.repeat(70_000)}"`,
];

describe('fuzz (issue 11)', () => {
  it(
    `${REQUESTS} seeded requests over every route, as anonymous, déclarant, référent and agent: no 5xx, contract-shaped errors, no stored unknown key`,
    async () => {
      const rng = generator(SEED);
      let t = Date.parse('2026-12-02T10:00:00Z');
      const { app, data, store } = await setup({ clock: () => t });
      const routes = [
        ...new Map(
          app.routes
            .filter(
              (r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'),
            )
            .map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }]),
        ).values(),
      ];
      expect(routes.length).toBeGreaterThanOrEqual(15);

      const accounts = {
        declarant: VILLETTE.declarant,
        referent: VILLETTE.referent,
        agent: AGENT_PARIS,
      };
      type Role = 'anonymous' | keyof typeof accounts;
      const cookies: Partial<Record<Role, string>> = {};
      const open = async (role: keyof typeof accounts) => {
        // What the fuzz did to the account (deactivated it) is undone; a lock is waited out.
        await reecrire(store, async (d) => {
          const u = d.users.find((x) => x.email === accounts[role])!;
          u.active = true;
        });
        try {
          cookies[role] =
            role === 'agent' ? await login(app, accounts[role]) : await ready(app, accounts[role]);
          if (role === 'declarant') await identifier(app, cookies[role]!, '921', '92101');
        } catch {
          cookies[role] = undefined;
        }
      };
      for (const role of Object.keys(accounts) as (keyof typeof accounts)[]) await open(role);

      const villette = data.workers.filter((w) => w.esat === worker(data, 'BENALI', 'Karim').esat);
      const ids = {
        worker: [
          ...villette.slice(0, 5).map((w) => w.id),
          data.workers.find((w) => w.esat !== villette[0].esat)!.id,
        ],
        email: [
          VILLETTE.declarant,
          VILLETTE.referent,
          SURESNES.declarant,
          AGENT_PARIS,
          'nouvelle@ateliers-villette.test',
        ],
        caf: ['751', '921', '999'],
        declaration: [] as string[],
      };
      const paramValue = (name: string) => {
        if (rng.chance(0.35)) return rng.pick(garbageParams);
        const list = /email/i.test(name)
          ? ids.email
          : /caf|code/i.test(name)
            ? ids.caf
            : /worker/i.test(name)
              ? ids.worker
              : ids.declaration.length && rng.chance(0.7)
                ? ids.declaration
                : ids.worker;
        return encodeURIComponent(rng.pick(list));
      };
      const value = (depth = 0): unknown => {
        switch (rng.int(depth > 3 ? 6 : 9)) {
          case 0:
            return rng.pick([
              '',
              'x',
              'retraite',
              'oui',
              'non',
              '2026-11-30',
              '30/11/2026',
              VILLETTE.declarant,
              DEMO_PASSWORD,
              'Le jardin de Suresnes fleurit en mai',
              '92101',
              'declarant',
              'referent',
              'certificat',
              'changement',
              ...declarationKinds,
              'y'.repeat(rng.int(3000)),
            ]);
          case 1:
            return rng.pick([
              0,
              1,
              -1,
              12,
              50,
              100,
              700,
              1300,
              1e308,
              0.001,
              700.555,
              Number.MAX_SAFE_INTEGER,
            ]);
          case 2:
            return rng.chance(0.5);
          case 3:
            return null;
          case 4:
            return rng.pick(ids.worker);
          case 5:
            return rng.pick(ids.email);
          case 6:
            return Array.from({ length: rng.int(4) }, () => value(depth + 1));
          default:
            return object(depth + 1);
        }
      };
      const object = (depth = 0): Record<string, unknown> => {
        const o: Record<string, unknown> = {};
        for (let i = rng.int(5); i > 0; i--)
          Object.defineProperty(o, rng.pick(fieldNames), {
            value: value(depth),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return o;
      };
      const declaration = () => {
        const kind = rng.pick(declarationKinds);
        const d: Record<string, unknown> = { ...valides[kind] };
        if (rng.chance(0.5)) {
          const key = rng.pick([...prototypeNames, 'inconnu', ...Object.keys(d)]);
          Object.defineProperty(d, key, {
            value: value(1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return { workerId: rng.pick(ids.worker), kind, data: d };
      };
      /** Plausible bodies of the known routes (a route added later gets random objects). */
      const templates: Record<string, () => unknown> = {
        'POST /api/session': () => ({
          email: rng.pick(ids.email),
          password: rng.pick([DEMO_PASSWORD, 'faux-mot-de-passe']),
        }),
        'POST /api/password': () => ({
          currentPassword: rng.pick(['faux-mot-de-passe', '']),
          newPassword: rng.pick(['aaaaaaaaaaaa', 'court', 'Le jardin de Suresnes fleurit en mai']),
        }),
        'POST /api/password/forgot': () => ({ email: rng.pick(ids.email) }),
        'POST /api/cgu': () => ({ accept: rng.chance(0.8) }),
        'POST /api/cafs/:code/identifiant': () => ({
          identifiant: rng.pick(['92101', '1', 'abc', '0'.repeat(20)]),
        }),
        'POST /api/users': () => ({
          email: `fuzz${rng.int(1000)}@ateliers-villette.test`,
          role: rng.pick(['declarant', 'referent', 'agent']),
        }),
        'PATCH /api/users/:email': () => ({ active: rng.chance(0.7) }),
        'POST /api/declarations/:id/avis': () => ({
          note: rng.pick([1, 5, 6, 2.5]),
          commentaire: rng.pick(['Très bien', 'x'.repeat(2100)]),
        }),
        'PUT /api/drafts/:workerId': () => ({
          teleprocedure: rng.pick(['certificat', 'changement']),
          saisie: Object.fromEntries([[rng.pick([...champsDeSaisie]), '12']]),
          reponses: rng.chance(0.5) ? { doubleActivite: 'non' } : object(2),
        }),
        'POST /api/declarations': declaration,
      };
      const body = (route: string): { text?: string; type?: string } => {
        if (rng.chance(0.12)) return { text: rng.pick(rawBodies), type: 'application/json' };
        const json: unknown = templates[route] && rng.chance(0.7) ? templates[route]() : object();
        if (rng.chance(0.15) && json && typeof json === 'object') {
          Object.defineProperty(json, rng.pick(prototypeNames), {
            value: value(1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        const text = JSON.stringify(json);
        if (rng.chance(0.08))
          return {
            text,
            type: rng.pick([
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
            ]),
          };
        return { text, type: 'application/json' };
      };

      const problems: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        t += 1000;
        // The declaration route, the one that stores what a client sends, is drawn more often
        // than its share of a list that grows with every capability.
        let route = rng.chance(0.1)
          ? routes.find((r) => r.method === 'POST' && r.path === '/api/declarations')!
          : rng.pick(routes);
        // Logging out ends a role's session: drawn less often, so the others are reached.
        while (route.method === 'DELETE' && route.path === '/api/session' && rng.chance(0.8))
          route = rng.pick(routes);
        const role = rng.pick(['anonymous', 'declarant', 'referent', 'agent'] as Role[]);
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) => paramValue(name));
        const query =
          route.method === 'GET' && rng.chance(0.5)
            ? `?${rng.pick(['caf', 'q', 'page', 'pageSize'])}=${rng.pick(['751', '921', '-1', '0', '1e9', '%', 'a%20b', 'x'.repeat(500)])}`
            : '';
        const headers: Record<string, string> = {};
        const cookie = role === 'anonymous' ? undefined : cookies[role];
        if (cookie) headers.Cookie = cookie;
        if (cookie && rng.chance(0.9) && route.method !== 'GET')
          headers['X-CSRF-Token'] = csrfOf(cookie) ?? '';
        if (rng.chance(0.2)) headers['Idempotency-Key'] = rng.pick(['k1', 'k2', 'x'.repeat(300)]);
        const unsafe = /^(POST|PUT|PATCH)$/.test(route.method);
        const b = unsafe ? body(`${route.method} ${route.path}`) : {};
        if (b.type) headers['Content-Type'] = b.type;
        const label = `#${i} ${role} ${route.method} ${path.slice(0, 80)}${query.slice(0, 40)}`;
        const res = await app.request(`${path}${query}`, {
          method: route.method,
          headers,
          body: b.text,
        });
        const text = await res.text();
        if (res.status >= 500) problems.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 400) {
          let json: { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const e = json?.error;
          const fieldsOk =
            e?.fields === undefined ||
            (Array.isArray(e.fields) &&
              e.fields.every(
                (f: { path?: unknown; message?: unknown }) =>
                  typeof f.path === 'string' && typeof f.message === 'string',
              ));
          if (typeof e?.code !== 'string' || typeof e?.message !== 'string' || !fieldsOk)
            problems.push(`${label}: ${res.status} not contract-shaped: ${text.slice(0, 200)}`);
        }
        if (res.status === 201 && route.path === '/api/declarations')
          ids.declaration.push(JSON.parse(text).id);
        // A role whose session the fuzz ended (logout, password, deactivation) logs in again.
        if (res.status === 401 && role !== 'anonymous') await open(role);
      }
      expect(problems).toEqual([]);

      const { declarations, drafts } = await lire(store);
      for (const d of declarations) {
        const known = new Set(formDefinition(d.kind).fields.map((f) => f.name));
        const unknown = Object.keys(d.data).filter((k) => !known.has(k));
        expect(unknown, `${d.kind} ${d.id}`).toEqual([]);
      }
      for (const d of drafts) {
        expect(Object.keys(d.saisie).filter((k) => !champsDeSaisie.has(k))).toEqual([]);
        expect(Object.keys(d.reponses).filter((k) => !clesDeReponses.has(k))).toEqual([]);
      }
      // The fuzz reached the code behind the checks: declarations were recorded.
      expect(declarations.length).toBeGreaterThan(0);
    },
    Math.max(60_000, REQUESTS * 200),
  );
});
