/**
 * The import's side of the HTTP contract (SPEC §12, README « Import d'un fichier de paie »), as
 * the import machine carries it and the `/api/imports/*` routes answer it: one definition, types
 * only — the server's report (server/import/rapport.ts) is built on these, and test/machines/
 * import.test.ts checks that the server's ImportView fits them.
 */
import type { ChampImport, ErreurLigne, StatutLigne } from '../forms/import.ts';

export type { ChampImport, StatutLigne };

/** Field → index of the file's column that holds it (null: no column). */
export type Correspondance = Record<ChampImport, number | null>;

/** A worker as the report names it. */
export interface TravailleurImport {
  id: string;
  nom: string;
  prenom: string;
  numeroAllocataire: string;
  dateNaissance: string;
}

/** One message of a row, under the file's own column name (forms/import.ts gives it). */
export type ErreurImport = ErreurLigne;

/** One row of the file in the report (`n`: its line number in the file). */
export interface LigneImport {
  n: number;
  statut: StatutLigne;
  travailleur: TravailleurImport | null;
  /** Each field as text, as the saisie's widgets show it. */
  valeurs: Record<ChampImport, string>;
  erreurs: ErreurImport[];
  /** Why the row is not ready, when no column is at fault (déjà déclaré, R-WK…). */
  message?: string;
  declarationId?: string;
  /** R-FL-5: the short reference (`CE-2026-000123`) of the certificat sent or already declared. */
  reference?: string;
  corrigee: boolean;
}

export interface ComptesImport {
  lignes: number;
  prets: number;
  erreurs: number;
  dejaDeclares: number;
  bloques: number;
  introuvables: number;
  ambigus: number;
  ignorees: number;
  envoyes: number;
  manquants: number;
}

/** R-IM-4: the report before anything is sent (and after, with the rows sent). */
export interface RapportImport {
  comptes: ComptesImport;
  totaux: { remunerationGarantie: number; aideAuPoste: number; salaireDirect: number };
  lignes: LigneImport[];
  /** The Esat's workers of this Caf waiting for a certificat that no row names. */
  manquants: TravailleurImport[];
}

/** An import as every route of it answers. */
export interface ImportVue {
  id: string;
  /** Its short reference (`IM-2026-000042`), null on an import made before they existed. */
  reference: string | null;
  caf: string;
  status: 'verification' | 'envoi' | 'termine';
  createdAt: string;
  updatedAt: string;
  campaignYear: number;
  fichier: { nom: string; format: 'csv' | 'xlsx'; ligneEntete: number };
  columns: { index: number; header: string; field: ChampImport | null }[];
  mapping: Record<string, number | null>;
  report: RapportImport;
}

/** An unfinished import, offered back on the accueil (`GET /api/imports`). */
export interface ImportEnCours {
  id: string;
  caf: string;
  status: ImportVue['status'];
  fichier: { nom: string };
  createdAt: string;
  updatedAt: string;
  lignes: number;
  prets: number;
  envoyes: number;
}

/** What one batch of the envoi answers (`POST /api/imports/:id/envoi`). */
export interface AvancementEnvoi {
  envoyes: number;
  restants: number;
  erreurs: number;
  lot: number;
  termine: boolean;
}

/** The file the user chose, as the UI hands it over (the machine never reads it). */
export interface FichierChoisi {
  nom: string;
  type: string;
  contenu: Blob;
}
