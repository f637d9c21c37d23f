/**
 * What every route module shares: the options, the sessions (in the store, R-ST-2), the CSRF token,
 * the login throttle, the audit journal, the middlewares of access (R-SE-1, R-AC-2, R-AC-5,
 * R-AC-7) and the views of records. Built once per app by createContext().
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hash } from '@node-rs/argon2';
import { INACTIVITE_MINUTES } from '../machines/session.machine.ts';
import { messagesIdentifiant } from '../forms/identifiant.ts';
import { fail, messages } from './errors.ts';
import { noAudit, type Audit, type AuditEntry } from './audit.ts';
import { messageCsrf, overHttps } from './security.ts';
import { type Mailer } from './mail.ts';
import { createOutboxSender, type OutboxSender } from './outbox.ts';
import { createJetons } from './tokens.ts';
import {
  createFenetre,
  createThrottle,
  POLITIQUE_ADRESSE,
  POLITIQUE_COMPTE,
  POLITIQUE_IDENTIFIANT,
  type Etat,
  type Politique,
} from './limits.ts';
import { declarationKinds, formDefinition, type DeclarationKind } from '../forms/index.ts';
import { questionsChangement } from '../forms/changement.ts';
import type {
  DeclarationRecord,
  DraftRecord,
  EsatRecord,
  SessionRecord,
  Store,
  UserRecord,
  WorkerRecord,
} from './store/index.ts';

/** A draft as the UI gets it back. */
export const brouillonView = (d: DraftRecord) => ({
  teleprocedure: d.teleprocedure,
  // Checked against the kinds on the way in (PUT /api/drafts, server/contract/routes.ts).
  kind: d.kind as DeclarationKind | undefined,
  reponses: d.reponses,
  saisie: d.saisie,
  updatedAt: d.updatedAt,
});

/** French alphabetical order and the search's text: the store contract's (one owner). */
export { alphabetique, sansAccents } from './store/index.ts';

export interface AppOptions {
  store: Store;
  mailer: Mailer;
  /** "Today" as `YYYY-MM-DD` (ESAT_TODAY, or the Paris date). */
  today: () => string;
  /** R-SE-1: the server-side inactivity limit, in minutes (decimals allowed). Default INACTIVITE_MINUTES (30). */
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
  /** R-AC-3: at most one « Mot de passe oublié ? » mail per address within this many minutes. Default 5. */
  forgotWindowMinutes?: number;
  /**
   * Runs work after the answer is sent (the provisional password's hash, write and mail).
   * Default: setImmediate. Tests pass their own to run it when they choose.
   */
  defer?: (job: () => Promise<void>) => void;
  /** R-ST-4: the outbox's sender (server/index.ts shares its own, to finish its sendings on stop). */
  outbox?: OutboxSender;
}

export type Env = { Variables: { user: UserRecord; sessionId: string; session: SessionRecord } };

export const COOKIE = 'esat_session';
/** R-AC-7: wrong identifiants de communication accepted per account and hour before 429. */
export const IDENTIFIANT_ESSAIS = POLITIQUE_IDENTIFIANT.verrou;
/** R-AC-3: « Mot de passe oublié ? » requests per client address within 15 minutes. */
export const OUBLI_PAR_CLIENT = 10;
/** Anonymous state-changing requests (login, forgotten password…) per client address and minute. */
export const ECRITURES_ANONYMES = 60;
/** An e-mail address as a référent types it (the mail server has the last word). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a JSON body, or answers 400 (never 500) when it is not JSON (its depth is bounded by security.ts). */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return fail(400, 'json-invalide', messages.jsonInvalide);
  }
}

/** The names a draft's saisie may hold: the fields of every declaration's form. */
export const champsDeSaisie = new Set(
  declarationKinds.flatMap((kind) => formDefinition(kind).fields.map((f) => f.name)),
);
/** The names a draft's answers may hold: the questions, `situation.depart`… (forms/changement.ts). */
export const clesDeReponses = new Set(
  questionsChangement.flatMap((q) =>
    q.type === 'situations' ? q.situations.map((s) => `${q.id}.${s.id}`) : [q.id],
  ),
);

/** The throttle keys of one request (`compte:…`, `adresse:…`) with their policies. */
type Cles = [string, Politique][];

/** The French message of a 429 of the login throttle: a lock in minutes, a delay in seconds. */
export function messageAttente(etat: Extract<Etat, { bloque: true }>): string {
  return etat.verrouille
    ? `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(etat.secondes / 60)} minutes.`
    : `Trop de tentatives de connexion. Patientez ${etat.secondes} secondes avant de réessayer.`;
}

/** Answers 429 with `Retry-After` (seconds). */
export function tropTot(c: Context, code: string, message: string, secondes: number): never {
  c.header('Retry-After', String(secondes));
  return fail(429, code, message);
}

/** Builds what the route modules share; one per app. */
export function createContext(options: AppOptions) {
  const { store, mailer, today } = options;
  const idleMs = (options.idleMinutes ?? INACTIVITE_MINUTES) * 60_000;
  /** How stale a session's `lastSeen` may be before a request writes it again (≤ 15 s). */
  const touchMs = Math.min(15_000, idleMs / 40);
  const maxAgeMs = (options.passwordMaxAgeDays ?? 92) * 86_400_000;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? Date.now;
  const logError = options.logError ?? ((m: string) => console.error(m));
  const proxy = { trustProxy: options.trustProxy ?? false };
  const audit = options.audit ?? noAudit;
  /** R-API-2: the API tokens; a token's requests are audited under its name. */
  const jetons = createJetons({ store, today, now, clock });
  const journal = (entry: AuditEntry) => {
    const jeton = jetons.nomDe(entry.who);
    audit.record({ at: new Date(clock()).toISOString(), ...entry, ...(jeton ? { jeton } : {}) });
  };

  const failures = createThrottle(store, clock);
  /** R-ST-4: the accusés de réception, written with their declaration, sent from the outbox. */
  const outbox = options.outbox ?? createOutboxSender({ store, mailer, clock, logError });
  const forgotWindowMs = (options.forgotWindowMinutes ?? 5) * 60_000;
  const defer = options.defer ?? ((job) => void setImmediate(() => void job()));
  /** R-AC-3: one provisional password per address and window (whether the account exists or not). */
  const oubliParAdresse = createFenetre(store, clock, 'oubli-adresse', 1, forgotWindowMs);
  /** R-AC-3: « Mot de passe oublié ? » requests per client address. */
  const oubliParClient = createFenetre(store, clock, 'oubli-client', OUBLI_PAR_CLIENT, 15 * 60_000);
  /** Issue 11, point 5: what an anonymous client can make the service write (audit, hashing). */
  const ecrituresAnonymes = createFenetre(store, clock, 'anonyme', ECRITURES_ANONYMES, 60_000);
  let dummy: Promise<string> | undefined;
  /** An argon2id hash of nothing: an unknown e-mail costs the same verify as a known one. */
  const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));

  // CSRF, second layer: a random token of the session, kept in its record (so that every
  // instance knows it), given by POST /api/session, GET /api/me and POST /api/password, sent back
  // by the page in X-CSRF-Token on every state-changing request. Another site can neither read it
  // nor derive it from the cookie.
  const csrfOk = (c: Context, session: SessionRecord) => {
    const sent = Buffer.from(c.req.header('x-csrf-token') ?? '');
    const expected = Buffer.from(session.csrf);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  };
  /** The session of a cookie's secret: the store keeps only its SHA-256, never the secret. */
  const sessionId = (secret: string) => createHash('sha256').update(secret).digest('hex');
  /** The live session of the request's cookie, or undefined (an idle one is removed). */
  /**
   * The session record of the request's cookie, read once per request: the anonymous-writes
   * check looks (`sessionVue`), `authenticated` then takes the same read (`sessionOf`).
   */
  const lues = new WeakMap<Request, Promise<SessionRecord | undefined>>();
  const lireSession = (c: Context, secret: string) => {
    const deja = lues.get(c.req.raw);
    if (deja) return deja;
    const lue = store.get('sessions', sessionId(secret));
    lues.set(c.req.raw, lue);
    return lue;
  };
  const sessionOf = async (c: Context) => {
    const secret = getCookie(c, COOKIE);
    if (!secret) return undefined;
    const session = await lireSession(c, secret);
    lues.delete(c.req.raw);
    if (session && clock() - session.lastSeen > idleMs) {
      journal({ action: 'session-expiree', who: session.email });
      await store.transaction((tx) => tx.remove('sessions', session.id));
      return undefined;
    }
    return session;
  };
  const cookieOptions = (c: Context) =>
    ({ httpOnly: true, sameSite: 'Strict', path: '/', secure: overHttps(c, proxy) }) as const;
  /**
   * A new session for `email` under a new id from the CSPRNG (never one the client sent), its
   * cookie set; `from` carries over what the replaced session knew. Returns its CSRF token.
   */
  const openSession = async (
    c: Context,
    email: string,
    from?: Pick<SessionRecord, 'identifiedCafs'>,
  ) => {
    const secret = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await store.transaction((tx) =>
      tx.insert('sessions', {
        id: sessionId(secret),
        email,
        lastSeen: clock(),
        csrf,
        ...(from?.identifiedCafs ? { identifiedCafs: from.identifiedCafs } : {}),
      }),
    );
    setCookie(c, COOKIE, secret, cookieOptions(c));
    return csrf;
  };
  /** The live session of the request, looked at only: neither prolonged nor ended. */
  const sessionVue = async (c: Context) => {
    const secret = getCookie(c, COOKIE);
    const session = secret ? await lireSession(c, secret) : undefined;
    return session && clock() - session.lastSeen <= idleMs ? session : undefined;
  };
  /** Whether the request carries the cookie of a live session (else it is anonymous). */
  const sessionVivante = async (c: Context) =>
    jetons.porte(c) ? jetons.valide(c) : !!(await sessionVue(c));
  /** Ends every session of a user (password changed, account deactivated). */
  const closeSessionsOf = async (email: string) => {
    await store.transaction(async (tx) => {
      const mine = await tx.find('sessions', { email });
      await tx.remove(
        'sessions',
        mine.map((s) => s.id),
      );
    });
  };
  /** Ends one session. */
  const closeSession = async (id: string) => {
    await store.transaction((tx) => tx.remove('sessions', id));
  };

  const mustChangePassword = (u: UserRecord) =>
    u.provisional || (maxAgeMs > 0 && clock() - Date.parse(u.passwordChangedAt) > maxAgeMs);
  const userView = (u: UserRecord) => ({
    email: u.email,
    role: u.role,
    mustChangePassword: mustChangePassword(u),
  });
  /** The Esat of a request's user, read once per request (the user record is the request's). */
  const esatsLues = new WeakMap<UserRecord, Promise<EsatRecord | undefined>>();
  const esatOf = (u: UserRecord): Promise<EsatRecord | undefined> => {
    let esat = esatsLues.get(u);
    if (!esat)
      esatsLues.set(u, (esat = u.esat ? store.get('esats', u.esat) : Promise.resolve(undefined)));
    return esat;
  };
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
    ...(d.reference ? { reference: d.reference } : {}),
    kind: d.kind,
    workerId: d.workerId,
    submittedAt: d.submittedAt,
  });

  /**
   * R-AC-4: failed passwords (login, and the current password of « Mon mot de passe ») counted
   * per account and per client address, over time: slowed with a growing delay, then locked
   * (server/limits.ts). The keys of one request, the first refusal, a failure, a success.
   */
  const throttle = {
    cles(email: string, address: string | undefined) {
      // No address is longer than 254 characters: a longer "e-mail" does not grow the map.
      const keys: Cles = [[`compte:${email.slice(0, 254)}`, POLITIQUE_COMPTE]];
      if (address) keys.push([`adresse:${address}`, POLITIQUE_ADRESSE]);
      return keys;
    },
    /** The first key that may not try now, with its state; undefined when all may. */
    async refus(keys: Cles) {
      for (const [key, p] of keys) {
        const etat = await failures.etat(key, p);
        if (etat.bloque) return { key, etat };
      }
      return undefined;
    },
    async echec(keys: Cles) {
      for (const [key, p] of keys) await failures.echec(key, p);
    },
    async reussite(keys: Cles) {
      for (const [key] of keys) await failures.oublier(key);
    },
  };

  /** R-AC-7: wrong identifiants de communication, per account over time (not per session). */
  const identifiantBloque = async (email: string) =>
    (await failures.etat(`identifiant:${email}`, POLITIQUE_IDENTIFIANT)).bloque;
  const identifiantEchoue = (email: string) =>
    failures.echec(`identifiant:${email}`, POLITIQUE_IDENTIFIANT);

  /** R-SE-1: a known, recently used session; its idle time restarts. */
  const authenticated: MiddlewareHandler<Env> = async (c, next) => {
    // R-API-2: a payroll software's token instead of a session (no cookie, no CSRF token).
    if (jetons.porte(c)) return jetons.authentifier(c, next);
    if (!getCookie(c, COOKIE)) fail(401, 'non-authentifie', messages.nonAuthentifie);
    const session = await sessionOf(c);
    if (!session) {
      deleteCookie(c, COOKIE, { path: '/' });
      fail(401, 'session-expiree', messages.sessionExpiree);
    }
    const user = await store.get('users', session.email);
    if (!user || user.active === false) {
      await closeSession(session.id);
      fail(401, 'non-authentifie', messages.nonAuthentifie);
    }
    c.set('user', user);
    if (/^(POST|PUT|PATCH|DELETE)$/.test(c.req.method) && !csrfOk(c, session)) {
      fail(403, 'csrf', messageCsrf);
    }
    // A session's activity is written at most every few seconds (not one UPDATE per request): the
    // idle limit is minutes long, so it may end that much earlier, never later.
    if (clock() - session.lastSeen >= touchMs) {
      await store.touch('sessions', session.id, { lastSeen: clock() });
    }
    c.set('sessionId', session.id);
    c.set('session', session);
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

  /** The agent's space (SPEC §10): an agent of a Caf, password up to date, both CGU accepted. */
  const espaceCaf: MiddlewareHandler<Env> = async (c, next) => {
    const user = c.get('user');
    if (user.role !== 'agent' || !user.caf) fail(403, 'acces-refuse', messages.accesRefuse);
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
    // An Esat's user (the référent's routes never show an agent: agents have no Esat).
    role: u.role as Exclude<UserRecord['role'], 'agent'>,
    active: u.active !== false,
    provisional: u.provisional,
    lastLoginAt: u.lastLoginAt ?? null,
  });

  /** R-AC-7: whether this Caf does not know the Esat's SIRET and its identifiant was not given. */
  const identifiantRequis = (c: Context<Env>, esat: EsatRecord, caf: string) =>
    !!esat.siretUnknownTo?.includes(caf) && !c.get('session').identifiedCafs?.includes(caf);
  /** R-AC-7: nothing of a Caf's workers before its identifiant de communication is given. */
  const exigerIdentifiant = async (c: Context<Env>, caf: string) => {
    const esat = await esatOf(c.get('user'));
    if (esat && identifiantRequis(c, esat, caf))
      fail(403, 'identifiant-requis', messagesIdentifiant.requis);
  };

  /** A worker of the user's Esat, or 404 (another Esat's is unknown). */
  const workerOf = async (user: UserRecord, id: string) => {
    const worker = await store.get('workers', id);
    if (!worker || worker.esat !== user.esat)
      fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
    return worker;
  };

  /** A declaration of the user's Esat, or 404 (another Esat's is unknown). */
  const declarationOf = async (user: UserRecord, id: string) => {
    const declaration = await store.get('declarations', id);
    if (!declaration || declaration.esat !== user.esat)
      fail(404, 'declaration-inconnue', messages.declarationInconnue);
    return declaration;
  };

  return {
    store,
    mailer,
    today,
    idleMs,
    maxAgeMs,
    now,
    clock,
    logError,
    proxy,
    audit,
    journal,
    jetons,
    outbox,
    sessionOf,
    sessionVue,
    closeSession,
    failures,
    defer,
    oubliParAdresse,
    oubliParClient,
    ecrituresAnonymes,
    identifiantBloque,
    identifiantEchoue,
    dummyHash,
    csrfOk,
    cookieOptions,
    openSession,
    closeSessionsOf,
    sessionVivante,
    mustChangePassword,
    userView,
    esatOf,
    workerView,
    accuse,
    throttle,
    authenticated,
    espaceEsat,
    espaceCaf,
    referent,
    utilisateurView,
    identifiantRequis,
    exigerIdentifiant,
    declarationOf,
    workerOf,
  };
}

/** What the route modules are given. */
export type Ctx = ReturnType<typeof createContext>;
