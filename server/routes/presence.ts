/**
 * `GET /api/session`: whether this browser has a live session, always 200, so that the UI asks
 * at start without a 401 in the console when nobody is logged in (`GET /api/me` keeps its 401).
 * A look only: it neither prolongs the session (R-SE-1) nor ends it.
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { COOKIE, type Ctx, type Env } from '../context.ts';

/** What `GET /api/session` answers. */
export interface Presence {
  authenticated: boolean;
}

/** Mounted by createApp() with app.route(). */
export function presenceRoutes(ctx: Ctx) {
  const { sessions, clock, idleMs, store } = ctx;
  return new Hono<Env>().get('/api/session', (c) => {
    const sid = getCookie(c, COOKIE);
    const session = sid ? sessions.get(sid) : undefined;
    const user =
      session && clock() - session.lastSeen <= idleMs
        ? store.read().users.find((u) => u.email === session.email)
        : undefined;
    const presence: Presence = { authenticated: !!user && user.active !== false };
    return c.json(presence);
  });
}
