/**
 * R-API-1: `GET /api/openapi.json` is generated from the route definitions and describes exactly
 * the routes the app serves (walked in Hono's `app.routes`), and is a valid OpenAPI 3.1 document;
 * its reference page lists every route.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { definitions } from '../../server/contract/routes.ts';
import { cheminOpenApi, documentOpenApi } from '../../server/contract/openapi.ts';
import { call, setup, type Setup } from './helpers.ts';

/** The API routes Hono serves: `GET /api/workers/:id`, middlewares and the 404 catch-all aside. */
function servies(app: Setup['app']): string[] {
  const routes = app.routes
    .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)].sort();
}

/** A node of the OpenAPI document, walked by key (`paths[p].get.responses['200']…`). */
interface Noeud {
  [cle: string]: Noeud;
}

const decrites = (doc: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

describe('OpenAPI (R-API-1)', () => {
  it('the document served describes exactly the routes the app serves, no more, no fewer', async () => {
    const { app } = await setup();
    const r = await call(app, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    const routes = servies(app);
    // The walk itself sees the routes (a broken filter would compare two empty lists).
    expect(routes).toContain('POST /api/declarations');
    expect(routes.length).toBeGreaterThan(40);
    const attendu = routes.map((r) => {
      const [method, path] = r.split(' ');
      return `${method} ${cheminOpenApi(path)}`;
    });
    expect(decrites(r.json)).toEqual(attendu.sort());
    // One definition per route: the table has no route twice and none the app does not serve.
    const table = definitions.map((d) => `${d.method.toUpperCase()} ${d.path}`);
    expect(new Set(table).size).toBe(table.length);
    expect([...table].sort()).toEqual(routes);
  });

  it('a route without its definition, or a definition without its route, is seen', async () => {
    const { app } = await setup();
    const routes = servies(app);
    // The same comparison as above, on a document that lost one route's definition.
    const moins = documentOpenApi({ definitions: definitions.slice(1) });
    const attendu = routes.map((r) => r.replace(/:(\w+)/g, '{$1}')).sort();
    expect(decrites(moins)).not.toEqual(attendu);
    expect(attendu.filter((r) => !decrites(moins).includes(r))).toEqual([
      `${definitions[0].method.toUpperCase()} ${cheminOpenApi(definitions[0].path)}`,
    ]);
  });

  it('is a valid OpenAPI 3.1 document (its official JSON Schema), its references resolved', async () => {
    const doc = documentOpenApi({ definitions });
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does refuse a broken document (an answer without its description).
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Noeud> };
    delete broken.paths['/api/calendar'].get.responses['200'].description;
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
    // Every $ref points into the document.
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
      expect(node, ref).toBeTypeOf('object');
    }
  });

  it('says who may call each route, its errors in the contract shape, and the declaration data by the forms’ schemas', async () => {
    const doc = documentOpenApi({ definitions }) as unknown as {
      paths: Record<string, Noeud>;
      components: { schemas: Record<string, Noeud> };
    };
    const declarer = doc.paths['/api/declarations'].post;
    expect(declarer['x-acces']).toBe('esat');
    expect(declarer.security).toEqual([{ session: [], csrf: [] }]);
    expect(declarer.responses['201'].content['application/json'].schema.required).toContain(
      'submittedAt',
    );
    expect(declarer.responses['400']['x-codes']).toEqual(
      expect.arrayContaining(['json-invalide', 'requete-invalide']),
    );
    expect(declarer.responses['422']['x-codes']).toContain('validation');
    expect(declarer.responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Erreur',
    });
    const corps = JSON.stringify(declarer.requestBody.content['application/json'].schema);
    expect(corps).toContain('#/components/schemas/formulaire-certificat');
    expect(doc.components.schemas['formulaire-certificat'].required).toContain(
      'moisRemunerationGarantie',
    );
    expect(doc.paths['/api/calendar'].get.security).toEqual([]);
    expect(doc.paths['/api/workers/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
    expect(doc.paths['/api/caf/export'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'format', in: 'query', required: true }),
    );
  });

  it('the reference page (outside production) lists every route, readable without script', async () => {
    const { app } = await setup();
    const res = await app.request('/api/reference');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).not.toContain('<script');
    for (const d of definitions) expect(html).toContain(`<code>${cheminOpenApi(d.path)}</code>`);
    // Nothing inline (the service's CSP): its style is a stylesheet of its own.
    expect(html).not.toMatch(/<style|style=/);
    expect(html).toContain('<link rel="stylesheet" href="/api/reference.css">');
    const css = await app.request('/api/reference.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('font-family');
  });
});
