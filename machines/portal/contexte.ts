/**
 * What the portal machine knows and hears (portal.machine.ts and its parts in this folder), and
 * the questions its parts and the screens ask of that context.
 */
import type { Teleprocedure } from '../../forms/calendrier.ts';
import type { DeclarationOutput } from '../declaration.machine.ts';
import type { ImportEnCours } from '../import.types.ts';
import type {
  Adresse,
  ApiError,
  Brouillon,
  Caf,
  Calendrier,
  FicheTravailleur,
  PageTravailleurs,
  Profil,
  Travailleur,
  Utilisateur,
} from '../types.ts';

/** Tiles per page of « Mes travailleurs ». */
export const TAILLE_PAGE = 12;

/** One run of a téléprocédure over the selected workers (R-FL-4). */
export interface Run {
  teleprocedure: Teleprocedure;
  travailleurs: Travailleur[];
  /** Index of the worker whose fiche or declaration is on screen. */
  index: number;
  /** Ids of the workers whose declaration was validated during this run. */
  valides: string[];
  /** A worker whose certificat is already declared, for whom a changement is made instead. */
  changementPour?: string;
  /** R-CS-5: « la même déclaration » for the partner, prefilled from the one just made. */
  copie?: CopieConjoint;
}

/** The declaration just made for one member of a couple, offered again for the other. */
export interface CopieConjoint {
  /** The partner's worker id. */
  pour: string;
  /** Who it was declared for (« Anne LEFÈVRE »), said above the prefilled saisie. */
  de: string;
  teleprocedure: Teleprocedure;
  kind: NonNullable<DeclarationOutput['declare']>['kind'];
  saisie: Record<string, string>;
  reponses: Record<string, 'oui' | 'non'>;
}

/** What the tab keeps across a reload (sessionStorage): the Caf, the selection, the run. */
export interface Reprise {
  caf?: string;
  selection: Travailleur[];
  run?: Run;
}

/** Where a confirmed « Quitter » leads, from inside a declaration. */
export type Sortie =
  { vers: 'quitter' } | { vers: 'motDePasse' } | { vers: 'adresse'; adresse: Adresse };

export interface PortalContext {
  profil?: Profil;
  cafs: Caf[];
  caf?: string;
  calendrier?: Calendrier;
  q: string;
  page: number;
  /** R-CA-8: only the workers without a certificat for this campaign. */
  sansCertificat: boolean;
  liste?: PageTravailleurs;
  /** R-FL-2: the selection is kept across pages and filters (per Caf). */
  selection: Travailleur[];
  run?: Run;
  fiche?: FicheTravailleur;
  /** The référent's list of the Esat's users. */
  utilisateurs?: Utilisateur[];
  /** What just succeeded, said once on the next screen (« Le compte … a été créé. »). */
  succes?: string;
  /** The user a référent is about to deactivate. */
  cible?: string;
  /** R-SE-2: the drafts left by this user, shown on the accueil. */
  brouillons?: Brouillon[];
  erreur?: ApiError;
  /** The address asked before the space was open (a bookmark, a reload), and what the tab kept. */
  adresseVoulue?: Adresse;
  reprise?: Reprise;
  /** Where the run's quit confirmation leads once confirmed. */
  sortie?: Sortie;
  /** The worker whose draft is about to be deleted (after confirmation). */
  brouillonASupprimer?: string;
  /** R-IM: the user's unfinished imports (on the accueil), and the one being resumed. */
  imports?: ImportEnCours[];
  importRepris?: string;
}

/** Everything the portal hears from the screens and the browser. */
export type PortalEvent =
  | { type: 'connexion.soumettre'; email: string; password: string }
  | { type: 'cgu.accepter' }
  | { type: 'cgu.refuser' }
  | { type: 'accueil.choisirCaf'; code: string }
  | { type: 'accueil.travailleurs' }
  | { type: 'identifiant.valider'; identifiant: string }
  | { type: 'accueil.utilisateurs' }
  | { type: 'accueil.jetons' }
  | { type: 'utilisateurs.creer' }
  | { type: 'utilisateurs.desactiver'; email: string }
  | { type: 'utilisateurs.reactiver'; email: string }
  | { type: 'utilisateurs.accueil' }
  | { type: 'creation.valider'; email: string; role: 'declarant' | 'referent' }
  | { type: 'creation.annuler' }
  | { type: 'desactivation.confirmer' }
  | { type: 'desactivation.annuler' }
  | { type: 'portail.motDePasse' }
  | { type: 'motDePasse.annuler' }
  | { type: 'travailleurs.filtrer'; q: string }
  | { type: 'travailleurs.page'; page: number }
  | { type: 'travailleurs.basculer'; travailleur: Travailleur }
  | { type: 'travailleurs.sansCertificat'; actif: boolean }
  | { type: 'travailleurs.toutSelectionner'; portee: 'page' | 'filtre' }
  | { type: 'travailleurs.toutDeselectionner' }
  | { type: 'brouillon.supprimer'; workerId: string }
  | { type: 'suppression.confirmer' }
  | { type: 'suppression.annuler' }
  | { type: 'fiche.changement' }
  | { type: 'navigation.aller'; adresse: Adresse; reprise?: Reprise }
  | { type: 'travailleurs.changerCaf'; code: string }
  | { type: 'travailleurs.declarer' }
  | { type: 'travailleurs.accueil' }
  | { type: 'travailleurs.importer' }
  | { type: 'accueil.reprendreImport'; id: string }
  | { type: 'choix.choisir'; teleprocedure: Teleprocedure }
  | { type: 'choix.fermer' }
  | { type: 'fiche.declarer' }
  | { type: 'fiche.passer' }
  | { type: 'fiche.retour' }
  | { type: 'conjoint.declarer' }
  | { type: 'conjoint.ignorer' }
  | { type: 'portail.quitter' }
  | { type: 'quitter.annuler' }
  | { type: 'quitter.confirmer' }
  | { type: 'session.terminee' }
  | { type: 'motDePasse.changer'; currentPassword: string; newPassword: string }
  | { type: 'motDePasse.quitter' }
  | { type: 'connexion.oubli' }
  | { type: 'oubli.envoyer'; email: string }
  | { type: 'oubli.retour' };

/** What a named guard or action of the portal receives. */
export interface ArgsPortail {
  context: PortalContext;
  event: PortalEvent;
}

/** The téléprocédure made for the worker on screen: the run's, or a changement instead of a
 * certificat already declared. */
export function teleprocedureCourante(context: PortalContext): Teleprocedure | undefined {
  const run = context.run;
  if (!run) return undefined;
  return run.changementPour === run.travailleurs[run.index]?.id ? 'changement' : run.teleprocedure;
}

/** The worker on screen during a run. */
export const travailleurCourant = (context: PortalContext) =>
  context.run!.travailleurs[context.run!.index];

/** The draft of the fiche's worker, when it belongs to the téléprocédure being run (R-SE-2). */
export const brouillonRepris = (context: PortalContext) => {
  const brouillon = context.fiche?.brouillon;
  return brouillon && brouillon.teleprocedure === teleprocedureCourante(context)
    ? brouillon
    : undefined;
};

/** The certificat of this campaign is already declared for the fiche's worker: a certificat run
 * offers no « Commencer » for it (the server would refuse a second one). */
export const certificatDejaDeclare = (context: PortalContext) =>
  teleprocedureCourante(context) === 'certificat' && !!context.fiche?.certificat;

/** The copy of the declaration just made, when it is for the worker on screen and the same
 * téléprocédure (R-CS-5); the worker's own draft comes first (R-SE-2). */
export const copieConjoint = (context: PortalContext) => {
  const copie = context.run?.copie;
  return copie &&
    !brouillonRepris(context) &&
    copie.pour === travailleurCourant(context)?.id &&
    copie.teleprocedure === teleprocedureCourante(context)
    ? copie
    : undefined;
};

/** The address a Back or Forward of the browser asks for. */
export const adresseDe = (event: PortalEvent) =>
  event.type === 'navigation.aller' ? event.adresse : undefined;

/** The address a confirmed quit leads to, when it was an address. */
export const sortieAdresse = (context: PortalContext) =>
  context.sortie?.vers === 'adresse' ? context.sortie.adresse : undefined;
