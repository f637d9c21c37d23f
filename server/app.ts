/**
 * The HTTP API (SPEC §8), routes chained so that their type can be exported for a typed client.
 * Every declaration rule is checked again here with the one validator of forms/, whatever the UI
 * did; the server only adds what needs the data: the worker's Esat and file (R-WK), the campaign
 * (R-CE-1), one certificat per campaign (R-CE-6), one record per request (R-FL-6).
 * The routes live by concern in routes/*.ts, mounted here with app.route(); each is defined once
 * in contract/routes.ts (its access, its query and body schemas, its answers), validated by
 * contract/valider.ts and described by `GET /api/openapi.json` (contract/openapi.ts).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, fail, messages } from './errors.ts';
import { jsonOnly, limiteAnonyme, sameOrigin, securityHeaders } from './security.ts';
import { UniqueViolation, type UserRecord } from './store/index.ts';
import { createContext, type AppOptions, type Env } from './context.ts';
import { presenceRoutes } from './routes/presence.ts';
import { sessionRoutes } from './routes/session.ts';
import { esatRoutes } from './routes/esat.ts';
import { usersRoutes } from './routes/users.ts';
import { declarationsRoutes } from './routes/declarations.ts';
import { cafRoutes } from './routes/caf.ts';
import { importRoutes } from './routes/import.ts';
import { tokensRoutes } from './routes/tokens.ts';
import { contratRoutes } from './routes/contrat.ts';

export type { AppOptions } from './context.ts';
export { sansAccents } from './context.ts';

/** Builds the API. `ReturnType<typeof createApp>` is the type a typed client needs. */
export function createApp(options: AppOptions) {
  const ctx = createContext(options);
  const { journal, logError, proxy, sessionVivante, ecrituresAnonymes } = ctx;
  const app = new Hono<Env>();
  const apiBodyLimit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => fail(413, 'requete-trop-grande', 'La requête est trop volumineuse.'),
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      // Refusals of access are audited (never a query string: it may hold a searched name).
      // (A wrong identifiant de communication is journaled by its route, under its own name.)
      const dejaJournalise = err.code === 'identifiant-inconnu';
      if (
        !dejaJournalise &&
        (err.status === 403 || (err.status === 404 && err.code !== 'introuvable'))
      ) {
        journal({
          action: err.code === 'csrf' ? 'csrf-refuse' : 'acces-refuse',
          who: (c.get('user') as UserRecord | undefined)?.email,
          code: err.code,
          route: `${c.req.method} ${c.req.path}`,
        });
      }
      return c.json(err.body(), err.status);
    }
    // Another request (maybe on another instance) wrote the same record first (R-ST-3).
    if (err instanceof UniqueViolation) {
      return c.json(
        {
          error: {
            code: 'conflit',
            message:
              'Cette opération vient déjà d’être faite par une autre requête. Rechargez la page pour voir son résultat.',
          },
        },
        409,
      );
    }
    // An undecodable path or parameter (`%`, `%zz`, `%E9`) is the client's error, wherever read.
    if (err instanceof URIError) {
      return c.json(
        { error: { code: 'requete-invalide', message: messages.requeteInvalide } },
        400,
      );
    }
    logError(
      `Erreur interne sur ${c.req.method} ${c.req.path.slice(0, 200)}: ${err instanceof Error ? err.name : 'inconnue'}`,
    );
    return c.json({ error: { code: 'erreur-interne', message: messages.interne } }, 500);
  });

  const routes = app
    .use('*', securityHeaders(proxy))
    .use('/api/*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .use('/api/*', (c, next) =>
      // A payroll file has its own, larger limit (routes/import.ts).
      c.req.method === 'POST' && c.req.path === '/api/imports' ? next() : apiBodyLimit(c, next),
    )
    .use(
      '/api/*',
      limiteAnonyme({
        proxy,
        anonyme: async (c) => !(await sessionVivante(c)),
        accepter: (address) => ecrituresAnonymes.accepter(address),
      }),
    )
    .use('/api/*', sameOrigin(proxy))
    .use('/api/*', jsonOnly())
    .route('/', presenceRoutes(ctx))
    .route('/', sessionRoutes(ctx))
    .route('/', esatRoutes(ctx))
    .route('/', usersRoutes(ctx))
    .route('/', declarationsRoutes(ctx))
    .route('/', cafRoutes(ctx))
    .route('/', importRoutes(ctx))
    .route('/', tokensRoutes(ctx))
    .route('/', contratRoutes(ctx, { reference: process.env.NODE_ENV !== 'production' }))
    .all('/api/*', () => fail(404, 'introuvable', "Cette adresse n'existe pas."));

  return routes;
}

/** The API's type, for a typed client (`hc<AppType>()`). */
export type AppType = ReturnType<typeof createApp>;
