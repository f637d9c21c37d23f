/**
 * The Caf's side of the HTTP contract (SPEC §10), as the agent's machine carries it and the
 * `/api/caf/*` routes answer it. Dates are ISO: `YYYY-MM-DD` for days, full ISO for instants.
 */
import type { DeclarationKind } from '../forms/index.ts';
import type { Dossier } from '../forms/dossiers.ts';
import type { Role } from './types.ts';

/** R-CA-5: a declaration is « à traiter » until an agent marks it « traitée ». */
export type Etat = 'a-traiter' | 'traitee';

/** One day of the R-CA-1 curve: certificats received up to that day (Paris time), cumulated. */
export interface PointJournalier {
  date: string;
  recus: number;
}

/** One Esat of the Caf in the campaign table (R-CA-1). */
export interface LigneCampagne {
  siret: string;
  name: string;
  /** Workers of this Caf at this Esat whose file is `actif`. */
  attendus: number;
  recus: number;
  manquants: number;
  /** Instant of the last certificat received, or null. */
  dernierRecu: string | null;
  /** Instant of the last reminder sent for this campaign, or null. */
  derniereRelance: string | null;
}

/** `GET /api/caf/campagne?year=&q=&sort=&page=&pageSize=`; sort is `part` (ascending share done,
 * the default), `-part`, `nom`, `manquants` or `-manquants`. */
export interface Campagne {
  campaign: { year: number; opens: string; closes: string; deadline: string };
  /** Today for the server (ESAT_TODAY in demos), to count the days left. */
  today: string;
  totals: { esats: number; attendus: number; recus: number; manquants: number };
  items: LigneCampagne[];
  total: number;
  page: number;
  pageSize: number;
  daily: PointJournalier[];
  previous: { year: number; daily: PointJournalier[] };
}

/** A user of an Esat as the agent sees it (R-CA-2, R-CA-7). */
export interface UtilisateurEsat {
  email: string;
  role: Exclude<Role, 'agent'>;
  active: boolean;
  provisional: boolean;
  lastLoginAt: string | null;
}

/** A worker of this Caf on the fiche Esat, with its certificat of the campaign (R-CA-2). */
export interface TravailleurCaf {
  id: string;
  numeroAllocataire: string;
  nom: string;
  prenom: string;
  dateNaissance: string;
  dossier: Dossier;
  /** The certificat of the campaign, if received. */
  certificat: { id: string; submittedAt: string; etat: Etat } | null;
}

/** A declaration in a list (R-CA-3). */
export interface DeclarationRecue {
  id: string;
  /** The short reference read on the phone, e.g. `CE-2026-000123`, when the server has one. */
  reference?: string;
  kind: DeclarationKind;
  submittedAt: string;
  etat: Etat;
  worker: { numeroAllocataire: string; nom: string; prenom: string };
  esat: { siret: string; name: string };
}

/** `GET /api/caf/esats/:siret?year=` */
export interface FicheEsat {
  esat: { siret: string; name: string; address: string };
  year: number;
  users: UtilisateurEsat[];
  workers: TravailleurCaf[];
  /** Changements de situation received in the last two rolling years, newest first. */
  changements: DeclarationRecue[];
  /** Reminders sent to this Esat for the campaign, newest first. */
  relances: Relance[];
}

/** `GET /api/caf/declarations?kind=&esat=&from=&to=&etat=&page=&pageSize=` */
export interface PageDeclarations {
  items: DeclarationRecue[];
  total: number;
  page: number;
  pageSize: number;
}

/** The filter of the list and of the export; `from`/`to` are days (Paris), both included. */
export interface FiltreDeclarations {
  kind?: DeclarationKind;
  esat?: string;
  from?: string;
  to?: string;
  etat?: Etat;
}

/** `GET /api/caf/declarations/:id`: everything, as the récapitulatif shows it. */
export interface DeclarationDetail extends DeclarationRecue {
  data: Record<string, unknown>;
  userEmail: string;
  worker: DeclarationRecue['worker'] & { dateNaissance: string };
  esat: DeclarationRecue['esat'] & { address: string };
  caf: { code: string; name: string };
  campaignYear?: number;
  /** Who marked it traitée and when; a reversal keeps its reason. */
  traitement: { at: string; by: string } | null;
  historiqueEtat: { etat: Etat; at: string; by: string; motif?: string }[];
}

/** `POST /api/caf/traitement` `{ids}` or `{exportId}`, with `{etat, motif?}` (motif required
 * when going back to `a-traiter`). */
export type DemandeTraitement = ({ ids: string[] } | { exportId: string }) & {
  etat: Etat;
  motif?: string;
};

/** A reminder recorded (R-CA-6). */
export interface Relance {
  siret: string;
  year: number;
  at: string;
  by: string;
  manquants: number;
}

/** `POST /api/caf/relances` `{year, esats, confirmer?}`: an Esat already reminded today is only
 * sent again with `confirmer: true` (else 409 `relance-deja-envoyee`, naming those Esat in
 * `fields` as `/esats/<index>`). `esats: "retard"` means every Esat with certificats missing. */
export interface DemandeRelance {
  year: number;
  esats: string[] | 'retard';
  confirmer?: boolean;
}
export interface RelancesEnvoyees {
  sent: { siret: string; manquants: number }[];
}

/** `GET /api/caf/relances/apercu?year=&esats=a,b|retard`: what would be sent, before sending. */
export interface ApercuRelance {
  subject: string;
  text: string;
  destinataires: {
    siret: string;
    name: string;
    manquants: number;
    users: number;
    dejaRelanceeAujourdhui: boolean;
  }[];
}

/** The Esat side of R-CA-6/R-CA-8, in `GET /api/cafs` for the chosen Caf during the campaign. */
export interface SuiviEsat {
  year: number;
  deadline: string;
  attendus: number;
  declares: number;
  restants: number;
  /** The last reminder the Caf sent, if the certificats are not complete. */
  relance: { at: string; manquants: number } | null;
}
