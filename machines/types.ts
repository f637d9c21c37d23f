/**
 * The data the machines carry, as the HTTP contract (SPEC §8) returns it. The machines never
 * fetch: the actors that bring this data are supplied by the UI, Storybook or the tests.
 */
import type { hc, InferResponseType } from 'hono/client';
import type { FieldError } from '../forms/index.ts';
import type { Dossier } from '../forms/dossiers.ts';
import type { AppType } from '../server/app.ts';
import type { UserRecord } from '../server/store/index.ts';

export type { Dossier };

/**
 * The typed client of the HTTP contract (ui/api.ts builds it): every answer below is DERIVED
 * from the server's routes (issue 15), never restated, so that a change of an answer's shape
 * breaks the type-check of the machines and of the UI.
 */
export type Api = ReturnType<typeof hc<AppType>>['api'];
/** The JSON a route answers with `status`. */
export type Reponse<F, S extends 200 | 201 = 200> = InferResponseType<F, S>;
/**
 * A derived answer whose keys `K` the machines do not require: the worlds of the tests and the
 * stories predate them (their types stay the server's: a change there still breaks the check).
 */
type Souple<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** `GET /api/me`: the user, its Esat, the CGU, the server's inactivity limit (R-SE-1). */
export type Profil = Souple<Omit<Reponse<Api['me']['$get']>, 'csrfToken'>, 'session'>;
export type User = Profil['user'];
/** The roles, defined once: the store's (server/store/contract.ts). */
export type Role = UserRecord['role'];
export type Esat = NonNullable<Profil['esat']>;

/** `GET /api/cafs`: one Caf of the Esat; R-AC-7 `identifiantRequis`, R-CA-8 `suivi`. */
export type Caf = Souple<Reponse<Api['cafs']['$get']>[number], 'identifiantRequis' | 'suivi'>;

/** `GET /api/workers?caf=&q=&page=&pageSize=&sansCertificat=` */
type ReponseTravailleurs = Reponse<Api['workers']['$get']>;
/** A worker as the lists show it; `certificat`: R-CA-8, during the campaign only. */
export type Travailleur = Souple<ReponseTravailleurs['items'][number], 'caf' | 'dossier'>;
export type PageTravailleurs = Omit<ReponseTravailleurs, 'items'> & { items: Travailleur[] };
/** R-CA-8 / R-CE-6: the certificat of the current campaign for a worker, once declared. */
export type CertificatCampagne = NonNullable<Travailleur['certificat']>;

/** `GET /api/workers/:id`: the worker, its two rolling years of history, its draft, its partner. */
type ReponseFiche = Reponse<Api['workers'][':id']['$get']>;
export type FicheTravailleur = Souple<
  Omit<ReponseFiche, 'conjoint' | 'brouillon'> & { conjoint?: Travailleur; brouillon?: Brouillon },
  'caf' | 'dossier'
>;
export type Historique = FicheTravailleur['history'][number];

/** A user of the Esat, as its référent sees it (`GET /api/users`). */
export type Utilisateur = Reponse<Api['users']['$get']>[number];

/** R-SE-2: a declaration typed and not validated yet, kept by the server (`GET /api/drafts`
 * gives it with its worker, the fiche without). */
export type Brouillon = Omit<Reponse<Api['drafts']['$get']>[number], 'travailleur'> & {
  travailleur?: Travailleur;
};

/** `GET /api/calendar` */
export type Calendrier = Reponse<Api['calendar']['$get']>;

/** What `POST /api/declarations` answers with 201 (the accusé de réception). */
export type Accuse = Reponse<Api['declarations']['$post'], 201>;

/** What every failed call rejects with: the contract's error, plus the HTTP status. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  fields?: FieldError[];
}

/** Reads an actor's rejection as an ApiError whatever was thrown. */
export function asApiError(error: unknown): ApiError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    return error as ApiError;
  }
  return {
    status: 0,
    code: 'reseau',
    message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
  };
}

/** An avis given on a Fin page, as a Caf agent reads it (R-FL-5, `GET /api/avis`). */
export type AvisRecu = Reponse<Api['avis']['$get']>[number];

/** A screen of the Esat space as the address bar names it (ui/routing.ts reads and writes it);
 * the UI sends it to the portal as `navigation.aller`, and the portal decides. */
export type Adresse =
  | { ecran: 'accueil' }
  | { ecran: 'travailleurs'; page: number; q: string; sansCertificat: boolean }
  | { ecran: 'fiche'; id: string }
  | { ecran: 'declaration'; id: string; etape: EtapeDeclaration }
  | { ecran: 'utilisateurs' }
  | { ecran: 'motDePasse' };

/** The steps of a declaration that have their own address. */
export type EtapeDeclaration = 'questions' | 'saisie' | 'recapitulatif' | 'fin';

/**
 * R-CA-7 / the référent's users: what the screen says once an account is (re)activated — the
 * agent's fiche Esat and the référent's users page say it alike.
 */
export const messageActivation = ({ email, active }: { email: string; active: boolean }) =>
  active
    ? `Le compte ${email} est réactivé.`
    : `Le compte ${email} est désactivé : il ne peut plus se connecter.`;
