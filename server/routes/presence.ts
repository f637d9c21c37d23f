/**
 * `GET /api/session`: whether this browser has a live session, always 200, so that the UI asks
 * at start without a 401 in the console when nobody is logged in (`GET /api/me` keeps its 401).
 * A look only: it neither prolongs the session (R-SE-1) nor ends it.
 */
import { Hono } from 'hono';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';

/** What `GET /api/session` answers. */
export interface Presence {
  authenticated: boolean;
}

/** Mounted by createApp() with app.route(). */
export function presenceRoutes(ctx: Ctx) {
  const { sessionVue, store } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.session.presence;
  return new Hono<Env>().get(d.path, contrat(d), async (c) => {
    const session = await sessionVue(c);
    const user = session ? await store.get('users', session.email) : undefined;
    const presence: Presence = { authenticated: !!user && user.active !== false };
    return c.json(presence);
  });
}
