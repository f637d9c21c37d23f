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
  AvisRecu,
  Caf,
  Calendrier,
  FicheTravailleur,
  PageTravailleurs,
  Profil,
  User,
} from '../machines/types.ts';

/** Who hears of each call's outcome (the session machine, R-SE-1). */
export const ecouteSession: { activite?: () => void; expiree?: () => void } = {};

/** One JSON call; rejects with the contract's error shape. */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
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

/** The declaration machine wired to the server. */
export const declarationServeur = declarationMachine.provide({
  actors: {
    enregistrerDeclaration: fromPromise(({ input }: { input: EnvoiDeclaration }) =>
      call<Accuse>(
        'POST',
        '/api/declarations',
        { workerId: input.workerId, kind: input.kind, data: input.data },
        { 'Idempotency-Key': input.idempotencyKey },
      ),
    ),
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

/** The portal machine wired to the server. */
export const portalServeur = portalMachine.provide({
  actors: {
    chargerProfil: fromPromise(() => call<Profil>('GET', '/api/me')),
    connecter: fromPromise(({ input }: { input: { email: string; password: string } }) =>
      call<{ user: User }>('POST', '/api/session', input),
    ),
    deconnecter: fromPromise(async () => {
      await call('DELETE', '/api/session');
    }),
    accepterCgu: fromPromise(async () => {
      await call('POST', '/api/cgu', { accept: true });
    }),
    chargerAccueil: fromPromise(async () => {
      const [cafs, calendrier] = await Promise.all([
        call<Caf[]>('GET', '/api/cafs'),
        call<Calendrier>('GET', '/api/calendar'),
      ]);
      return { cafs, calendrier };
    }),
    chargerTravailleurs: fromPromise(
      ({ input }: { input: { caf: string; q: string; page: number; pageSize: number } }) =>
        call<PageTravailleurs>(
          'GET',
          `/api/workers?${new URLSearchParams({
            caf: input.caf,
            q: input.q,
            page: String(input.page),
            pageSize: String(input.pageSize),
          })}`,
        ),
    ),
    demanderMotDePasse: fromPromise(async ({ input }: { input: { email: string } }) => {
      await call('POST', '/api/password/forgot', input);
    }),
    changerMotDePasse: fromPromise(
      ({ input }: { input: { currentPassword: string; newPassword: string } }) =>
        call('POST', '/api/password', input),
    ),
    chargerAvis: fromPromise(() => call<AvisRecu[]>('GET', '/api/avis')),
    chargerFiche: fromPromise(({ input }: { input: { id: string } }) =>
      call<FicheTravailleur>('GET', `/api/workers/${encodeURIComponent(input.id)}`),
    ),
    declaration: declarationServeur,
  },
});
