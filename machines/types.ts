/**
 * The data the machines carry, as the HTTP contract (SPEC §8) returns it. The machines never
 * fetch: the actors that bring this data are supplied by the UI, Storybook or the tests.
 */
import type { DeclarationKind, FieldError } from '../forms/index.ts';
import type { Dossier } from '../forms/dossiers.ts';
import type { Etat, SuiviEsat } from './caf.types.ts';

export type { Dossier };

export type Role = 'declarant' | 'referent' | 'agent';

export interface User {
  email: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface Esat {
  siret: string;
  name: string;
  address: string;
}

export interface Profil {
  user: User;
  esat: Esat | null;
  cguAccepted: boolean;
  /** The server's inactivity limit (R-SE-1). */
  session?: { idleMinutes: number };
}

export interface Caf {
  code: string;
  name: string;
  workerCount: number;
  /** R-AC-7: this Caf does not know the Esat's SIRET; its identifiant de communication is asked. */
  identifiantRequis?: boolean;
  /** R-CA-8 / R-CA-6: during the campaign, how many certificats are declared and the Caf's last
   * reminder; null outside the campaign. */
  suivi?: SuiviEsat | null;
}

/** R-CA-8 / R-CE-6: the certificat of the current campaign for a worker, once declared. */
export interface CertificatCampagne {
  id: string;
  reference?: string;
  submittedAt: string;
  etat: Etat;
}

export interface Travailleur {
  id: string;
  nom: string;
  prenom: string;
  numeroAllocataire: string;
  dateNaissance: string;
  dossier?: Dossier;
  /** R-CA-8: the certificat of the current campaign (null when none; absent outside it). */
  certificat?: CertificatCampagne | null;
}

export interface PageTravailleurs {
  items: Travailleur[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Historique {
  id: string;
  kind: string;
  submittedAt: string;
  /** The short reference read on the phone, e.g. `CE-2026-000123`. */
  reference?: string;
  /** R-CA-5: « traitée par la Caf le … ». */
  etat?: Etat;
  traiteeLe?: string | null;
}

/** A user of the Esat, as its référent sees it. */
export interface Utilisateur {
  email: string;
  role: Exclude<Role, 'agent'>;
  active: boolean;
  provisional: boolean;
  lastLoginAt: string | null;
}

/** R-SE-2: a declaration typed and not validated yet, kept by the server. */
export interface Brouillon {
  teleprocedure: 'certificat' | 'changement';
  kind?: DeclarationKind;
  reponses: Record<string, 'oui' | 'non'>;
  saisie: Record<string, string>;
  updatedAt: string;
  travailleur?: Travailleur;
}

export interface FicheTravailleur extends Travailleur {
  history: Historique[];
  /** The draft of this user for this worker, if any (R-SE-2). */
  brouillon?: Brouillon;
  /** R-CS-5: the partner of a couple who works in the same Esat. */
  conjoint?: Travailleur;
}

export interface Calendrier {
  today: string;
  certificatOpen: boolean;
  campaign: { year: number; opens: string; closes: string };
}

/** What `POST /api/declarations` answers with 201. */
export interface Accuse {
  id: string;
  /** The short reference read on the phone, e.g. `CE-2026-000123`. */
  reference?: string;
  kind: string;
  workerId: string;
  submittedAt: string;
}

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

/** An avis given on a Fin page, as a Caf agent reads it (R-FL-5). */
export interface AvisRecu {
  declarationId: string;
  esat?: string;
  kind?: string;
  note?: number;
  commentaire?: string;
  submittedAt: string;
}

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
