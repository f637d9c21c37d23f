/**
 * The HTTP API (SPEC §8), routes chained so that their type can be exported for a typed client.
 * Every declaration rule is checked again here with the one validator of forms/, whatever the UI
 * did; the server only adds what needs the data: the worker's Esat and file (R-WK), the campaign
 * (R-CE-1), one certificat per campaign (R-CE-6), one record per request (R-FL-6).
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hash, verify } from '@node-rs/argon2';
import {
  declarationKinds,
  kindLabels,
  validateDeclaration,
  type DeclarationKind,
} from '../forms/index.ts';
import { bornesDates, campagne, declarationOuverte, isoToday } from '../forms/calendrier.ts';
import { blocageDossier } from '../forms/dossiers.ts';
import { messagesIdentifiant, normaliserIdentifiant } from '../forms/identifiant.ts';
import { ApiError, fail, messages } from './errors.ts';
import { noAudit, type Audit, type AuditEntry } from './audit.ts';
import { HISTORY, dejaUtilise, refusMotDePasse } from './password.ts';
import { clientAddress, messageCsrf, overHttps, sameOrigin, securityHeaders } from './security.ts';
import { accuseReception, type Mailer } from './mail.ts';
import { pdfFilename, pdfRecapitulatif } from './pdf.ts';
import type {
  DeclarationRecord,
  DraftRecord,
  EsatRecord,
  Store,
  UserRecord,
  WorkerRecord,
} from './store.ts';

/** A draft as the UI gets it back. */
const brouillonView = (d: DraftRecord) => ({
  teleprocedure: d.teleprocedure,
  kind: d.kind,
  reponses: d.reponses,
  saisie: d.saisie,
  updatedAt: d.updatedAt,
});

/** French alphabetical order, built once: a collator per comparison made 2 000 names cost 120 ms. */
const alphabetique = new Intl.Collator('fr', { sensitivity: 'base' });

export interface AppOptions {
  store: Store;
  mailer: Mailer;
  /** "Today" as `YYYY-MM-DD` (ESAT_TODAY, or the Paris date). */
  today: () => string;
  /** R-SE-1: the server-side inactivity limit, in minutes (decimals allowed). Default 30. */
  idleMinutes?: number;
  /** R-AC-2: a password expires after this many days (0 = never). Default 92. */
  passwordMaxAgeDays?: number;
  /** The instant recorded on declarations and avis. Default: the clock. */
  now?: () => Date;
  /** Milliseconds for sessions, password age and login throttling. Default: Date.now. */
  clock?: () => number;
  /** Where errors that are not the client's are reported (never sent to the client). */
  logError?: (message: string) => void;
  /** Behind a reverse proxy (ESAT_TRUST_PROXY=1): believe X-Forwarded-Proto/-Host/-For. */
  trustProxy?: boolean;
  /** Where the audit log goes (audit.jsonl in the data dir). Default: nowhere. */
  audit?: Audit;
}

type Env = { Variables: { user: UserRecord; sessionId: string } };

const COOKIE = 'esat_session';
const MAX_FAILURES_ACCOUNT = 5;
const MAX_FAILURES_ADDRESS = 20;
const LOCK_MS = 15 * 60_000;
/** R-AC-7: wrong identifiants de communication accepted per session before 429. */
const IDENTIFIANT_ESSAIS = 5;
/** An e-mail address as a référent types it (the mail server has the last word). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lowercase without accents: « Lefèvre » and « LEFEVRE » both read « lefevre ». */
export function sansAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a JSON body, or answers 400 (never 500) when it is not JSON. */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return fail(400, 'json-invalide', messages.jsonInvalide);
  }
}

/** « 12/01/2027 »: the Paris date of an instant. */
const dateFrParis = (iso: string) => isoToday(new Date(iso)).split('-').reverse().join('/');

/** Builds the API. `ReturnType<typeof createApp>` is the type a typed client needs. */
export function createApp(options: AppOptions) {
  const { store, mailer, today } = options;
  const idleMs = (options.idleMinutes ?? 30) * 60_000;
  const maxAgeMs = (options.passwordMaxAgeDays ?? 92) * 86_400_000;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? Date.now;
  const logError = options.logError ?? ((m: string) => console.error(m));
  const proxy = { trustProxy: options.trustProxy ?? false };
  const audit = options.audit ?? noAudit;
  const journal = (entry: AuditEntry) =>
    audit.record({ at: new Date(clock()).toISOString(), ...entry });

  const sessions = new Map<
    string,
    {
      email: string;
      lastSeen: number;
      /** R-AC-7: the Caf whose identifiant de communication was given in this session. */
      identifiedCafs?: string[];
      identifierFailures?: number;
    }
  >();
  const failures = new Map<string, { count: number; since: number }>();
  let dummyHash: Promise<string> | undefined;

  // CSRF, second layer: a token bound to the session (an HMAC of its id under a key drawn at
  // start), given by POST /api/session, GET /api/me and POST /api/password, sent back by the
  // page in X-CSRF-Token on every state-changing request. Another site can neither read it nor
  // derive it from the cookie.
  const csrfKey = randomBytes(32);
  const csrfToken = (sid: string) => createHmac('sha256', csrfKey).update(sid).digest('base64url');
  const csrfOk = (c: Context, sid: string) => {
    const sent = Buffer.from(c.req.header('x-csrf-token') ?? '');
    const expected = Buffer.from(csrfToken(sid));
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  };
  const cookieOptions = (c: Context) =>
    ({ httpOnly: true, sameSite: 'Strict', path: '/', secure: overHttps(c, proxy) }) as const;
  /**
   * A new session for `email` under a new id from the CSPRNG (never one the client sent), its
   * cookie set; `from` carries over what the replaced session knew. Returns its CSRF token.
   */
  const openSession = (c: Context, email: string, from?: object) => {
    const sid = randomBytes(32).toString('base64url');
    sessions.set(sid, { ...from, email, lastSeen: clock() });
    setCookie(c, COOKIE, sid, cookieOptions(c));
    return csrfToken(sid);
  };
  /** Ends every session of a user (password changed). */
  const closeSessionsOf = (email: string) => {
    for (const [id, s] of sessions) if (s.email === email) sessions.delete(id);
  };

  const mustChangePassword = (u: UserRecord) =>
    u.provisional || (maxAgeMs > 0 && clock() - Date.parse(u.passwordChangedAt) > maxAgeMs);
  const userView = (u: UserRecord) => ({
    email: u.email,
    role: u.role,
    mustChangePassword: mustChangePassword(u),
  });
  const esatOf = (u: UserRecord): EsatRecord | undefined =>
    store.read().esats.find((e) => e.siret === u.esat);
  const workerView = (w: WorkerRecord) => ({
    id: w.id,
    nom: w.nom,
    prenom: w.prenom,
    numeroAllocataire: w.numeroAllocataire,
    dateNaissance: w.dateNaissance,
    dossier: w.dossier,
    caf: w.caf,
  });
  const accuse = (d: DeclarationRecord) => ({
    id: d.id,
    kind: d.kind,
    workerId: d.workerId,
    submittedAt: d.submittedAt,
  });

  /** R-AC-4: failures per account and per address; locked for 15 minutes past the limit. */
  const throttle = {
    locked(key: string, limit: number) {
      const f = failures.get(key);
      if (f && clock() - f.since > LOCK_MS) failures.delete(key);
      return (failures.get(key)?.count ?? 0) >= limit;
    },
    fail(key: string, limit: number) {
      const f = failures.get(key) ?? { count: 0, since: clock() };
      f.count += 1;
      // The lock lasts 15 minutes from the failure that reached the limit.
      if (f.count >= limit) f.since = clock();
      failures.set(key, f);
    },
  };

  /** R-SE-1: a known, recently used session; its idle time restarts. */
  const authenticated: MiddlewareHandler<Env> = async (c, next) => {
    const sid = getCookie(c, COOKIE);
    if (!sid) fail(401, 'non-authentifie', messages.nonAuthentifie);
    const session = sessions.get(sid);
    if (!session || clock() - session.lastSeen > idleMs) {
      if (session) journal({ action: 'session-expiree', who: session.email });
      sessions.delete(sid);
      deleteCookie(c, COOKIE, { path: '/' });
      fail(401, 'session-expiree', messages.sessionExpiree);
    }
    const user = store.read().users.find((u) => u.email === session.email);
    if (!user || user.active === false) {
      sessions.delete(sid);
      fail(401, 'non-authentifie', messages.nonAuthentifie);
    }
    c.set('user', user);
    if (/^(POST|PUT|PATCH|DELETE)$/.test(c.req.method) && !csrfOk(c, sid)) {
      fail(403, 'csrf', messageCsrf);
    }
    session.lastSeen = clock();
    c.set('sessionId', sid);
    await next();
  };

  /** The Espace Esat: an Esat's user, password up to date (R-AC-2), both CGU accepted (R-AC-5). */
  const espaceEsat: MiddlewareHandler<Env> = async (c, next) => {
    const user = c.get('user');
    if (user.role === 'agent' || !user.esat) fail(403, 'acces-refuse', messages.accesRefuse);
    if (mustChangePassword(user)) fail(403, 'mot-de-passe-a-changer', messages.motDePasseAChanger);
    if (!user.cguAccepted) fail(403, 'cgu-non-acceptees', messages.cgu);
    await next();
  };

  /** Only the référent of an Esat manages its users. */
  const referent: MiddlewareHandler<Env> = async (c, next) => {
    if (c.get('user').role !== 'referent')
      fail(403, 'acces-refuse', "Seul le référent de l'établissement gère ses utilisateurs.");
    await next();
  };
  const utilisateurView = (u: UserRecord) => ({
    email: u.email,
    role: u.role,
    active: u.active !== false,
    provisional: u.provisional,
    lastLoginAt: u.lastLoginAt ?? null,
  });

  /** R-AC-7: whether this Caf does not know the Esat's SIRET and its identifiant was not given. */
  const identifiantRequis = (c: Context<Env>, esat: EsatRecord, caf: string) =>
    !!esat.siretUnknownTo?.includes(caf) &&
    !sessions.get(c.get('sessionId'))?.identifiedCafs?.includes(caf);
  /** R-AC-7: nothing of a Caf's workers before its identifiant de communication is given. */
  const exigerIdentifiant = (c: Context<Env>, caf: string) => {
    const esat = esatOf(c.get('user'));
    if (esat && identifiantRequis(c, esat, caf))
      fail(403, 'identifiant-requis', messagesIdentifiant.requis);
  };

  /** A declaration of the user's Esat, or 404 (another Esat's is unknown). */
  const declarationOf = (user: UserRecord, id: string) => {
    const declaration = store.read().declarations.find((d) => d.id === id && d.esat === user.esat);
    if (!declaration) fail(404, 'declaration-inconnue', messages.declarationInconnue);
    return declaration;
  };

  const app = new Hono<Env>();

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
    logError(
      `Erreur interne sur ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.name : 'inconnue'}`,
    );
    return c.json({ error: { code: 'erreur-interne', message: messages.interne } }, 500);
  });

  const routes = app
    .use('*', securityHeaders(proxy))
    .use('/api/*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .use(
      '/api/*',
      bodyLimit({
        maxSize: 64 * 1024,
        onError: () => fail(413, 'requete-trop-grande', 'La requête est trop volumineuse.'),
      }),
    )
    .use('/api/*', sameOrigin(proxy))
    .post('/api/session', async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.email !== 'string' || typeof body.password !== 'string') {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const email = body.email.trim().toLowerCase();
      const address = clientAddress(c, proxy);
      const keys: [string, number][] = [[`compte:${email}`, MAX_FAILURES_ACCOUNT]];
      if (address) keys.push([`adresse:${address}`, MAX_FAILURES_ADDRESS]);
      if (keys.some(([k, limit]) => throttle.locked(k, limit))) {
        // Only a known account is named: an unknown "e-mail" may be a password typed in it.
        journal({
          action: 'connexion-bloquee',
          who: store.read().users.find((u) => u.email === email)?.email,
        });
        fail(429, 'trop-de-tentatives', messages.tropDeTentatives);
      }
      const user = store.read().users.find((u) => u.email === email);
      // An unknown e-mail costs the same hash as a known one (no account enumeration, R-AC-4).
      dummyHash ??= hash(randomBytes(16).toString('hex'));
      const ok = await verify(user?.passwordHash ?? (await dummyHash), body.password);
      const reset =
        !ok && user?.resetHash && user.resetExpiresAt && Date.parse(user.resetExpiresAt) > clock()
          ? await verify(user.resetHash, body.password)
          : false;
      if (!user || (!ok && !reset) || user.active === false) {
        for (const [k, limit] of keys) throttle.fail(k, limit);
        journal({ action: 'echec-connexion', who: user?.email });
        fail(401, 'identifiants-invalides', messages.identifiants);
      }
      for (const [k] of keys) failures.delete(k);
      await store.transaction(async (data, save) => {
        const u = data.users.find((x) => x.email === user.email)!;
        u.lastLoginAt = now().toISOString();
        if (reset) {
          // R-AC-3: the provisional password becomes the password, to be changed at once.
          u.previousHashes = [u.passwordHash, ...(u.previousHashes ?? [])].slice(0, HISTORY - 1);
          u.passwordHash = u.resetHash!;
          u.provisional = true;
        }
        delete u.resetHash;
        delete u.resetExpiresAt;
        await save();
      });
      for (const [id, s] of sessions) if (clock() - s.lastSeen > idleMs) sessions.delete(id);
      // Rotation: the session this browser had before ends, and a new id is drawn.
      const before = getCookie(c, COOKIE);
      if (before) sessions.delete(before);
      // The password changed to the provisional one: every other session of the account ends.
      if (reset) closeSessionsOf(user.email);
      const token = openSession(c, user.email);
      journal({ action: 'connexion', who: user.email });
      return c.json({ user: userView(user), csrfToken: token });
    })
    .delete('/api/session', (c) => {
      const sid = getCookie(c, COOKIE);
      const session = sid ? sessions.get(sid) : undefined;
      if (sid && session && clock() - session.lastSeen <= idleMs) {
        // A live session is ended only by its own pages (CSRF token), never by another site.
        if (!csrfOk(c, sid)) fail(403, 'csrf', messageCsrf);
        journal({ action: 'deconnexion', who: session.email });
      }
      if (sid) sessions.delete(sid);
      deleteCookie(c, COOKIE, cookieOptions(c));
      return c.body(null, 204);
    })
    .post('/api/password', authenticated, async (c) => {
      const body = await jsonBody(c);
      if (
        !isObject(body) ||
        typeof body.currentPassword !== 'string' ||
        typeof body.newPassword !== 'string'
      ) {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const user = c.get('user');
      if (body.currentPassword === '') {
        const message = 'Saisissez votre mot de passe actuel.';
        fail(422, 'mot-de-passe-incorrect', message, [{ path: '/currentPassword', message }]);
      }
      if (!(await verify(user.passwordHash, body.currentPassword))) {
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
      for (const old of (user.previousHashes ?? []).slice(0, HISTORY - 1)) {
        if (await verify(old, body.newPassword)) {
          fail(422, 'mot-de-passe-refuse', dejaUtilise, [
            { path: '/newPassword', message: dejaUtilise },
          ]);
        }
      }
      const passwordHash = await hash(body.newPassword);
      const updated = await store.transaction(async (data, save) => {
        const u = data.users.find((x) => x.email === user.email)!;
        Object.assign(u, {
          passwordHash,
          previousHashes: [u.passwordHash, ...(u.previousHashes ?? [])].slice(0, HISTORY - 1),
          provisional: false,
          passwordChangedAt: new Date(clock()).toISOString(),
        });
        await save();
        return u;
      });
      // Every session of the account ends (a stolen one too); this page gets a new one.
      const current = sessions.get(c.get('sessionId'));
      closeSessionsOf(user.email);
      const token = openSession(c, user.email, current);
      journal({ action: 'mot-de-passe-change', who: user.email });
      return c.json({ user: userView(updated), csrfToken: token });
    })
    .post('/api/password/forgot', async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.email !== 'string')
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const email = body.email.trim().toLowerCase();
      const user = store.read().users.find((u) => u.email === email);
      if (user) {
        journal({ action: 'mot-de-passe-oublie', who: user.email });
        // Done after the answer, so that a known address does not answer slower (R-AC-3).
        void (async () => {
          const provisional = `${randomBytes(12).toString('base64url')}-7a`;
          const resetHash = await hash(provisional);
          await store.transaction(async (data, save) => {
            const u = data.users.find((x) => x.email === email);
            if (!u) return;
            u.resetHash = resetHash;
            u.resetExpiresAt = new Date(clock() + 86_400_000).toISOString();
            await save();
          });
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
        })().catch(() => logError('Mot de passe oublié : envoi impossible.'));
      }
      return c.json({}, 202);
    })
    .get('/api/me', authenticated, (c) => {
      const user = c.get('user');
      const esat = esatOf(user);
      return c.json({
        user: userView(user),
        esat: esat ? { siret: esat.siret, name: esat.name, address: esat.address } : null,
        cguAccepted: user.cguAccepted,
        // R-SE-1: the UI warns before this limit.
        session: { idleMinutes: idleMs / 60_000 },
        csrfToken: csrfToken(c.get('sessionId')),
      });
    })
    .post('/api/cgu', authenticated, async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body) || body.accept !== true)
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const email = c.get('user').email;
      await store.transaction(async (data, save) => {
        data.users.find((u) => u.email === email)!.cguAccepted = true;
        await save();
      });
      journal({ action: 'cgu-acceptees', who: email });
      return c.json({ cguAccepted: true });
    })
    .get('/api/calendar', (c) => {
      const day = today();
      const { year, opens, closes, certificatOpen } = campagne(day);
      return c.json({ today: day, certificatOpen, campaign: { year, opens, closes } });
    })
    .get('/api/cafs', authenticated, espaceEsat, (c) => {
      const esat = esatOf(c.get('user'))!;
      const { cafs, workers } = store.read();
      return c.json(
        esat.cafs.map((code) => ({
          code,
          name: cafs.find((k) => k.code === code)?.name ?? code,
          workerCount: workers.filter((w) => w.esat === esat.siret && w.caf === code).length,
          identifiantRequis: identifiantRequis(c, esat, code),
        })),
      );
    })
    // R-AC-7: the identifiant de communication of a Caf that does not know the Esat's SIRET.
    .post('/api/cafs/:code/identifiant', authenticated, espaceEsat, async (c) => {
      const esat = esatOf(c.get('user'))!;
      const code = c.req.param('code');
      if (!esat.cafs.includes(code))
        fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.identifiant !== 'string')
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const session = sessions.get(c.get('sessionId'))!;
      if ((session.identifierFailures ?? 0) >= IDENTIFIANT_ESSAIS)
        fail(429, 'trop-de-tentatives', messagesIdentifiant.tropDEssais);
      const saisi = normaliserIdentifiant(body.identifiant);
      if ('erreur' in saisi)
        fail(422, 'identifiant-invalide', saisi.erreur, [
          { path: '/identifiant', message: saisi.erreur },
        ]);
      const attendu = normaliserIdentifiant(esat.communicationIds[code] ?? '');
      if (!('valeur' in attendu) || attendu.valeur !== saisi.valeur) {
        session.identifierFailures = (session.identifierFailures ?? 0) + 1;
        journal({ action: 'identifiant-communication-refuse', who: c.get('user').email, code });
        fail(404, 'identifiant-inconnu', messagesIdentifiant.inconnu, [
          { path: '/identifiant', message: messagesIdentifiant.inconnu },
        ]);
      }
      session.identifiedCafs = [...(session.identifiedCafs ?? []), code];
      return c.json({ code, identifiantRequis: false });
    })
    .get('/api/workers', authenticated, espaceEsat, (c) => {
      const esat = esatOf(c.get('user'))!;
      const caf = c.req.query('caf') || undefined;
      if (caf && !esat.cafs.includes(caf))
        fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
      if (caf) exigerIdentifiant(c, caf);
      const entier = (name: string, fallback: number) => {
        const raw = c.req.query(name);
        if (raw === undefined || raw === '') return fallback;
        if (!/^\d+$/.test(raw) || Number(raw) < 1) {
          fail(400, 'requete-invalide', messages.requeteInvalide, [
            { path: `/${name}`, message: 'Un nombre entier positif est attendu.' },
          ]);
        }
        return Number(raw);
      };
      const page = entier('page', 1);
      const pageSize = Math.min(entier('pageSize', 12), 100);
      const words = sansAccents(c.req.query('q') ?? '')
        .split(/\s+/)
        .filter(Boolean);
      const matches = store
        .read()
        .workers.filter(
          (w) =>
            w.esat === esat.siret && (caf ? w.caf === caf : !identifiantRequis(c, esat, w.caf)),
        )
        .filter((w) => {
          const hay = [sansAccents(w.nom), sansAccents(w.prenom), w.numeroAllocataire];
          return words.every((word) => hay.some((h) => h.includes(word)));
        })
        .sort(
          (a, b) => alphabetique.compare(a.nom, b.nom) || alphabetique.compare(a.prenom, b.prenom),
        );
      const items = matches.slice((page - 1) * pageSize, page * pageSize).map(workerView);
      return c.json({ items, total: matches.length, page, pageSize });
    })
    .get('/api/workers/:id', authenticated, espaceEsat, (c) => {
      const user = c.get('user');
      const worker = store
        .read()
        .workers.find((w) => w.id === c.req.param('id') && w.esat === user.esat);
      if (!worker) fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
      exigerIdentifiant(c, worker.caf);
      // Two rolling years, as the dates of the declarations (R-FL-4, R-CS-4): one owner, forms/.
      const since = bornesDates(today()).deuxAns;
      const history = store
        .read()
        .declarations.filter(
          (d) => d.workerId === worker.id && isoToday(new Date(d.submittedAt)) >= since,
        )
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
        .map((d) => ({ id: d.id, kind: d.kind, submittedAt: d.submittedAt }));
      // R-CS-5: the partner of a couple working in the same Esat (same allocataire file).
      const partner = store
        .read()
        .workers.find(
          (w) =>
            w.id !== worker.id &&
            w.esat === worker.esat &&
            !!worker.conjoint &&
            (w.numeroAllocataire === worker.conjoint || w.conjoint === worker.numeroAllocataire),
        );
      const draft = store
        .read()
        .drafts.find((d) => d.userEmail === user.email && d.workerId === worker.id);
      journal({ action: 'fiche-consultee', who: user.email, worker: worker.id });
      return c.json({
        ...workerView(worker),
        conjoint: partner ? workerView(partner) : undefined,
        history,
        brouillon: draft ? brouillonView(draft) : undefined,
      });
    })
    // R-SE-2: the declaration being typed is kept as the user types, per user and worker.
    .get('/api/drafts', authenticated, espaceEsat, (c) => {
      const user = c.get('user');
      const { drafts, workers } = store.read();
      return c.json(
        drafts
          .filter((d) => d.userEmail === user.email)
          .flatMap((d) => {
            const w = workers.find((x) => x.id === d.workerId && x.esat === user.esat);
            return w ? [{ ...brouillonView(d), travailleur: workerView(w) }] : [];
          }),
      );
    })
    .put('/api/drafts/:workerId', authenticated, espaceEsat, async (c) => {
      const user = c.get('user');
      const worker = store
        .read()
        .workers.find((w) => w.id === c.req.param('workerId') && w.esat === user.esat);
      if (!worker) fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
      exigerIdentifiant(c, worker.caf);
      const body = await jsonBody(c);
      const texts = (v: unknown, values?: string[]) =>
        isObject(v) &&
        Object.keys(v).length <= 50 &&
        Object.values(v).every(
          (x) => typeof x === 'string' && x.length <= 500 && (!values || values.includes(x)),
        );
      if (
        !isObject(body) ||
        (body.teleprocedure !== 'certificat' && body.teleprocedure !== 'changement') ||
        (body.kind !== undefined &&
          !(declarationKinds as readonly unknown[]).includes(body.kind)) ||
        !texts(body.saisie) ||
        !texts(body.reponses ?? {}, ['oui', 'non'])
      ) {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const draft: DraftRecord = {
        userEmail: user.email,
        workerId: worker.id,
        teleprocedure: body.teleprocedure as DraftRecord['teleprocedure'],
        kind: body.kind as string | undefined,
        reponses: (body.reponses ?? {}) as DraftRecord['reponses'],
        saisie: body.saisie as DraftRecord['saisie'],
        updatedAt: now().toISOString(),
      };
      await store.transaction(async (db, save) => {
        db.drafts = db.drafts.filter(
          (d) => !(d.userEmail === user.email && d.workerId === worker.id),
        );
        db.drafts.push(draft);
        await save();
      });
      return c.body(null, 204);
    })
    .delete('/api/drafts/:workerId', authenticated, espaceEsat, async (c) => {
      const user = c.get('user');
      const workerId = c.req.param('workerId');
      if (!store.read().workers.some((w) => w.id === workerId && w.esat === user.esat)) {
        fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
      }
      await store.transaction(async (db, save) => {
        db.drafts = db.drafts.filter(
          (d) => !(d.userEmail === user.email && d.workerId === workerId),
        );
        await save();
      });
      journal({ action: 'brouillon-supprime', who: user.email, worker: workerId });
      return c.body(null, 204);
    })
    // The référent manages the users of its Esat (SPEC §1); a déclarant cannot.
    .get('/api/users', authenticated, espaceEsat, referent, (c) => {
      const me = c.get('user');
      return c.json(
        store
          .read()
          .users.filter((u) => u.esat === me.esat && u.role !== 'agent')
          .sort((a, b) => a.email.localeCompare(b.email))
          .map(utilisateurView),
      );
    })
    .post('/api/users', authenticated, espaceEsat, referent, async (c) => {
      const me = c.get('user');
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.email !== 'string' || typeof body.role !== 'string')
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const email = body.email.trim().toLowerCase();
      const erreurs = [
        !EMAIL.test(email) && {
          path: '/email',
          message: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.',
        },
        body.role !== 'declarant' &&
          body.role !== 'referent' && {
            path: '/role',
            message: 'Choisissez le rôle : déclarant ou référent.',
          },
      ].filter((e): e is { path: string; message: string } => !!e);
      if (erreurs.length) fail(422, 'utilisateur-invalide', erreurs[0].message, erreurs);
      const provisional = `${randomBytes(12).toString('base64url')}-7a`;
      const passwordHash = await hash(provisional);
      const created = await store.transaction(async (data, save) => {
        if (data.users.some((u) => u.email === email)) {
          const message = 'Un compte existe déjà pour cette adresse e-mail.';
          fail(409, 'utilisateur-existant', message, [{ path: '/email', message }]);
        }
        const user: UserRecord = {
          email,
          passwordHash,
          role: body.role as 'declarant' | 'referent',
          esat: me.esat,
          provisional: true,
          cguAccepted: false,
          passwordChangedAt: new Date(clock()).toISOString(),
        };
        data.users.push(user);
        await save();
        return user;
      });
      journal({ action: 'utilisateur-cree', who: me.email, target: email });
      const esat = esatOf(me);
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
    .patch('/api/users/:email', authenticated, espaceEsat, referent, async (c) => {
      const me = c.get('user');
      const email = decodeURIComponent(c.req.param('email')).toLowerCase();
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.active !== 'boolean')
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const target = store.read().users.find((u) => u.email === email && u.esat === me.esat);
      if (!target)
        fail(404, 'utilisateur-inconnu', "Cet utilisateur n'est pas de votre établissement.");
      if (target.email === me.email && !body.active)
        fail(409, 'desactivation-impossible', 'Vous ne pouvez pas désactiver votre propre compte.');
      const updated = await store.transaction(async (data, save) => {
        const u = data.users.find((x) => x.email === email)!;
        u.active = body.active as boolean;
        await save();
        return u;
      });
      if (!body.active) closeSessionsOf(email);
      journal({
        action: body.active ? 'utilisateur-reactive' : 'utilisateur-desactive',
        who: me.email,
        target: email,
      });
      return c.json(utilisateurView(updated));
    })
    .post('/api/declarations', authenticated, espaceEsat, async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body)) fail(400, 'requete-invalide', messages.requeteInvalide);
      const shape = [
        typeof body.workerId !== 'string' && {
          path: '/workerId',
          message: 'Identifiant du travailleur attendu.',
        },
        !(declarationKinds as readonly unknown[]).includes(body.kind) && {
          path: '/kind',
          message: 'Type de déclaration inconnu.',
        },
        !isObject(body.data) && {
          path: '/data',
          message: 'Les données de la déclaration sont attendues.',
        },
      ].filter((f): f is { path: string; message: string } => Boolean(f));
      if (shape.length > 0) fail(400, 'requete-invalide', messages.requeteInvalide, shape);
      const { workerId, data } = body as { workerId: string; data: Record<string, unknown> };
      const kind = body.kind as DeclarationKind;
      const key = c.req.header('Idempotency-Key')?.slice(0, 200) || undefined;
      const user = c.get('user');
      const day = today();

      const outcome = await store.transaction(async (db, save) => {
        // R-FL-6: the same request sent again (double click, retry) gets the first answer.
        const replay =
          key &&
          db.declarations.find((d) => d.idempotencyKey === key && d.userEmail === user.email);
        if (replay) return { record: replay, replayed: true };
        const worker = db.workers.find((w) => w.id === workerId && w.esat === user.esat);
        if (!worker) fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
        exigerIdentifiant(c, worker.caf);
        const blocage = blocageDossier(worker.dossier);
        if (blocage) fail(422, 'dossier-bloque', blocage);
        if (!declarationOuverte(kind, day)) fail(422, 'campagne-fermee', messages.campagneFermee);
        const errors = validateDeclaration(kind, data, day);
        if (errors.length > 0) fail(422, 'validation', messages.validation, errors);
        const campaignYear = kind === 'certificat' ? campagne(day).year : undefined;
        if (kind === 'certificat') {
          // R-CE-6: one certificat per worker and campaign.
          const first = db.declarations.find(
            (d) =>
              d.kind === 'certificat' &&
              d.workerId === worker.id &&
              d.campaignYear === campaignYear,
          );
          if (first) {
            fail(
              409,
              'deja-declare',
              `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${dateFrParis(first.submittedAt)}.`,
            );
          }
        }
        const record: DeclarationRecord = {
          id: randomUUID(),
          kind,
          workerId: worker.id,
          esat: worker.esat,
          caf: worker.caf,
          userEmail: user.email,
          data,
          ...(campaignYear !== undefined ? { campaignYear } : {}),
          submittedAt: now().toISOString(),
          ...(key ? { idempotencyKey: key } : {}),
        };
        db.declarations.push(record);
        // R-SE-2: a validated declaration removes its draft.
        db.drafts = db.drafts.filter(
          (d) => !(d.userEmail === user.email && d.workerId === worker.id),
        );
        await save();
        return { record, replayed: false };
      });

      if (!outcome.replayed) {
        const { record } = outcome;
        journal({
          action: 'declaration-creee',
          who: user.email,
          worker: record.workerId,
          declaration: record.id,
          kind: record.kind,
        });
        const worker = store.read().workers.find((w) => w.id === record.workerId)!;
        try {
          // R-FL-5: the accusé de réception; a mail failure never undoes the declaration.
          await mailer.send(
            accuseReception({
              to: user.email,
              label: kindLabels[kind],
              worker,
              esat: esatOf(user)?.name ?? record.esat,
              caf: store.read().cafs.find((k) => k.code === record.caf)?.name ?? record.caf,
              id: record.id,
              submittedAt: record.submittedAt,
            }),
          );
        } catch {
          logError(`Accusé de réception non envoyé pour la déclaration ${record.id}.`);
        }
      }
      return c.json(accuse(outcome.record), 201);
    })
    .get('/api/declarations/:id/pdf', authenticated, espaceEsat, async (c) => {
      const declaration = declarationOf(c.get('user'), c.req.param('id'));
      journal({
        action: 'pdf-telecharge',
        who: c.get('user').email,
        worker: declaration.workerId,
        declaration: declaration.id,
      });
      const { esats, cafs, workers } = store.read();
      const worker = workers.find((w) => w.id === declaration.workerId)!;
      const bytes = await pdfRecapitulatif({
        declaration,
        esat: esats.find((e) => e.siret === declaration.esat)!,
        caf: cafs.find((k) => k.code === declaration.caf),
        worker,
      });
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${pdfFilename(declaration, worker)}"`,
      });
    })
    .post('/api/declarations/:id/avis', authenticated, espaceEsat, async (c) => {
      const declaration = declarationOf(c.get('user'), c.req.param('id'));
      const body = await jsonBody(c);
      if (
        !isObject(body) ||
        (body.note !== undefined && typeof body.note !== 'number') ||
        (body.commentaire !== undefined && typeof body.commentaire !== 'string')
      ) {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const note = body.note as number | undefined;
      const commentaire = (body.commentaire as string | undefined)?.trim() || undefined;
      const fields = [
        note !== undefined &&
          !(Number.isInteger(note) && note >= 1 && note <= 5) && {
            path: '/note',
            message: 'La note est un nombre entier de 1 à 5.',
          },
        commentaire !== undefined &&
          commentaire.length > 2000 && {
            path: '/commentaire',
            message: 'Le commentaire comporte au plus 2 000 caractères.',
          },
      ].filter((f): f is { path: string; message: string } => Boolean(f));
      if (fields.length > 0) fail(422, 'validation', "L'avis comporte des erreurs.", fields);
      if (note === undefined && commentaire === undefined) {
        fail(422, 'validation', 'Donnez une note ou un commentaire.', [
          { path: '/note', message: 'Donnez une note ou un commentaire.' },
        ]);
      }
      await store.transaction(async (data, save) => {
        if (data.avis.some((a) => a.declarationId === declaration.id)) {
          fail(409, 'avis-deja-donne', 'Votre avis sur cette déclaration a déjà été enregistré.');
        }
        data.avis.push({
          declarationId: declaration.id,
          caf: declaration.caf,
          ...(note !== undefined ? { note } : {}),
          ...(commentaire !== undefined ? { commentaire } : {}),
          submittedAt: now().toISOString(),
        });
        await save();
      });
      journal({ action: 'avis-donne', who: c.get('user').email, declaration: declaration.id });
      return c.json({ declarationId: declaration.id }, 201);
    })
    .get('/api/avis', authenticated, (c) => {
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
    })
    .all('/api/*', () => fail(404, 'introuvable', "Cette adresse n'existe pas."));

  return routes;
}

/** The API's type, for a typed client (`hc<AppType>()`). */
export type AppType = ReturnType<typeof createApp>;
