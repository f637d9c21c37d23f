/**
 * R-API-1: the OpenAPI 3.1 document of the HTTP contract, generated from the route definitions
 * (routes.ts) and the forms' schemas (the declaration's `data`), so that it cannot drift from
 * the code; and its readable reference page (plain HTML and its stylesheet, no script, nothing inline: the service's CSP holds).
 */
import { declarationKinds } from '../../forms/index.ts';
import { defs, schemas as formulaires } from '../../forms/schemas/index.ts';
import { COOKIE } from '../context.ts';
import type { Acces, RouteDef, Schema } from './definir.ts';
import { erreur } from './schemas.ts';

/** `/api/workers/:id` → `/api/workers/{id}`. */
export const cheminOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const parametresDe = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

/** The name of a form's schema among the components: `formulaire-certificat`. */
export const formulaire = (kind: string) => `formulaire-${kind}`;

/** A form's schema as a component: no `$id`, its references made absolute in the document. */
function composant(name: string, schema: unknown): Schema {
  const text = JSON.stringify(schema)
    .replace(
      /"defs\.schema\.json#\/\$defs\//g,
      `"#/components/schemas/${formulaire('defs')}/$defs/`,
    )
    .replace(/"#\/\$defs\//g, `"#/components/schemas/${name}/$defs/`);
  const { $id: _id, $schema: _s, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

const accesFr: Record<Acces, string> = {
  public: 'Public (sans session).',
  session: 'Toute session ouverte (même avec un mot de passe à changer ou les CGU à accepter).',
  esat: "Un utilisateur d'un Esat (déclarant ou référent), mot de passe à jour, CGU acceptées.",
  referent: "Le référent de l'Esat.",
  agent: 'Un agent de la Caf (SPEC §10), mot de passe à jour, CGU acceptées.',
};

const ecrit = (def: RouteDef) => def.method !== 'get';

/** The refusals a route may answer: those of its access, of its input, and its own. */
export function erreursDe(def: RouteDef): Record<number, string[]> {
  const all: Record<number, Set<string>> = {};
  const add = (status: number, ...codes: string[]) => {
    all[status] ??= new Set();
    for (const c of codes) all[status].add(c);
  };
  if (def.acces !== 'public') {
    add(401, 'non-authentifie', 'session-expiree');
    if (ecrit(def)) add(403, 'csrf');
    if (def.acces !== 'session')
      add(403, 'acces-refuse', 'mot-de-passe-a-changer', 'cgu-non-acceptees');
  }
  if (def.query) add(400, 'requete-invalide');
  if (def.body) {
    add(400, 'json-invalide', 'json-trop-profond', 'requete-invalide');
    add(413, 'requete-trop-grande');
    add(415, 'type-non-supporte');
  }
  for (const r of def.regles ?? []) add(422, r.code);
  for (const [status, codes] of Object.entries(def.erreurs ?? {})) add(Number(status), ...codes);
  return Object.fromEntries(Object.entries(all).map(([s, codes]) => [s, [...codes]]));
}

/** The body's schema as documented: its shape and its rules together. */
function corpsDe(def: RouteDef): Schema | undefined {
  if (!def.body) return undefined;
  const regles = (def.regles ?? []).map((r) => r.schema);
  // The declaration's data: the form of its kind (forms/), checked by the declarer (422 validation).
  const donnees =
    def.path === '/api/declarations' && def.method === 'post'
      ? declarationKinds.map((k) => ({
          if: { properties: { kind: { const: k } } },
          then: { properties: { data: { $ref: `#/components/schemas/${formulaire(k)}` } } },
        }))
      : [];
  const tous = [...regles, ...donnees];
  return tous.length ? { allOf: [def.body, ...tous] } : def.body;
}

export interface OptionsDocument {
  /** The definitions to describe (the routes the app serves). */
  definitions: readonly RouteDef[];
  version?: string;
}

/** The OpenAPI 3.1 document of these routes. */
export function documentOpenApi({ definitions, version = '0.1.0' }: OptionsDocument) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of definitions) {
    const parameters: unknown[] = parametresDe(def.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = def.query as
      { properties?: Record<string, Schema>; required?: readonly string[] } | undefined;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: query?.required?.includes(name) ?? false,
        schema,
      });
    }
    for (const [name, description] of Object.entries(def.entetes ?? {})) {
      parameters.push({
        name,
        in: 'header',
        required: false,
        description,
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(def.reponses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { 'application/json': { schema: r.schema } } }
          : r.media
            ? {
                content: Object.fromEntries(
                  r.media.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
                ),
              }
            : {}),
      };
    }
    for (const [status, codes] of Object.entries(erreursDe(def))) {
      responses[status] = {
        description: `Refus : ${codes.map((c) => `\`${c}\``).join(', ')}.`,
        'x-codes': codes,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Erreur' } } },
      };
    }
    const corps = corpsDe(def);
    paths[cheminOpenApi(def.path)] ??= {};
    paths[cheminOpenApi(def.path)][def.method] = {
      operationId: `${def.method}${cheminOpenApi(def.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      tags: [def.tag],
      summary: def.summary,
      description: [def.description, `**Accès** : ${accesFr[def.acces]}`]
        .filter(Boolean)
        .join('\n\n'),
      'x-acces': def.acces,
      ...(parameters.length ? { parameters } : {}),
      ...(corps
        ? { requestBody: { required: true, content: { 'application/json': { schema: corps } } } }
        : def.fichier
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  def.fichier.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
                ),
              },
            }
          : {}),
      responses,
      security:
        def.acces === 'public' ? [] : ecrit(def) ? [{ session: [], csrf: [] }] : [{ session: [] }],
    };
  }
  const composants: Record<string, unknown> = { Erreur: erreur };
  composants[formulaire('defs')] = composant(formulaire('defs'), defs);
  for (const [kind, schema] of Object.entries(formulaires))
    composants[formulaire(kind)] = composant(formulaire(kind), schema);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Espace Esat — API',
      version,
      description:
        'Le contrat HTTP de l\'Espace Esat (SPEC §8, §10, §12, §13) : certificat d\'emploi et changements de situation des travailleurs d\'Esat, déclarés à la Caf. JSON ; les erreurs ont la forme `{"error":{"code","message","fields"}}` (400 mal formée, 401, 403, 404, 409, 422 règle non respectée avec `fields`, 429). Messages en français.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(definitions.map((d) => d.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: composants,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: COOKIE,
          description: 'The session cookie set by `POST /api/session` (HttpOnly, SameSite=Strict).',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description:
            'The session’s CSRF token (`csrfToken` of `POST /api/session`, `GET /api/me`), sent on every state-changing request.',
        },
      },
    },
  };
}

export type DocumentOpenApi = ReturnType<typeof documentOpenApi>;

const echapper = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escaped text, its `code` spans shown as code. */
const texteHtml = (s: string) => echapper(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The readable reference page of the document: one section per route, no script. */
export function pageReference(doc: DocumentOpenApi): string {
  const sections: string[] = [];
  for (const tag of doc.tags) {
    const operations: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods) as [string, Record<string, unknown>][]) {
        if (!(op.tags as string[]).includes(tag.name)) continue;
        const id = op.operationId as string;
        const params =
          (op.parameters as { name: string; in: string; required: boolean }[] | undefined) ?? [];
        const body = (
          op.requestBody as { content: Record<string, { schema: unknown }> } | undefined
        )?.content;
        const reponses = Object.entries(op.responses as Record<string, { description: string }>);
        operations.push(`<section id="${id}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${echapper(path)}</code></h3>
<p>${texteHtml(op.summary as string)}</p>
<p class="acces">${texteHtml((op.description as string).replace(/\*\*/g, ''))}</p>
${params.length ? `<h4>Paramètres</h4><ul>${params.map((p) => `<li><code>${echapper(p.name)}</code> (${p.in}${p.required ? ', obligatoire' : ''})</li>`).join('')}</ul>` : ''}
${body ? `<h4>Corps (${echapper(Object.keys(body).join(', '))})</h4><details><summary>Schéma JSON</summary><pre>${echapper(JSON.stringify(Object.values(body)[0].schema, null, 2))}</pre></details>` : ''}
<h4>Réponses</h4><dl>${reponses.map(([s, r]) => `<dt>${s}</dt><dd>${texteHtml(r.description)}</dd>`).join('')}</dl>
</section>`);
      }
    }
    sections.push(
      `<h2 id="${echapper(tag.name)}">${echapper(tag.name)}</h2>\n${operations.join('\n')}`,
    );
  }
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${echapper(doc.info.title)} — référence</title>
<link rel="stylesheet" href="/api/reference.css"></head><body>
<h1>${echapper(doc.info.title)} <small>${echapper(doc.info.version)}</small></h1>
<p>${texteHtml(doc.info.description)}</p>
<p>Le document OpenAPI 3.1 : <a href="/api/openapi.json"><code>/api/openapi.json</code></a>.</p>
<nav>${doc.tags.map((t) => `<a href="#${echapper(t.name)}">${echapper(t.name)}</a>`).join('')}</nav>
${sections.join('\n')}
</body></html>`;
}
