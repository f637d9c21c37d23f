/**
 * R-API-2: the référent creates, lists and revokes the API tokens of its Esat (SPEC §13), with its
 * session and CSRF token as for its users. A token itself never reaches these routes
 * (server/tokens.ts `routesDesJetons`).
 */
import { Hono } from 'hono';
import { fail } from '../errors.ts';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';
import { JETONS_ACTIFS_MAX, jetonView, lireCreation, messagesJetons } from '../tokens.ts';

/** Mounted by createApp() with app.route(). */
export function tokensRoutes(ctx: Ctx) {
  const { store, today, journal, jetons } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.jetons;
  return new Hono<Env>()
    .get(d.liste.path, contrat(d.liste), async (c) => {
      const tokens = await store.find(
        'tokens',
        { esat: c.get('user').esat },
        { orderBy: { field: 'createdAt', direction: 'desc' } },
      );
      const day = today();
      return c.json(tokens.map((t) => jetonView(t, day)));
    })
    .post(d.creer.path, contrat(d.creer), async (c) => {
      const me = c.get('user');
      const body = c.req.valid('json');
      const day = today();
      const { name, expiresAt } = lireCreation(body, day);
      const { record, secret } = jetons.nouveau({
        name,
        expiresAt,
        esat: me.esat!,
        createdBy: me.email,
        identifiedCafs: c.get('session').identifiedCafs,
      });
      await store.transaction(async (tx) => {
        const actifs = (await tx.find('tokens', { esat: me.esat })).filter(jetons.utilisable);
        if (actifs.length >= JETONS_ACTIFS_MAX)
          fail(409, 'trop-de-jetons', messagesJetons.tropDeJetons);
        await tx.insert('tokens', record);
      });
      journal({ action: 'jeton-cree', who: me.email, jeton: name });
      // The secret, this once: the store keeps its hash only.
      return c.json({ ...jetonView(record, day), token: secret }, 201);
    })
    .delete(d.revoquer.path, contrat(d.revoquer), async (c) => {
      const me = c.get('user');
      const id = c.req.param('id');
      const revoked = await store.transaction(async (tx) => {
        const token = await tx.get('tokens', id);
        if (!token || token.esat !== me.esat)
          fail(404, 'jeton-introuvable', messagesJetons.jetonInconnu);
        if (token.revokedAt !== undefined) return token;
        return (await tx.update('tokens', id, { revokedAt: ctx.now().toISOString() }))!;
      });
      journal({ action: 'jeton-revoque', who: me.email, jeton: revoked.name });
      return c.json(jetonView(revoked, today()));
    });
}
