/**
 * The real side effects of the machines: each actor is one call of the HTTP contract (SPEC §8).
 * Every failure rejects with an ApiError carrying the server's French message.
 */
import { fromPromise } from 'xstate';
import {
  declarationMachine,
  type Avis,
  type EnvoiDeclaration,
} from '../machines/declaration.machine.ts';
import { portalMachine } from '../machines/portal.machine.ts';
import { sessionMachine } from '../machines/session.machine.ts';
import type {
  Accuse,
  ApiError,
  Brouillon,
  Caf,
  Calendrier,
  FicheTravailleur,
  PageTravailleurs,
  Profil,
  Travailleur,
  User,
  Utilisateur,
} from '../machines/types.ts';
import type { ImportEnCours } from '../machines/import.types.ts';

/** Who hears of each call's outcome (the session machine, R-SE-1). */
export const ecouteSession: { activite?: () => void; expiree?: () => void } = {};

/**
 * CSRF: the token of the current session, kept in memory only (never in storage a script of
 * another page could read), from the answers of POST /api/session, GET /api/me and
 * POST /api/password; sent back in X-CSRF-Token on every state-changing call.
 */
let csrfToken: string | undefined;
const changesState = (method: string) => !/^(GET|HEAD|OPTIONS)$/i.test(method);

/** One JSON call; rejects with the contract's error shape. */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  // A file (R-IM) goes as the request's body itself, its type given by the caller.
  const fichier = body instanceof Blob;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined || fichier ? {} : { 'Content-Type': 'application/json' }),
        ...(csrfToken && changesState(method) ? { 'X-CSRF-Token': csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : fichier ? body : JSON.stringify(body),
    });
  } catch {
    throw {
      status: 0,
      code: 'reseau',
      message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
    } satisfies ApiError;
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  const token = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (response.ok && typeof token === 'string') csrfToken = token;
  if (method === 'DELETE' && path === '/api/session' && response.ok) csrfToken = undefined;
  if (response.status === 401 && !path.startsWith('/api/session')) ecouteSession.expiree?.();
  else ecouteSession.activite?.();
  if (!response.ok) {
    const error = (json as { error?: Omit<ApiError, 'status'> } | undefined)?.error;
    throw {
      status: response.status,
      code: error?.code ?? 'erreur',
      message: error?.message ?? 'Une erreur est survenue. Réessayez dans un instant.',
      fields: error?.fields,
    } satisfies ApiError;
  }
  return json as T;
}

/** « Même montants que l'an dernier »: a worker's certificat of the previous campaign (404 if none). */
export const certificatPrecedent = (workerId: string) =>
  call<{ campaignYear: number; submittedAt: string; saisie: Record<string, string> }>(
    'GET',
    `/api/workers/${encodeURIComponent(workerId)}/certificat-precedent`,
  );

/** Where the PDF récapitulatif of a declaration is downloaded. */
export const pdfUrl = (id: string) => `/api/declarations/${encodeURIComponent(id)}/pdf`;

/** The session machine wired to the server: renewing is any authenticated request. */
export const sessionServeur = sessionMachine.provide({
  actors: {
    renouveler: fromPromise(async () => {
      await call('GET', '/api/me');
    }),
  },
});

const brouillonsEnAttente = new Map<string, ReturnType<typeof setTimeout>>();
const brouillonsEnCours = new Map<string, Promise<unknown>>();

/** Before recording a declaration: no draft save may land after it and bring the draft back. */
async function arreterBrouillon(workerId: string) {
  clearTimeout(brouillonsEnAttente.get(workerId));
  brouillonsEnAttente.delete(workerId);
  await brouillonsEnCours.get(workerId);
}

/** R-SE-2: keeps what is typed on the server, at most every 400 ms per worker. */
function garderBrouillon({
  workerId,
  updatedAt: _,
  travailleur: __,
  ...brouillon
}: Brouillon & { workerId: string }) {
  clearTimeout(brouillonsEnAttente.get(workerId));
  brouillonsEnAttente.set(
    workerId,
    setTimeout(() => {
      brouillonsEnAttente.delete(workerId);
      // A failed save is retried with the next keystroke; the values stay on screen.
      const put = call('PUT', `/api/drafts/${encodeURIComponent(workerId)}`, brouillon).catch(
        () => undefined,
      );
      brouillonsEnCours.set(workerId, put);
      void put.then(
        () => brouillonsEnCours.get(workerId) === put && brouillonsEnCours.delete(workerId),
      );
    }, 400),
  );
}

/** The declaration machine wired to the server. */
export const declarationServeur = declarationMachine.provide({
  actions: {
    brouillonModifie: (_, params) => garderBrouillon(params),
  },
  actors: {
    enregistrerDeclaration: fromPromise(async ({ input }: { input: EnvoiDeclaration }) => {
      await arreterBrouillon(input.workerId);
      return call<Accuse>(
        'POST',
        '/api/declarations',
        { workerId: input.workerId, kind: input.kind, data: input.data },
        { 'Idempotency-Key': input.idempotencyKey },
      );
    }),
    envoyerAvis: fromPromise(
      async ({ input }: { input: { declarationId: string; avis: Avis } }) => {
        await call(
          'POST',
          `/api/declarations/${encodeURIComponent(input.declarationId)}/avis`,
          input.avis,
        );
      },
    ),
  },
});

interface FiltreTravailleurs {
  caf: string;
  q: string;
  page: number;
  pageSize: number;
  sansCertificat: boolean;
}

/** One page of `GET /api/workers`; `sansCertificat=1` keeps the workers still to declare (R-CA-8). */
function pageTravailleurs(input: FiltreTravailleurs) {
  return call<PageTravailleurs>(
    'GET',
    `/api/workers?${new URLSearchParams({
      caf: input.caf,
      q: input.q,
      page: String(input.page),
      pageSize: String(input.pageSize),
      ...(input.sansCertificat ? { sansCertificat: '1' } : {}),
    })}`,
  );
}

/** The portal machine wired to the server. */
export const portalServeur = portalMachine.provide({
  actors: {
    // Asks first whether anyone is logged in (always 200), so that the login page's start
    // logs no 401 in the console; `GET /api/me` then answers as before.
    chargerProfil: fromPromise(async () => {
      const { authenticated } = await call<{ authenticated: boolean }>('GET', '/api/session');
      if (!authenticated) {
        throw {
          status: 401,
          code: 'non-authentifie',
          message: 'Vous devez vous connecter pour accéder à ce service.',
        } satisfies ApiError;
      }
      return call<Profil>('GET', '/api/me');
    }),
    connecter: fromPromise(({ input }: { input: { email: string; password: string } }) =>
      call<{ user: User }>('POST', '/api/session', input),
    ),
    deconnecter: fromPromise(async () => {
      await call('DELETE', '/api/session');
    }),
    accepterCgu: fromPromise(async () => {
      await call('POST', '/api/cgu', { accept: true });
    }),
    chargerAccueil: fromPromise(
      async (): Promise<{
        cafs: Caf[];
        calendrier: Calendrier;
        brouillons: Brouillon[];
        imports?: ImportEnCours[];
      }> => {
        const [cafs, calendrier, brouillons, imports] = await Promise.all([
          call<Caf[]>('GET', '/api/cafs'),
          call<Calendrier>('GET', '/api/calendar'),
          call<Brouillon[]>('GET', '/api/drafts'),
          call<ImportEnCours[]>('GET', '/api/imports'),
        ]);
        return { cafs, calendrier, brouillons, imports };
      },
    ),
    chargerTravailleurs: fromPromise(({ input }: { input: FiltreTravailleurs }) =>
      pageTravailleurs(input),
    ),
    // « Tout sélectionner » over every page: the server's largest pages, one after the other.
    chargerTousTravailleurs: fromPromise(
      async ({ input }: { input: Omit<FiltreTravailleurs, 'page' | 'pageSize'> }) => {
        const tous: Travailleur[] = [];
        for (let page = 1; ; page++) {
          const reponse = await pageTravailleurs({ ...input, page, pageSize: 100 });
          tous.push(...reponse.items);
          if (reponse.items.length === 0 || tous.length >= reponse.total) return tous;
        }
      },
    ),
    supprimerBrouillon: fromPromise(async ({ input }: { input: { workerId: string } }) => {
      await call('DELETE', `/api/drafts/${encodeURIComponent(input.workerId)}`);
    }),
    demanderMotDePasse: fromPromise(async ({ input }: { input: { email: string } }) => {
      await call('POST', '/api/password/forgot', input);
    }),
    changerMotDePasse: fromPromise(
      ({ input }: { input: { currentPassword: string; newPassword: string } }) =>
        call('POST', '/api/password', input),
    ),
    verifierIdentifiant: fromPromise(({ input }: { input: { caf: string; identifiant: string } }) =>
      call('POST', `/api/cafs/${encodeURIComponent(input.caf)}/identifiant`, {
        identifiant: input.identifiant,
      }),
    ),
    chargerUtilisateurs: fromPromise(() => call<Utilisateur[]>('GET', '/api/users')),
    creerUtilisateur: fromPromise(
      ({ input }: { input: { email: string; role: 'declarant' | 'referent' } }) =>
        call<Utilisateur>('POST', '/api/users', input),
    ),
    changerActivation: fromPromise(({ input }: { input: { email: string; active: boolean } }) =>
      call<Utilisateur>('PATCH', `/api/users/${encodeURIComponent(input.email)}`, {
        active: input.active,
      }),
    ),
    chargerFiche: fromPromise(({ input }: { input: { id: string } }) =>
      call<FicheTravailleur>('GET', `/api/workers/${encodeURIComponent(input.id)}`),
    ),
    declaration: declarationServeur,
  },
});
