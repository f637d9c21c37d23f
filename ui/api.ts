/**
 * The real side effects of the machines: each actor is one call of the HTTP contract (SPEC §8).
 * Every failure rejects with an ApiError carrying the server's French message.
 */
import { fromPromise } from 'xstate';
import { hc, type ClientResponse } from 'hono/client';
import type { StatusCode } from 'hono/utils/http-status';
import type { AppType } from '../server/app.ts';
import { portalMachine } from '../machines/portal.machine.ts';
import { sessionMachine } from '../machines/session.machine.ts';
import type {
  ApiError,
  Brouillon,
  Caf,
  Calendrier,
  FicheTravailleur,
  PageTravailleurs,
  Profil,
  Travailleur,
  Utilisateur,
} from '../machines/types.ts';
import type { ImportEnCours } from '../machines/import.types.ts';
import { agentDiffere, declarationDiffere, jetonsDiffere } from './acteurs-differe.ts';
import { importDiffere } from './import-differe.ts';

/** Who hears of each call's outcome (the session machine, R-SE-1). */
export const ecouteSession: { activite?: () => void; expiree?: () => void } = {};

/**
 * CSRF: the token of the current session, kept in memory only (never in storage a script of
 * another page could read), from the answers of POST /api/session, GET /api/me and
 * POST /api/password; sent back in X-CSRF-Token on every state-changing call.
 */
let csrfToken: string | undefined;
const changesState = (method: string) => !/^(GET|HEAD|OPTIONS)$/i.test(method);

const horsLigne: ApiError = {
  status: 0,
  code: 'reseau',
  message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
};

/**
 * Every request of the UI: same-origin, JSON accepted, the CSRF token on a state-changing one;
 * a network failure rejects with the contract's error shape; the session machine hears of it.
 */
async function appel(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (csrfToken && changesState(method)) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw horsLigne;
  }
  const path = new URL(String(input instanceof Request ? input.url : input), location.href)
    .pathname;
  if (method === 'DELETE' && path === '/api/session' && response.ok) csrfToken = undefined;
  if (response.status === 401 && !path.startsWith('/api/session')) ecouteSession.expiree?.();
  else ecouteSession.activite?.();
  return response;
}

/**
 * The typed client of the HTTP contract (issue 15): its routes, inputs and answers are the
 * server's own (`AppType`, the route definitions of server/contract/), so that a change of an
 * answer's shape breaks the type-check of the UI and of machines/types.ts.
 */
export const client = hc<AppType>('/', { fetch: appel });

/** A failed answer read as the contract's error (SPEC §8), with its status. */
async function refus(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const error = (json as { error?: Partial<Omit<ApiError, 'status'>> } | undefined)?.error;
  return {
    status: response.status,
    code: error?.code ?? 'erreur',
    message: error?.message ?? 'Une erreur est survenue. Réessayez dans un instant.',
    fields: error?.fields,
  };
}

/** The answer of a typed call: its JSON as the server's type says, or the contract's error. */
export async function lire<T, S extends StatusCode>(
  pending: Promise<ClientResponse<T, S, 'json'>>,
): Promise<T> {
  const response = await pending;
  if (!response.ok) throw await refus(response);
  const json = await response.json();
  const token = (json as { csrfToken?: unknown } | null)?.csrfToken;
  if (typeof token === 'string') csrfToken = token;
  return json;
}

/** A typed call answered without content (204), or the contract's error. */
export async function sansContenu(pending: Promise<Response>): Promise<void> {
  const response = await pending;
  if (!response.ok) throw await refus(response);
}

/** `encodeURIComponent` for a path parameter (the client puts it in the path as given). */
const p = encodeURIComponent;

/** « Même montants que l'an dernier »: a worker's certificat of the previous campaign (404 if none). */
export const certificatPrecedent = (workerId: string) =>
  lire(client.api.workers[':id']['certificat-precedent'].$get({ param: { id: p(workerId) } }));

/** Where the PDF récapitulatif of a declaration is downloaded. */
export const pdfUrl = (id: string) => `/api/declarations/${encodeURIComponent(id)}/pdf`;

/** The session machine wired to the server: renewing is any authenticated request. */
export const sessionServeur = sessionMachine.provide({
  actors: {
    renouveler: fromPromise(async () => {
      await lire(client.api.me.$get());
    }),
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
  return lire(
    client.api.workers.$get({
      query: {
        caf: input.caf,
        q: input.q,
        page: String(input.page),
        pageSize: String(input.pageSize),
        ...(input.sansCertificat ? { sansCertificat: '1' } : {}),
      },
    }),
  );
}

/** A login has just succeeded: the next profile load needs no `GET /api/session` first. */
let justeConnecte = false;

/** The portal machine wired to the server, its children loaded on demand (acteurs-differe.ts). */
export const portalServeur = portalMachine.provide({
  actors: {
    // Asks first whether anyone is logged in (always 200), so that the login page's start
    // logs no 401 in the console; `GET /api/me` then answers as before. Right after a login
    // the answer is known: the profile is asked at once (one round trip less).
    chargerProfil: fromPromise<Profil, void>(async () => {
      const connecte = justeConnecte;
      justeConnecte = false;
      if (!connecte && !(await lire(client.api.session.$get())).authenticated) {
        throw {
          status: 401,
          code: 'non-authentifie',
          message: 'Vous devez vous connecter pour accéder à ce service.',
        } satisfies ApiError;
      }
      const profil = await lire(client.api.me.$get());
      // The agent's space is entered at once (after the CGU): its machine first.
      if (profil.user.role === 'agent') await agentDiffere.charger();
      return profil;
    }),
    connecter: fromPromise(({ input }: { input: { email: string; password: string } }) =>
      lire(client.api.session.$post({ json: input })).then(({ user }) => {
        justeConnecte = true;
        return { user };
      }),
    ),
    deconnecter: fromPromise(async () => {
      justeConnecte = false;
      await sansContenu(client.api.session.$delete());
    }),
    accepterCgu: fromPromise(async () => {
      await lire(client.api.cgu.$post({ json: { accept: true } }));
    }),
    chargerAccueil: fromPromise(
      async (): Promise<{
        cafs: Caf[];
        calendrier: Calendrier;
        brouillons: Brouillon[];
        imports?: ImportEnCours[];
      }> => {
        // R-API-2: the tokens screen is reached from the accueil: its machine comes with it.
        const [cafs, calendrier, brouillons, imports] = await Promise.all([
          lire(client.api.cafs.$get()),
          lire(client.api.calendar.$get()),
          lire(client.api.drafts.$get()),
          lire(client.api.imports.$get()),
          jetonsDiffere.charger(),
        ]);
        return { cafs, calendrier, brouillons, imports };
      },
    ),
    chargerTravailleurs: fromPromise<PageTravailleurs, FiltreTravailleurs>(({ input }) =>
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
      await sansContenu(
        client.api.drafts[':workerId'].$delete({ param: { workerId: p(input.workerId) } }),
      );
    }),
    demanderMotDePasse: fromPromise(async ({ input }: { input: { email: string } }) => {
      await lire(client.api.password.forgot.$post({ json: input }));
    }),
    changerMotDePasse: fromPromise<unknown, { currentPassword: string; newPassword: string }>(
      ({ input }: { input: { currentPassword: string; newPassword: string } }) =>
        lire(client.api.password.$post({ json: input })),
    ),
    verifierIdentifiant: fromPromise<unknown, { caf: string; identifiant: string }>(
      ({ input }: { input: { caf: string; identifiant: string } }) =>
        lire(
          client.api.cafs[':code'].identifiant.$post({
            param: { code: p(input.caf) },
            json: { identifiant: input.identifiant },
          }),
        ),
    ),
    chargerUtilisateurs: fromPromise<Utilisateur[], void>(() => lire(client.api.users.$get())),
    creerUtilisateur: fromPromise<Utilisateur, { email: string; role: 'declarant' | 'referent' }>(
      ({ input }) => lire(client.api.users.$post({ json: input })),
    ),
    changerActivation: fromPromise<Utilisateur, { email: string; active: boolean }>(({ input }) =>
      lire(
        client.api.users[':email'].$patch({
          param: { email: p(input.email) },
          json: { active: input.active },
        }),
      ),
    ),
    // A declaration starts from the fiche: its machine comes with the fiche.
    chargerFiche: fromPromise<FicheTravailleur, { id: string }>(async ({ input }) => {
      const [fiche] = await Promise.all([
        lire(client.api.workers[':id'].$get({ param: { id: p(input.id) } })),
        declarationDiffere.charger(),
      ]);
      return fiche;
    }),
    declaration: declarationDiffere.logique,
    agent: agentDiffere.logique,
    import: importDiffere,
    jetons: jetonsDiffere.logique,
  },
});
