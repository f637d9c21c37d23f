/** Session and password: login (R-AC-4 throttle), logout, password change and « Mot de passe oublié ? » (R-AC-1…4), the profile, the CGU (R-AC-5) and the calendar. */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { hash, verify } from '@node-rs/argon2';
import { campagne } from '../../forms/calendrier.ts';
import { fail, messages } from '../errors.ts';
import { dejaUtilise, historiqueApres, refusMotDePasse } from '../password.ts';
import { clientAddress, messageCsrf } from '../security.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';
import { messageAttente, tropTot, COOKIE, type Ctx, type Env } from '../context.ts';

/** Mounted by createApp() with app.route(). */
export function sessionRoutes(ctx: Ctx) {
  const {
    store,
    mailer,
    today,
    idleMs,
    now,
    clock,
    logError,
    proxy,
    journal,
    sessionVue,
    closeSession,
    defer,
    oubliParAdresse,
    oubliParClient,
    dummyHash,
    csrfOk,
    cookieOptions,
    openSession,
    closeSessionsOf,
    userView,
    esatOf,
    throttle,
  } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.session;
  /**
   * R-AC-3, after the answer: a new provisional password for `email`, valid 24 hours, mailed; the
   * current password stays valid until the provisional one is used. An unknown address costs
   * the same hash, then nothing is written nor sent.
   */
  async function envoyerProvisoire(email: string) {
    try {
      const provisional = `${randomBytes(12).toString('base64url')}-7a`;
      const resetHash = await hash(provisional);
      const user = await store.get('users', email);
      if (!user) return;
      journal({ action: 'mot-de-passe-oublie', who: user.email });
      await store.transaction((tx) =>
        tx.update('users', email, {
          resetHash,
          resetExpiresAt: new Date(clock() + 86_400_000).toISOString(),
        }),
      );
      await mailer.send({
        to: email,
        subject: 'Espace Esat : votre mot de passe provisoire',
        text: [
          'Bonjour,',
          '',
          `Voici votre mot de passe provisoire, valable 24 heures : ${provisional}`,
          'Il vous sera demandé de le changer dès votre connexion.',
          '',
          "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
        ].join('\n'),
      });
    } catch {
      logError('Mot de passe oublié : envoi impossible.');
    }
  }

  return new Hono<Env>()
    .post(d.connexion.path, contrat(d.connexion), async (c) => {
      const body = c.req.valid('json');
      const email = body.email.trim().toLowerCase();
      const password = body.password;
      const keys = throttle.cles(email, clientAddress(c, proxy));
      const user = await store.get('users', email);
      const resetValide = !!(
        user?.resetHash &&
        user.resetExpiresAt &&
        Date.parse(user.resetExpiresAt) > clock()
      );
      const refus = await throttle.refus(keys);
      let reset = false;
      if (refus) {
        // R-AC-3/R-AC-4: the provisional password of « Mot de passe oublié ? » (96 random bits,
        // hopeless to guess) opens an account that is slowed or locked; the password does not.
        reset =
          refus.key.startsWith('compte:') &&
          !(await throttle.refus(keys.slice(1))) &&
          resetValide &&
          (await verify(user!.resetHash!, password));
        if (!reset) {
          // Only a known account is named: an unknown "e-mail" may be a password typed in it.
          journal({ action: 'connexion-bloquee', who: user?.email });
          tropTot(c, 'trop-de-tentatives', messageAttente(refus.etat), refus.etat.secondes);
        }
      }
      // An unknown e-mail costs the same hash as a known one (no account enumeration, R-AC-4).
      const ok = !reset && (await verify(user?.passwordHash ?? (await dummyHash()), password));
      if (!ok && !reset && resetValide) reset = await verify(user!.resetHash!, password);
      if (!user || (!ok && !reset) || user.active === false) {
        await throttle.echec(keys);
        journal({ action: 'echec-connexion', who: user?.email });
        fail(401, 'identifiants-invalides', messages.identifiants);
      }
      await throttle.reussite(keys);
      const connecte = await store.transaction(async (tx) => {
        const u = (await tx.get('users', user.email))!;
        return (await tx.update('users', u.email, {
          lastLoginAt: now().toISOString(),
          // R-AC-3: the provisional password becomes the password, to be changed at once.
          ...(reset
            ? {
                previousHashes: historiqueApres(u.passwordHash, u.previousHashes),
                passwordHash: u.resetHash!,
                provisional: true,
              }
            : {}),
          resetHash: undefined,
          resetExpiresAt: undefined,
        }))!;
      });
      // Rotation: the session this browser had before ends, and a new id is drawn.
      const before = await sessionVue(c);
      if (before) await closeSession(before.id);
      // The password changed to the provisional one: every other session of the account ends.
      if (reset) await closeSessionsOf(user.email);
      const token = await openSession(c, user.email);
      journal({ action: 'connexion', who: user.email });
      return c.json({ user: userView(connecte), csrfToken: token });
    })
    .delete(d.deconnexion.path, contrat(d.deconnexion), async (c) => {
      const session = await sessionVue(c);
      if (session) {
        // A live session is ended only by its own pages (CSRF token), never by another site.
        if (!csrfOk(c, session)) fail(403, 'csrf', messageCsrf);
        journal({ action: 'deconnexion', who: session.email });
        await closeSession(session.id);
      }
      deleteCookie(c, COOKIE, cookieOptions(c));
      return c.body(null, 204);
    })
    .post(d.motDePasse.path, contrat(d.motDePasse), async (c) => {
      const body = c.req.valid('json');
      const user = c.get('user');
      // R-AC-4: a wrong current password counts as a failed login (same throttle, same keys).
      const keys = throttle.cles(user.email, clientAddress(c, proxy));
      const attente = await throttle.refus(keys);
      if (attente)
        tropTot(c, 'trop-de-tentatives', messageAttente(attente.etat), attente.etat.secondes);
      if (!(await verify(user.passwordHash, body.currentPassword))) {
        await throttle.echec(keys);
        fail(422, 'mot-de-passe-incorrect', 'Le mot de passe actuel est incorrect.', [
          { path: '/currentPassword', message: 'Le mot de passe actuel est incorrect.' },
        ]);
      }
      const refus =
        refusMotDePasse(body.newPassword, user.email) ??
        (body.newPassword === body.currentPassword
          ? "Le nouveau mot de passe doit être différent de l'actuel."
          : undefined);
      if (refus)
        fail(422, 'mot-de-passe-refuse', refus, [{ path: '/newPassword', message: refus }]);
      // R-AC-4: not one of the last 5 (the current one was refused just above).
      for (const old of user.previousHashes ?? []) {
        if (await verify(old, body.newPassword)) {
          fail(422, 'mot-de-passe-refuse', dejaUtilise, [
            { path: '/newPassword', message: dejaUtilise },
          ]);
        }
      }
      const passwordHash = await hash(body.newPassword);
      const updated = await store.transaction(async (tx) => {
        const u = (await tx.get('users', user.email))!;
        return (await tx.update('users', u.email, {
          passwordHash,
          previousHashes: historiqueApres(u.passwordHash, u.previousHashes),
          provisional: false,
          passwordChangedAt: new Date(clock()).toISOString(),
        }))!;
      });
      // Every session of the account ends (a stolen one too); this page gets a new one.
      const current = c.get('session');
      await closeSessionsOf(user.email);
      const token = await openSession(c, user.email, current);
      journal({ action: 'mot-de-passe-change', who: user.email });
      return c.json({ user: userView(updated), csrfToken: token });
    })
    .post(d.oubli.path, contrat(d.oubli), async (c) => {
      const body = c.req.valid('json');
      const email = body.email.trim().toLowerCase();
      // R-AC-3: nothing before the answer depends on whether the account exists: the limits are
      // per typed address and per client, and every lookup, hash, write and mail is deferred.
      const address = clientAddress(c, proxy);
      const client = address ? await oubliParClient.accepter(address) : { ok: true as const };
      if (!client.ok) {
        tropTot(
          c,
          'trop-de-demandes',
          `Trop de demandes de mot de passe provisoire depuis cet accès. Réessayez dans ${Math.ceil(client.secondes / 60)} minutes.`,
          client.secondes,
        );
      }
      // At most one provisional password per address and window: the others are not sent.
      if (email.length <= 254 && (await oubliParAdresse.accepter(email)).ok)
        defer(() => envoyerProvisoire(email));
      return c.json({}, 202);
    })
    .get(d.profil.path, contrat(d.profil), async (c) => {
      const user = c.get('user');
      const esat = await esatOf(user);
      return c.json({
        user: userView(user),
        esat: esat ? { siret: esat.siret, name: esat.name, address: esat.address } : null,
        cguAccepted: user.cguAccepted,
        // R-SE-1: the UI warns before this limit.
        session: { idleMinutes: idleMs / 60_000 },
        csrfToken: c.get('session').csrf,
      });
    })
    .post(d.cgu.path, contrat(d.cgu), async (c) => {
      const email = c.get('user').email;
      await store.transaction((tx) => tx.update('users', email, { cguAccepted: true }));
      journal({ action: 'cgu-acceptees', who: email });
      return c.json({ cguAccepted: true });
    })
    .get(d.calendrier.path, contrat(d.calendrier), (c) => {
      const day = today();
      const { year, opens, closes, certificatOpen } = campagne(day);
      return c.json({ today: day, certificatOpen, campaign: { year, opens, closes } });
    });
}
