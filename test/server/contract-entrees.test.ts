/**
 * Contract tests generated from the route definitions (issue 15): for every route, a request
 * built from its schemas passes the contract, each kind of invalid input gets its code —
 * malformed JSON 400 `json-invalide`, a missing or mistyped field 400 `requete-invalide` naming
 * it, a broken rule 422 with the rule's code naming it, a bad query parameter 400 naming it —
 * and a private route answers 401 without a session. Over HTTP, as a client meets it.
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef, Schema } from '../../server/contract/definir.ts';
import { definitions } from '../../server/contract/routes.ts';
import {
  AGENT_PARIS,
  DEMO_PASSWORD,
  VILLETTE,
  call,
  ready,
  setup,
  type Call,
  type Setup,
} from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks the JSON Schemas of every route, whatever their keywords
type S = Record<string, any>;

/** A value the schema accepts, the simplest one. */
function exemple(schema: S): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return exemple(schema.anyOf[0]);
  const type = Array.isArray(schema.type)
    ? schema.type.find((t: string) => t !== 'null')
    : schema.type;
  switch (type) {
    case 'object': {
      const value: S = {};
      const required = [...(schema.required ?? []), ...(schema.oneOf?.[0]?.required ?? [])];
      for (const name of required) value[name] = exemple(schema.properties?.[name] ?? {});
      return value;
    }
    case 'array':
      return [exemple(schema.items ?? {})];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date') return '2026-12-02';
      if (schema.pattern?.includes('@')) return 'personne@esat.test';
      if (schema.pattern?.includes('20[0-9]')) return '2026';
      if (schema.pattern) return '1';
      return 'x';
    default:
      return 'x';
  }
}

/** A value of another JSON type than the schema's. */
const autreType = (schema: S): unknown =>
  schema.type === 'string' ? 42 : schema.const === true ? false : 'texte';

/** Values a rule refuses (one per keyword it has), when it can be built from the schema. */
function violations(schema: S): unknown[] {
  const out: unknown[] = [];
  if (schema.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1));
  if (schema.minLength) out.push('');
  if (schema.minimum !== undefined) out.push(schema.minimum - 1);
  if (schema.maximum !== undefined) out.push(schema.maximum + 1);
  if (schema.enum) out.push('zzz');
  if ('const' in schema) out.push('zzz');
  if (schema.pattern?.includes('@')) out.push('pas-une-adresse');
  if (schema.propertyNames) out.push({ inconnu: 1 });
  return out;
}

/** Bodies the schemas alone cannot guess (a rule between fields, a real password). */
const exemplesCorps: Record<string, unknown> = {
  'POST /api/password': { currentPassword: DEMO_PASSWORD, newPassword: 'court' },
  'POST /api/declarations/:id/avis': { note: 4 },
  'POST /api/caf/traitement': { ids: ['inconnue'], etat: 'traitee' },
  'POST /api/caf/relances': { year: 2026, esats: ['00000000000000'] },
};

const cle = (def: RouteDef) => `${def.method.toUpperCase()} ${def.path}`;
/** A body of the shape, each field given also keeping the rules on it. */
function corpsValide(def: RouteDef): unknown {
  if (cle(def) in exemplesCorps) return exemplesCorps[cle(def)];
  const value = exemple(def.body as S) as S;
  for (const regle of def.regles ?? []) {
    for (const [name, p] of Object.entries(((regle.schema as S).properties ?? {}) as S)) {
      if (name in value) value[name] = exemple({ ...(def.body as S).properties[name], ...p });
    }
  }
  return value;
}
const queryValide = (def: RouteDef): Record<string, string> =>
  (exemple(def.query as S) ?? {}) as Record<string, string>;

/** The path with its parameters filled (an unknown id: the contract is checked before it). */
const url = (def: RouteDef, query: Record<string, string> = {}) => {
  const path = def.path.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'email' ? 'inconnu%40esat.test' : name === 'n' ? '1' : 'inconnu',
  );
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
};

async function session(s: Setup, def: RouteDef) {
  if (def.acces === 'public') return undefined;
  return ready(s.app, def.acces === 'agent' ? AGENT_PARIS : VILLETTE.referent);
}

const chemins = (r: Call) =>
  ((r.json?.error?.fields ?? []) as { path: string }[]).map((f) => f.path);

describe.each(definitions.map((def) => [cle(def), def] as const))('%s', (_name, def) => {
  it('a request built from its schemas passes the contract', async () => {
    const s = await setup();
    const cookie = await session(s, def);
    const r = await call(
      s.app,
      def.method.toUpperCase(),
      url(def, def.query ? queryValide(def) : {}),
      {
        cookie,
        ...(def.body ? { body: corpsValide(def) } : {}),
      },
    );
    expect(r.status, JSON.stringify(r.json)).toBeLessThan(500);
    expect(String(r.json?.error?.code ?? ''), JSON.stringify(r.json)).not.toMatch(
      /^(requete|json)-invalide$/,
    );
    const regles = (def.regles ?? []).map((x: { code: string }) => x.code);
    if (r.status === 422) expect(regles, JSON.stringify(r.json)).not.toContain(r.json.error.code);
    // Its answer is one the definition declares.
    expect(
      Object.keys(def.reponses).map(Number).concat(400, 401, 403, 404, 409, 413, 415, 422, 429),
    ).toContain(r.status);
  });

  if (def.acces !== 'public') {
    it('401 without a session', async () => {
      const s = await setup();
      const r = await call(s.app, def.method.toUpperCase(), url(def));
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('non-authentifie');
    });
  }

  const body = def.body as S | undefined;
  if (body) {
    it('malformed JSON → 400 json-invalide; JSON that is not an object → 400 requete-invalide', async () => {
      const s = await setup();
      const cookie = await session(s, def);
      const bad = await call(s.app, def.method.toUpperCase(), url(def), { cookie, body: '{"a": ' });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('json-invalide');
      const list = await call(s.app, def.method.toUpperCase(), url(def), { cookie, body: [] });
      expect(list.status).toBe(400);
      expect(list.json.error.code).toBe('requete-invalide');
      expect(list.json.error.message).toMatch(/^[A-ZÀ-Ü].*[.]$/);
    });

    const required: string[] = body.required ?? [];
    const typed = Object.entries((body.properties ?? {}) as Record<string, S>).filter(
      ([, p]) => p.type !== undefined || 'const' in p,
    );
    if (required.length + typed.length > 0) {
      it(`each missing (${required.join(', ') || '—'}) or mistyped (${typed.map(([n]) => n).join(', ')}) field → 400 naming it`, async () => {
        const s = await setup();
        const cookie = await session(s, def);
        const valide = corpsValide(def) as S;
        for (const name of required) {
          const { [name]: _gone, ...sans } = valide;
          const r = await call(s.app, def.method.toUpperCase(), url(def), { cookie, body: sans });
          expect(r.status, name).toBe(400);
          expect(r.json.error.code).toBe('requete-invalide');
          expect(chemins(r), name).toContain(`/${name}`);
        }
        for (const [name, p] of typed) {
          const r = await call(s.app, def.method.toUpperCase(), url(def), {
            cookie,
            body: { ...valide, [name]: autreType(p) },
          });
          expect(r.status, name).toBe(400);
          expect(chemins(r), name).toContain(`/${name}`);
          for (const f of r.json.error.fields) expect(f.message).toMatch(/^[A-ZÀ-Ü«].*[.]$/);
        }
      });
    }

    for (const regle of def.regles ?? []) {
      const props = Object.entries(
        ((regle.schema as S).properties ?? {}) as Record<string, S>,
      ).flatMap(([name, p]) => violations(p).map((v) => [name, v] as const));
      if (props.length === 0) continue;
      it(`a broken rule → 422 ${regle.code} naming the field (${[...new Set(props.map(([n]) => n))].join(', ')})`, async () => {
        const s = await setup();
        const cookie = await session(s, def);
        for (const [name, value] of props) {
          const r = await call(s.app, def.method.toUpperCase(), url(def), {
            cookie,
            body: { ...(corpsValide(def) as S), [name]: value },
          });
          expect(r.status, `${name}: ${JSON.stringify(value)}`).toBe(422);
          expect(r.json.error.code).toBe(regle.code);
          expect(
            chemins(r).some((p) => p.startsWith(`/${name}`)),
            JSON.stringify(r.json),
          ).toBe(true);
        }
      });
    }
  }

  const query = def.query as S | undefined;
  const controles = Object.entries((query?.properties ?? {}) as Record<string, S>).filter(
    ([, p]) => p.pattern || p.enum || p.format || p.maxLength,
  );
  if (query && (controles.length > 0 || query.required)) {
    it(`a bad query parameter (${controles.map(([n]) => n).join(', ')}) or a missing one → 400 naming it`, async () => {
      const s = await setup();
      const cookie = await session(s, def);
      const valide = queryValide(def);
      for (const [name, p] of controles) {
        const mauvais = p.maxLength
          ? 'x'.repeat(p.maxLength + 1)
          : p.format === 'date'
            ? '2026-02-30'
            : 'zz';
        const r = await call(
          s.app,
          def.method.toUpperCase(),
          url(def, { ...valide, [name]: mauvais }),
          {
            cookie,
          },
        );
        expect(r.status, name).toBe(400);
        expect(r.json.error.code).toBe('requete-invalide');
        expect(chemins(r)).toEqual([`/${name}`]);
      }
      for (const name of (query.required ?? []) as string[]) {
        const { [name]: _gone, ...sans } = valide;
        const r = await call(s.app, def.method.toUpperCase(), url(def, sans), { cookie });
        expect(r.status, name).toBe(400);
        expect(chemins(r)).toEqual([`/${name}`]);
      }
    });
  }
});

it('the generated tests cover every route with a body or a query', () => {
  const avecEntree = definitions.filter((d) => d.body || d.query);
  expect(avecEntree.length).toBeGreaterThan(20);
  for (const d of avecEntree) expect(d.body ?? d.query).toBeTypeOf('object');
  expect(
    definitions.every((d) => (d as { body?: Schema }).body === undefined || d.method !== 'get'),
  ).toBe(true);
});
