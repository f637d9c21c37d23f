/**
 * What every route module shares: the options, the sessions of this process, the CSRF token,
 * the login throttle, the audit journal, the middlewares of access (R-SE-1, R-AC-2, R-AC-5,
 * R-AC-7) and the views of records. Built once per app by createContext().
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hash } from '@node-rs/argon2';
import { isoToday } from '../forms/calendrier.ts';
import { messagesIdentifiant } from '../forms/identifiant.ts';
import { fail, messages } from './errors.ts';
import { noAudit, type Audit, type AuditEntry } from './audit.ts';
import { messageCsrf, overHttps } from './security.ts';
import { type Mailer } from './mail.ts';
import type {
  DeclarationRecord,
  DraftRecord,
  EsatRecord,
  Store,
  UserRecord,
  WorkerRecord,
} from './store.ts';

/** A draft as the UI gets it back. */
export const brouillonView = (d: DraftRecord) => ({
  teleprocedure: d.teleprocedure,
  kind: d.kind,
  reponses: d.reponses,
  saisie: d.saisie,
  updatedAt: d.updatedAt,
});

/** French alphabetical order, built once: a collator per comparison made 2 000 names cost 120 ms. */
export const alphabetique = new Intl.Collator('fr', { sensitivity: 'base' });

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

export type Env = { Variables: { user: UserRecord; sessionId: string } };

export const COOKIE = 'esat_session';
export const MAX_FAILURES_ACCOUNT = 5;
export const MAX_FAILURES_ADDRESS = 20;
const LOCK_MS = 15 * 60_000;
/** R-AC-7: wrong identifiants de communication accepted per session before 429. */
export const IDENTIFIANT_ESSAIS = 5;
/** An e-mail address as a référent types it (the mail server has the last word). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lowercase without accents: « Lefèvre » and « LEFEVRE » both read « lefevre ». */
export function sansAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a JSON body, or answers 400 (never 500) when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return fail(400, 'json-invalide', messages.jsonInvalide);
  }
}

/** « 12/01/2027 »: the Paris date of an instant. */
export const dateFrParis = (iso: string) => isoToday(new Date(iso)).split('-').reverse().join('/');

/** Builds what the route modules share; one per app. */
export function createContext(options: AppOptions) {
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
  let dummy: Promise<string> | undefined;
  /** An argon2id hash of nothing: an unknown e-mail costs the same verify as a known one. */
  const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));

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
    sessions,
    failures,
    dummyHash,
    csrfKey,
    csrfToken,
    csrfOk,
    cookieOptions,
    openSession,
    closeSessionsOf,
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
  };
}

/** What the route modules are given. */
export type Ctx = ReturnType<typeof createContext>;
