/**
 * The HTTP contract written once (issue 15, SPEC §8, §13): each route is one definition — method,
 * path, who may call it, the JSON Schemas of its query and body, its answers per status. The
 * server validates with them (valider.ts), the OpenAPI document is generated from them
 * (openapi.ts), the contract tests walk them. A body schema says the *shape* (broken → 400
 * `requete-invalide`); `regles` says the rules a well-shaped body must keep (broken → 422 with the
 * route's code and `fields`). Messages are French (ajv-errors `errorMessage`, or valider.ts's).
 */

/** A JSON Schema as written here (`as const` literals, read by json-schema-to-ts for the types). */
export type Schema = Readonly<Record<string, unknown>>;

/**
 * Who may call a route: anyone; any live session (password to change and CGU not accepted yet
 * included); an Esat's user (R-AC-2, R-AC-5 done); the Esat's référent; an agent Caf (SPEC §10).
 */
export type Acces = 'public' | 'session' | 'esat' | 'referent' | 'agent';

export type Methode = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One answer of a route: a description, and its JSON body's schema or another media type. */
export interface Reponse {
  description: string;
  schema?: Schema;
  /** A body that is not JSON: `application/pdf`, `text/csv`… */
  media?: string[];
}

/** A rule of a body: its schema, the code of the 422 when broken, its message (else the first field's). */
export interface Regle {
  schema: Schema;
  code: string;
  message?: string;
}

export interface RouteDef {
  method: Methode;
  /** Hono's path: `/api/workers/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  acces: Acces;
  /** The query parameters, as strings (an empty one is absent); broken → 400. */
  query?: Schema;
  /** The JSON body's shape; broken → 400 `requete-invalide` with `fields`. */
  body?: Schema;
  /** The rules a well-shaped body keeps, in order; the first broken → 422 with its code and `fields`. */
  regles?: readonly Regle[];
  /** The body is a file (R-IM), of these media types. */
  fichier?: string[];
  /** Request headers read by the route (documented). */
  entetes?: Record<string, string>;
  reponses: Record<number, Reponse>;
  /** The refusals the route itself may answer, by status, with their codes. */
  erreurs?: Record<number, string[]>;
}

/** Keeps a definition's literal types (for the inferred input types) and checks its shape. */
export const route = <const R extends RouteDef>(r: R): R => r;
