/**
 * The Caf agent's setup shared by all its parts (SPEC §10): its context and events, the server
 * calls it names (ui/api-caf.ts, the tests and stories provide them with
 * `machine.provide({ actors })`), its delay, and the actions more than one part uses. Each part
 * (campagne.ts, esat.ts…) extends it with its own guards; agent.machine.ts puts the parts together.
 */
import { assign, fromPromise, setup } from 'xstate';
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
  DemandeRelance,
  DemandeTraitement,
  FicheEsat,
  FiltreDeclarations,
  PageDeclarations,
  RelancesEnvoyees,
  UtilisateurEsat,
} from '../caf.types.ts';
import { asApiError, type ApiError, type AvisRecu } from '../types.ts';

/** Rows per page of the campaign table and of the declarations list (server paging). */
export const TAILLE_PAGE_CAF = 20;

/** How the campaign table is sorted (R-CA-1); `part` is ascending share done. */
export type TriCampagne = 'part' | '-part' | 'nom' | 'manquants' | '-manquants';

/** The three export formats of R-CA-4. */
export type FormatExport = 'csv' | 'xlsx' | 'json';

/** The last export of this visit: its id marks its declarations traitées (R-CA-5). */
export interface ExportFait {
  exportId: string;
  format: FormatExport;
  /** How many declarations the filter had when exported. */
  nombre: number;
}

export interface AgentContext {
  /** The campaign year chosen; undefined lets the server pick the current or last one. */
  annee?: number;
  q: string;
  tri: TriCampagne;
  page: number;
  campagne?: Campagne;
  /** The Esat whose fiche is open, and that fiche. */
  siret?: string;
  fiche?: FicheEsat;
  /** The user of that Esat about to be deactivated. */
  cible?: string;
  filtre: FiltreDeclarations;
  pageDeclarations: number;
  declarations?: PageDeclarations;
  /** Declarations ticked in the list, to mark them at once. */
  selection: string[];
  declaration?: DeclarationDetail;
  export?: ExportFait;
  /** R-CA-6: the Esat picked for a reminder, or every late one. */
  destinataires: string[] | 'retard';
  /** The late Esat offered for a reminder (the campaign sorted by missing certificats). */
  enRetard?: Campagne;
  apercu?: ApercuRelance;
  avis?: AvisRecu[];
  /** What just succeeded, said once on the next screen. */
  succes?: string;
  erreur?: ApiError;
}

/** What the agent's screens send. */
export type AgentEvent =
  | { type: 'onglet.campagne' }
  | { type: 'onglet.declarations' }
  | { type: 'onglet.relances' }
  | { type: 'onglet.avis' }
  | { type: 'chargement.reessayer' }
  | { type: 'campagne.annee'; annee: number }
  | { type: 'campagne.filtrer'; q: string }
  | { type: 'campagne.trier'; tri: TriCampagne }
  | { type: 'campagne.page'; page: number }
  | { type: 'campagne.ouvrir'; siret: string }
  | { type: 'esat.retour' }
  | { type: 'esat.desactiver'; email: string }
  | { type: 'esat.reactiver'; email: string }
  | { type: 'desactivation.confirmer' }
  | { type: 'desactivation.annuler' }
  | { type: 'esat.creerReferent' }
  | { type: 'creation.valider'; email: string }
  | { type: 'creation.annuler' }
  | { type: 'declarations.filtrer'; filtre: FiltreDeclarations }
  | { type: 'declarations.page'; page: number }
  | { type: 'declarations.basculer'; id: string }
  | { type: 'declarations.ouvrir'; id: string }
  | { type: 'declarations.exporter'; format: FormatExport }
  | { type: 'declarations.marquerExport' }
  | { type: 'declarations.marquerSelection' }
  | { type: 'declaration.retour' }
  | { type: 'declaration.marquer' }
  | { type: 'declaration.retablir' }
  | { type: 'retablissement.valider'; motif: string }
  | { type: 'retablissement.annuler' }
  | { type: 'relances.basculer'; siret: string }
  | { type: 'relances.toutes' }
  | { type: 'relances.apercu' }
  | { type: 'relances.envoyer' }
  | { type: 'relances.modifier' }
  | { type: 'relance.confirmer' }
  | { type: 'relance.annuler' };

/** What a guard of the agent reads. */
export interface ArgsAgent {
  context: AgentContext;
  event: AgentEvent;
}

/**
 * The error an invocation failed with: named for every onError, where the event is the one that
 * carries `error` (it is not among the events the screens send).
 */
export const erreurDe = (event: AgentEvent) =>
  asApiError('error' in event ? event.error : undefined);

const pasFourni = (nom: string) => async (): Promise<never> => {
  throw new Error(`${nom}: actor not provided`);
};

/** The year the reminders and fiches are about: the one chosen, else the campaign shown. */
export const anneeCourante = (context: AgentContext) =>
  context.annee ?? context.campagne?.campaign.year;

export const agentBase = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
  },
  actors: {
    chargerCampagne: fromPromise<
      Campagne,
      { year?: number; q: string; sort: TriCampagne; page: number; pageSize: number }
    >(pasFourni('chargerCampagne')),
    chargerEsat: fromPromise<FicheEsat, { siret: string; year?: number }>(pasFourni('chargerEsat')),
    changerActivation: fromPromise<UtilisateurEsat, { email: string; active: boolean }>(
      pasFourni('changerActivation'),
    ),
    creerReferent: fromPromise<UtilisateurEsat, { siret: string; email: string }>(
      pasFourni('creerReferent'),
    ),
    chargerDeclarations: fromPromise<
      PageDeclarations,
      { filtre: FiltreDeclarations; page: number; pageSize: number }
    >(pasFourni('chargerDeclarations')),
    chargerDeclaration: fromPromise<DeclarationDetail, { id: string }>(
      pasFourni('chargerDeclaration'),
    ),
    /** Downloads the file and answers the export's id (header X-Export-Id). */
    exporter: fromPromise<
      { exportId: string; format: FormatExport },
      { format: FormatExport; filtre: FiltreDeclarations }
    >(pasFourni('exporter')),
    traiter: fromPromise<{ updated: number }, DemandeTraitement>(pasFourni('traiter')),
    chargerApercu: fromPromise<ApercuRelance, { year: number; esats: string[] | 'retard' }>(
      pasFourni('chargerApercu'),
    ),
    envoyerRelances: fromPromise<RelancesEnvoyees, DemandeRelance>(pasFourni('envoyerRelances')),
    chargerAvis: fromPromise<AvisRecu[]>(pasFourni('chargerAvis')),
  },
  delays: {
    /** Wait for a pause in typing before asking the server to filter. */
    filtrage: 300,
  },
  actions: {
    retenirErreur: assign({ erreur: ({ event }) => erreurDe(event) }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    /** A refusal said on the screen, and the success of before forgotten. */
    refus: assign({ erreur: ({ event }) => erreurDe(event), succes: undefined }),
    dire: assign({ succes: (_, message: string) => message }),
  },
});
