/** The référent manages the users of its Esat (SPEC §1); a déclarant cannot. */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { hash } from '@node-rs/argon2';
import { fail } from '../errors.ts';
import type { UserRecord } from '../store/index.ts';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';

/** Mounted by createApp() with app.route(). */
export function usersRoutes(ctx: Ctx) {
  const { store, mailer, clock, logError, journal, closeSessionsOf, esatOf, utilisateurView } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.users;
  return (
    new Hono<Env>()
      // The référent manages the users of its Esat (SPEC §1); a déclarant cannot.
      .get(d.liste.path, contrat(d.liste), async (c) => {
        const me = c.get('user');
        return c.json(
          (await store.find('users', { esat: me.esat }))
            .filter((u) => u.role !== 'agent')
            .sort((a, b) => a.email.localeCompare(b.email))
            .map(utilisateurView),
        );
      })
      .post(d.creer.path, contrat(d.creer), async (c) => {
        const me = c.get('user');
        const body = c.req.valid('json');
        const email = body.email.trim().toLowerCase();
        const provisional = `${randomBytes(12).toString('base64url')}-7a`;
        const passwordHash = await hash(provisional);
        const existant = () => {
          const message = 'Un compte existe déjà pour cette adresse e-mail.';
          fail(409, 'utilisateur-existant', message, [{ path: '/email', message }]);
        };
        const created = await store.transaction(async (tx) => {
          if (await tx.get('users', email)) existant();
          const user: UserRecord = {
            email,
            passwordHash,
            role: body.role as 'declarant' | 'referent',
            esat: me.esat,
            provisional: true,
            cguAccepted: false,
            passwordChangedAt: new Date(clock()).toISOString(),
          };
          await tx.insert('users', user);
          return user;
        });
        journal({ action: 'utilisateur-cree', who: me.email, target: email });
        const esat = await esatOf(me);
        await mailer
          .send({
            to: email,
            subject: 'Espace Esat : votre compte a été créé',
            text: [
              'Bonjour,',
              '',
              `Un compte de l'Espace Esat a été créé pour vous (${esat?.name ?? 'votre établissement'}).`,
              `Identifiant : ${email}`,
              `Mot de passe provisoire : ${provisional}`,
              'Il vous sera demandé de le changer dès votre première connexion.',
            ].join('\n'),
          })
          .catch(() => logError('Création de compte : envoi du mail impossible.'));
        return c.json(utilisateurView(created), 201);
      })
      .patch(d.activer.path, contrat(d.activer), async (c) => {
        const me = c.get('user');
        // Hono has decoded the parameter already: decoding again broke on `%25` (issue 11, point 4).
        const email = c.req.param('email').toLowerCase();
        const body = c.req.valid('json');
        const target = await store.get('users', email);
        if (!target || target.esat !== me.esat)
          fail(404, 'utilisateur-inconnu', "Cet utilisateur n'est pas de votre établissement.");
        if (target.email === me.email && !body.active)
          fail(
            409,
            'desactivation-impossible',
            'Vous ne pouvez pas désactiver votre propre compte.',
          );
        const updated = await store.transaction(
          async (tx) => (await tx.update('users', email, { active: body.active }))!,
        );
        if (!body.active) await closeSessionsOf(email);
        journal({
          action: body.active ? 'utilisateur-reactive' : 'utilisateur-desactive',
          who: me.email,
          target: email,
        });
        return c.json(utilisateurView(updated));
      })
  );
}
