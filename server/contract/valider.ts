/**
 * The one validation middleware of the HTTP contract (issue 15): a route's definition gives who
 * may call it (the access middlewares of context.ts, in order) and the schemas of its query and
 * body, checked with ajv configured by forms/ajv.ts (the validator the forms use, its keywords
 * and French messages). Malformed → 400 `requete-invalide` with `fields`; a rule broken → 422
 * with the route's code and `fields`. The handler reads `c.req.valid('json' | 'query')`, typed
 * from the same schemas (json-schema-to-ts), so that a typed client (`hc<AppType>`) knows them.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Context, MiddlewareHandler } from 'hono';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { createAjv } from '../../forms/ajv.ts';
import type { FieldError } from '../../forms/index.ts';
import { fail, messages } from '../errors.ts';
import { jsonBody, type Ctx, type Env } from '../context.ts';
import type { Acces, RouteDef, Schema } from './definir.ts';

let ajv: ReturnType<typeof createAjv> | undefined;
/** The contract's ajv: forms/ajv.ts's configuration, its schemas, union types allowed. */
export function ajvContrat() {
  return (ajv ??= createAjv({ unionTypes: true }));
}

const compiles = new WeakMap<Schema, ValidateFunction>();
/** A schema compiled once per process (apps are many in the tests). */
export function compiler(schema: Schema): ValidateFunction {
  let validate = compiles.get(schema);
  if (!validate) {
    validate = ajvContrat().compile(schema);
    compiles.set(schema, validate);
  }
  return validate;
}

const typesFr: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'vrai ou faux',
  object: 'un objet',
  array: 'une liste',
  null: 'null',
};

/** The French message of an error that its schema does not name (`errorMessage`). */
function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      return `La valeur attendue est ${types.map((t) => typesFr[t] ?? t).join(' ou ')}.`;
    }
    case 'required':
      return 'Ce champ est attendu.';
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'propertyNames':
      return "Ce champ n'est pas prévu.";
    case 'enum':
      return `Valeur attendue : ${(p.allowedValues as unknown[]).map((v) => `« ${String(v)} »`).join(', ')}.`;
    case 'const':
      return `Valeur attendue : « ${String(p.allowedValue)} ».`;
    case 'maxLength':
      return `Au plus ${String(p.limit)} caractères sont attendus.`;
    case 'minLength':
      return 'Ce champ ne peut pas être vide.';
    case 'maxItems':
      return `Au plus ${String(p.limit)} éléments sont attendus.`;
    case 'minItems':
      return 'Une liste non vide est attendue.';
    case 'minimum':
    case 'exclusiveMinimum':
      return `La valeur est au moins ${String(p.limit)}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `La valeur est au plus ${String(p.limit)}.`;
    default:
      return "Cette valeur n'est pas valide.";
  }
}

/** The JSON pointer an error names: the missing, extra or compared field when there is one. */
function chemin(e: ErrorObject): string {
  const cause = (e.params as { errors?: ErrorObject[] }).errors?.[0] ?? e;
  const p = cause.params as Record<string, string | undefined>;
  const champ =
    p.missingProperty ??
    p.champ ??
    p.additionalProperty ??
    p.unevaluatedProperty ??
    (cause.keyword === 'propertyNames' ? p.propertyName : undefined);
  return champ ? `${cause.instancePath}/${champ}` : cause.instancePath;
}

/** ajv's errors as the contract's `fields`: one message per path, the first met. */
export function champs(errors: ErrorObject[] | null | undefined): FieldError[] {
  const byPath = new Map<string, string>();
  for (const e of errors ?? []) {
    // The branches of if/then, anyOf or oneOf say more under their own path.
    if (e.keyword === 'if') continue;
    const path = chemin(e);
    // ajv reports a propertyNames failure twice: the name's own error, then the object's.
    if (e.keyword === 'enum' && e.propertyName !== undefined) continue;
    if (!byPath.has(path))
      byPath.set(path, e.keyword === 'errorMessage' ? (e.message ?? message(e)) : message(e));
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

type Entree<R, K extends 'body' | 'query'> = R extends { [k in K]: infer S }
  ? S extends JSONSchema
    ? FromSchema<S>
    : never
  : never;
/** What a route's handler reads with `c.req.valid()`, and what a typed client sends. */
export type Entrees<R extends RouteDef> = (R extends { body: Schema }
  ? { json: Entree<R, 'body'> }
  : object) &
  (R extends { query: Schema } ? { query: Entree<R, 'query'> } : object);

const parametres = 'Certains paramètres de la demande ne sont pas valides.';

/** Builds `contrat(def)`, the one middleware of a route: access, then query, then body. */
export function createContrat(ctx: Ctx) {
  const { authenticated, espaceEsat, espaceCaf, referent } = ctx;
  const gardes: Record<Acces, MiddlewareHandler<Env>[]> = {
    public: [],
    session: [authenticated],
    esat: [authenticated, espaceEsat],
    referent: [authenticated, espaceEsat, referent],
    agent: [authenticated, espaceCaf],
  };
  /** Runs the access middlewares in order, then `last`. */
  const enchainer = async (
    c: Context<Env>,
    mws: MiddlewareHandler<Env>[],
    last: () => Promise<void>,
    i = 0,
  ): Promise<void> => {
    if (i === mws.length) return last();
    await mws[i](c, () => enchainer(c, mws, last, i + 1));
  };

  return function contrat<const R extends RouteDef>(
    def: R,
  ): MiddlewareHandler<Env, R['path'], { in: Entrees<R>; out: Entrees<R> }> {
    const query = def.query && compiler(def.query);
    const body = def.body && compiler(def.body);
    const regles = (def.regles ?? []).map((r) => ({ ...r, validate: compiler(r.schema) }));
    return async (c, next) => {
      await enchainer(c as unknown as Context<Env>, gardes[def.acces], async () => {
        if (query) {
          // An empty parameter (`?page=`) is an absent one.
          const values = Object.fromEntries(
            Object.entries(c.req.query()).filter(([, v]) => v !== ''),
          );
          if (!query(values)) fail(400, 'requete-invalide', parametres, champs(query.errors));
          c.req.addValidatedData('query', values);
        }
        if (body) {
          const value = await jsonBody(c);
          if (!body(value))
            fail(400, 'requete-invalide', messages.requeteInvalide, champs(body.errors));
          for (const regle of regles) {
            if (regle.validate(value)) continue;
            const fields = champs(regle.validate.errors);
            fail(422, regle.code, regle.message ?? fields[0].message, fields);
          }
          c.req.addValidatedData('json', value as object);
        }
        await next();
      });
    };
  };
}

export type Contrat = ReturnType<typeof createContrat>;
