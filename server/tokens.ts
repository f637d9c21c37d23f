/**
 * R-API-2: the API tokens of an Esat, for its payroll software. A token is a random secret with a
 * recognisable prefix, shown once; the store keeps its SHA-256 only. A request with
 * `Authorization: Bearer …` acts for the token's Esat with a déclarant's rights, on the routes of
 * `routesDesJetons` only (never the Caf agent's, the tokens', the users', the session's), without
 * cookie nor CSRF token (a bearer is not sent by a browser on its own), limited in rate per token.
 * Nothing here logs a secret or its hash.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context, Next } from 'hono';
import type { FromSchema } from 'json-schema-to-ts';
import { jour, unAnApres } from '../forms/dates.ts';
import type { jeton } from './contract/schemas.ts';
import { fail } from './errors.ts';
import { createFenetre } from './limits.ts';
import type { SessionRecord, Store, TokenRecord, UserRecord } from './store/index.ts';

/** What every secret starts with, so that a leaked one is recognised (secret scanners, logs). */
export const PREFIXE_JETON = 'esat_';
/** R-API-2: requests per token and minute, then 429. */
export const REQUETES_PAR_MINUTE = 120;
/** Active tokens an Esat may hold at once. */
export const JETONS_ACTIFS_MAX = 20;
/** The longest name of a token. */
export const NOM_MAX = 80;
/** The last use is written when it is at least this old (not at every request). */
const USAGE_ECRIT_APRES_MS = 60_000;

/** A new secret: 32 bytes from the CSPRNG, base64url, after the prefix. */
export const nouveauSecret = () => `${PREFIXE_JETON}${randomBytes(32).toString('base64url')}`;
/** How the store knows a secret: its SHA-256 (hex). */
export const empreinteJeton = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * The routes a token may call: the Esat's, read its Caf and workers, declare, get the PDF of what
 * it declared. Every other route answers 403 to a token, whatever its own checks say.
 */
export const routesDesJetons: readonly { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/api\/cafs$/ },
  { method: 'GET', path: /^\/api\/workers$/ },
  { method: 'GET', path: /^\/api\/workers\/[^/]+$/ },
  { method: 'POST', path: /^\/api\/declarations$/ },
  { method: 'GET', path: /^\/api\/declarations\/[^/]+\/pdf$/ },
];

/** The identity a token's requests carry (`user.email`): its declarations' and the audit's. */
export const identiteJeton = (t: Pick<TokenRecord, 'id'>) => `jeton:${t.id}`;

const jourValide = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** The French messages of the tokens. */
export const messagesJetons = {
  inconnu:
    "Ce jeton d'accès est inconnu ou a été révoqué. Demandez-en un nouveau au référent de votre établissement.",
  expire: (dernierJour: string) =>
    `Ce jeton d'accès a expiré le ${jour(dernierJour)}. Demandez-en un nouveau au référent de votre établissement.`,
  route:
    "Un jeton d'accès ne sert qu'à déclarer pour votre établissement : cette adresse lui est fermée.",
  tropDeRequetes: (s: number) =>
    `Trop de requêtes avec ce jeton d'accès. Réessayez dans ${s} secondes.`,
  nomAbsent: 'Donnez un nom à ce jeton, par exemple celui de votre logiciel de paie.',
  nomLong: `Le nom comporte au plus ${NOM_MAX} caractères.`,
  dateInvalide: "Saisissez une date d'expiration valide, par exemple 31/12/2027.",
  datePassee: "La date d'expiration doit être postérieure à aujourd'hui.",
  dateTropLoin: (max: string) =>
    `Un jeton est valable un an au plus : choisissez une date d'expiration au plus tard le ${jour(max)}.`,
  tropDeJetons: `Votre établissement a déjà ${JETONS_ACTIFS_MAX} jetons actifs : révoquez-en un avant d'en créer un autre.`,
  jetonInconnu: "Ce jeton n'est pas de votre établissement.",
} as const;

/** What a référent sends to create a token, checked: the name trimmed, the last valid day. */
export function lireCreation(
  body: Record<string, unknown>,
  today: string,
): { name: string; expiresAt: string } {
  const max = unAnApres(today);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  const expiresAt = body.expiresAt === undefined || body.expiresAt === '' ? max : body.expiresAt;
  const erreurs: { path: string; message: string }[] = [];
  if (!name) erreurs.push({ path: '/name', message: messagesJetons.nomAbsent });
  else if (name.length > NOM_MAX) erreurs.push({ path: '/name', message: messagesJetons.nomLong });
  if (typeof expiresAt !== 'string' || !jourValide(expiresAt))
    erreurs.push({ path: '/expiresAt', message: messagesJetons.dateInvalide });
  else if (expiresAt <= today)
    erreurs.push({ path: '/expiresAt', message: messagesJetons.datePassee });
  else if (expiresAt > max)
    erreurs.push({ path: '/expiresAt', message: messagesJetons.dateTropLoin(max) });
  if (erreurs.length) fail(422, 'jeton-invalide', erreurs[0].message, erreurs);
  return { name, expiresAt: expiresAt as string };
}

/** A token as the référent sees it: never its secret nor its hash; typed by its schema
 * (server/contract/schemas.ts `jeton`), which the OpenAPI document shows and the UI derives. */
export const jetonView = (t: TokenRecord, today: string): FromSchema<typeof jeton> => ({
  id: t.id,
  name: t.name,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt ?? null,
  revoked: t.revokedAt !== undefined,
  revokedAt: t.revokedAt ?? null,
  expired: t.expiresAt < today,
});

/** The secret of `Authorization: Bearer …`, '' when malformed, undefined without a bearer. */
function porteur(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header || !/^bearer(\s|$)/i.test(header)) return undefined;
  return /^bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** Builds the tokens' side of the app, over its store and its clocks; one per app. */
export function createJetons(options: {
  store: Store;
  today: () => string;
  now: () => Date;
  clock: () => number;
}) {
  const { store, today, now, clock } = options;
  const parJeton = createFenetre(store, clock, 'jeton', REQUETES_PAR_MINUTE, 60_000);
  /** The look-up of each request, once (the anonymous limit asks first, then `authentifier`). */
  const vus = new WeakMap<Request, Promise<TokenRecord | undefined>>();
  /** Name and creator of the tokens met by this instance, for the audit and the accusés. */
  const connus = new Map<string, { name: string; createdBy: string }>();

  const chercher = (c: Context, secret: string) => {
    let found = vus.get(c.req.raw);
    if (!found) {
      found = secret
        ? store.find('tokens', { hash: empreinteJeton(secret) }).then((r) => r[0])
        : Promise.resolve(undefined);
      vus.set(c.req.raw, found);
    }
    return found;
  };
  const utilisable = (t: TokenRecord | undefined): t is TokenRecord =>
    !!t && t.revokedAt === undefined && today() <= t.expiresAt;

  return {
    /** Whether the request carries `Authorization: Bearer …` (then no cookie is looked at). */
    porte: (c: Context) => porteur(c) !== undefined,
    /** Whether the request's bearer is a token in use (its writes are not anonymous). */
    async valide(c: Context) {
      const secret = porteur(c);
      return secret !== undefined && utilisable(await chercher(c, secret));
    },
    /**
     * R-API-2, in place of the session: the token's Esat as a déclarant's, on `routesDesJetons`
     * only, REQUETES_PAR_MINUTE at most, its last use noted at most once a minute.
     */
    async authentifier(c: Context, next: Next) {
      const token = await chercher(c, porteur(c) ?? '');
      if (!token || token.revokedAt !== undefined)
        fail(401, 'jeton-inconnu', messagesJetons.inconnu);
      if (today() > token.expiresAt)
        fail(401, 'jeton-expire', messagesJetons.expire(token.expiresAt));
      const email = identiteJeton(token);
      connus.set(email, { name: token.name, createdBy: token.createdBy });
      const user: UserRecord = {
        email,
        passwordHash: '',
        role: 'declarant',
        esat: token.esat,
        provisional: false,
        cguAccepted: true,
        passwordChangedAt: now().toISOString(),
      };
      const session: SessionRecord = {
        id: email,
        email,
        lastSeen: clock(),
        csrf: '',
        identifiedCafs: token.identifiedCafs ?? [],
      };
      c.set('user', user);
      c.set('session', session);
      c.set('sessionId', session.id);
      const ouverte = routesDesJetons.some(
        (r) => r.method === c.req.method && r.path.test(c.req.path),
      );
      if (!ouverte) fail(403, 'acces-refuse', messagesJetons.route);
      const verdict = await parJeton.accepter(token.id);
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.secondes));
        fail(429, 'trop-de-requetes', messagesJetons.tropDeRequetes(verdict.secondes));
      }
      const at = now();
      const last = token.lastUsedAt ? Date.parse(token.lastUsedAt) : undefined;
      if (last === undefined || Math.abs(at.getTime() - last) >= USAGE_ECRIT_APRES_MS) {
        await store.transaction((tx) =>
          tx.update('tokens', token.id, { lastUsedAt: at.toISOString() }),
        );
      }
      await next();
    },
    /** The token's name when `who` is a token's identity (the audit writes it beside). */
    nomDe: (who: string | undefined) => (who ? connus.get(who)?.name : undefined),
    /** Where a user's accusés de réception go: a token's go to the référent who created it. */
    adresseDe: (user: Pick<UserRecord, 'email'>) => connus.get(user.email)?.createdBy ?? user.email,
    /** A new token of `esat`: its record, and the secret to show this once. */
    nouveau(fields: {
      name: string;
      expiresAt: string;
      esat: string;
      createdBy: string;
      identifiedCafs?: string[];
    }) {
      const secret = nouveauSecret();
      const record: TokenRecord = {
        id: randomUUID(),
        hash: empreinteJeton(secret),
        name: fields.name,
        esat: fields.esat,
        createdBy: fields.createdBy,
        createdAt: now().toISOString(),
        expiresAt: fields.expiresAt,
        ...(fields.identifiedCafs?.length ? { identifiedCafs: fields.identifiedCafs } : {}),
      };
      return { record, secret };
    },
    utilisable,
  };
}
export type Jetons = ReturnType<typeof createJetons>;
