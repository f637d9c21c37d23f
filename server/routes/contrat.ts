/**
 * R-API-1: `GET /api/openapi.json`, the OpenAPI 3.1 document generated from the route
 * definitions, and `GET /api/reference`, its readable page (outside production only).
 */
import { Hono } from 'hono';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs, definitions } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';
import { styleReference } from '../contract/style.ts';
import { documentOpenApi, pageReference, type DocumentOpenApi } from '../contract/openapi.ts';

/** Mounted by createApp() with app.route(); `reference`: serve the page (not in production). */
export function contratRoutes(ctx: Ctx, options: { reference: boolean }) {
  const contrat = createContrat(ctx);
  const d = defs.documentation;
  const servies = definitions.filter(
    (def) => options.reference || (def !== d.reference && def !== d.referenceStyle),
  );
  let doc: DocumentOpenApi | undefined;
  const document = () => (doc ??= documentOpenApi({ definitions: servies }));
  const app = new Hono<Env>().get(d.openapi.path, contrat(d.openapi), (c) => c.json(document()));
  if (options.reference) {
    app.get(d.reference.path, contrat(d.reference), (c) => c.html(pageReference(document())));
    app.get(d.referenceStyle.path, contrat(d.referenceStyle), (c) =>
      c.body(styleReference, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
    );
  }
  return app;
}
