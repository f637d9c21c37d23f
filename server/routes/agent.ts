/** The Caf agent's routes. */
import { Hono } from 'hono';
import { fail, messages } from '../errors.ts';
import { type Ctx, type Env } from '../context.ts';

/** Mounted by createApp() with app.route(). */
export function agentRoutes(ctx: Ctx) {
  const { store, authenticated } = ctx;
  return new Hono<Env>().get('/api/avis', authenticated, (c) => {
    const user = c.get('user');
    if (user.role !== 'agent') fail(403, 'acces-refuse', messages.accesRefuse);
    const { avis, declarations, esats } = store.read();
    return c.json(
      avis
        .filter((a) => a.caf === user.caf)
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
        .map((a) => ({
          declarationId: a.declarationId,
          esat: esats.find(
            (e) => e.siret === declarations.find((d) => d.id === a.declarationId)?.esat,
          )?.name,
          kind: declarations.find((d) => d.id === a.declarationId)?.kind,
          note: a.note,
          commentaire: a.commentaire,
          submittedAt: a.submittedAt,
        })),
    );
  });
}
