/**
 * The HTTP API (SPEC §8), routes chained so that their type can be exported for a typed client.
 * Every declaration rule is checked again here with the one validator of forms/, whatever the UI
 * did; the server only adds what needs the data: the worker's Esat and file (R-WK), the campaign
 * (R-CE-1), one certificat per campaign (R-CE-6), one record per request (R-FL-6).
 */
import { randomBytes, randomUUID } from 'node:crypto';
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
import { ApiError, fail, messages } from './errors.ts';
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
}

type Env = { Variables: { user: UserRecord; sessionId: string } };

const COOKIE = 'esat_session';
const MAX_FAILURES_ACCOUNT = 5;
const MAX_FAILURES_ADDRESS = 20;
const LOCK_MS = 15 * 60_000;

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

/** The same date two years before (R-FL-4 "two rolling years"). */

/** R-AC-4, minimal: length, not the e-mail, not a well-known password. */
const courants = new Set([
  'motdepasse123',
  'azertyuiop123',
  '123456789012',
  'password1234',
  'azerty123456',
]);
function refusMotDePasse(password: string, email: string): string | undefined {
  if (password.length < 12) return 'Le mot de passe doit comporter au moins 12 caractères.';
  if (password.length > 128) return 'Le mot de passe doit comporter au plus 128 caractères.';
  if (password.toLowerCase() === email.toLowerCase())
    return "Le mot de passe ne peut pas être l'adresse e-mail.";
  if (courants.has(password.toLowerCase())) return 'Ce mot de passe est trop courant.';
  return undefined;
}

/** Builds the API. `ReturnType<typeof createApp>` is the type a typed client needs. */
export function createApp(options: AppOptions) {
  const { store, mailer, today } = options;
  const idleMs = (options.idleMinutes ?? 30) * 60_000;
  const maxAgeMs = (options.passwordMaxAgeDays ?? 92) * 86_400_000;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? Date.now;
  const logError = options.logError ?? ((m: string) => console.error(m));

  const sessions = new Map<string, { email: string; lastSeen: number }>();
  const failures = new Map<string, { count: number; since: number }>();
  let dummyHash: Promise<string> | undefined;

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
      sessions.delete(sid);
      deleteCookie(c, COOKIE, { path: '/' });
      fail(401, 'session-expiree', messages.sessionExpiree);
    }
    const user = store.read().users.find((u) => u.email === session.email);
    if (!user) {
      sessions.delete(sid);
      fail(401, 'non-authentifie', messages.nonAuthentifie);
    }
    session.lastSeen = clock();
    c.set('user', user);
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

  /** A declaration of the user's Esat, or 404 (another Esat's is unknown). */
  const declarationOf = (user: UserRecord, id: string) => {
    const declaration = store.read().declarations.find((d) => d.id === id && d.esat === user.esat);
    if (!declaration) fail(404, 'declaration-inconnue', messages.declarationInconnue);
    return declaration;
  };

  const app = new Hono<Env>();

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.body(), err.status);
    logError(
      `Erreur interne sur ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.name : 'inconnue'}`,
    );
    return c.json({ error: { code: 'erreur-interne', message: messages.interne } }, 500);
  });

  const routes = app
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
    .post('/api/session', async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.email !== 'string' || typeof body.password !== 'string') {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const email = body.email.trim().toLowerCase();
      const address = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
        ?.incoming?.socket?.remoteAddress;
      const keys: [string, number][] = [[`compte:${email}`, MAX_FAILURES_ACCOUNT]];
      if (address) keys.push([`adresse:${address}`, MAX_FAILURES_ADDRESS]);
      if (keys.some(([k, limit]) => throttle.locked(k, limit))) {
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
      if (!user || (!ok && !reset)) {
        for (const [k, limit] of keys) throttle.fail(k, limit);
        fail(401, 'identifiants-invalides', messages.identifiants);
      }
      for (const [k] of keys) failures.delete(k);
      if (reset || user.resetHash) {
        await store.transaction(async (data, save) => {
          const u = data.users.find((x) => x.email === user.email)!;
          if (reset) {
            // R-AC-3: the provisional password becomes the password, to be changed at once.
            u.passwordHash = u.resetHash!;
            u.provisional = true;
          }
          delete u.resetHash;
          delete u.resetExpiresAt;
          await save();
        });
      }
      for (const [id, s] of sessions) if (clock() - s.lastSeen > idleMs) sessions.delete(id);
      const sid = randomBytes(32).toString('base64url');
      sessions.set(sid, { email: user.email, lastSeen: clock() });
      setCookie(c, COOKIE, sid, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
      });
      return c.json({ user: userView(user) });
    })
    .delete('/api/session', (c) => {
      const sid = getCookie(c, COOKIE);
      if (sid) sessions.delete(sid);
      deleteCookie(c, COOKIE, { path: '/' });
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
      const passwordHash = await hash(body.newPassword);
      const updated = await store.transaction(async (data, save) => {
        const u = data.users.find((x) => x.email === user.email)!;
        Object.assign(u, {
          passwordHash,
          provisional: false,
          passwordChangedAt: new Date(clock()).toISOString(),
        });
        await save();
        return u;
      });
      return c.json({ user: userView(updated) });
    })
    .post('/api/password/forgot', async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body) || typeof body.email !== 'string')
        fail(400, 'requete-invalide', messages.requeteInvalide);
      const email = body.email.trim().toLowerCase();
      const user = store.read().users.find((u) => u.email === email);
      if (user) {
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
        })),
      );
    })
    .get('/api/workers', authenticated, espaceEsat, (c) => {
      const esat = esatOf(c.get('user'))!;
      const caf = c.req.query('caf') || undefined;
      if (caf && !esat.cafs.includes(caf))
        fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
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
        .workers.filter((w) => w.esat === esat.siret && (!caf || w.caf === caf))
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
      await store.transaction(async (db, save) => {
        db.drafts = db.drafts.filter(
          (d) => !(d.userEmail === user.email && d.workerId === workerId),
        );
        await save();
      });
      return c.body(null, 204);
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
