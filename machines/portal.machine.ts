/**
 * The whole visit of an Esat user (SPEC §2–§4): connexion → CGU → accueil → Mes travailleurs →
 * choice of téléprocédure by date → one run over the selected workers → back to the list; a Caf
 * agent goes from the same connexion and CGU to its own space (agent.machine.ts, SPEC §10).
 * No fetch and no DOM: every call to the server is an actor supplied from outside.
 */
import { and, assign, fromPromise, not, or, sendTo, setup, stateIn } from 'xstate';
import { teleproceduresOuvertes, type Teleprocedure } from '../forms/calendrier.ts';
import { blocageDossier } from '../forms/dossiers.ts';
import { normaliserIdentifiant } from '../forms/identifiant.ts';
import { agentMachine } from './agent.machine.ts';
import { declarationMachine, type DeclarationOutput } from './declaration.machine.ts';
import type { importMachine, ImportOutput } from './import.machine.ts';
import type { ImportEnCours } from './import.types.ts';
import {
  asApiError,
  type Adresse,
  type ApiError,
  type Brouillon,
  type Caf,
  type Calendrier,
  type FicheTravailleur,
  type PageTravailleurs,
  type Profil,
  type Travailleur,
  type User,
  type Utilisateur,
} from './types.ts';

/** R-IM: the import machine is provided by the UI (ui/import-differe.ts, its own chunk) and the
 * tests; the portal only names its type, so that the Esat's first screen does not carry it. */
const importAFournir = setup({}).createMachine({
  id: 'import',
  context: {},
}) as unknown as typeof importMachine;

/** Tiles per page of « Mes travailleurs ». */
export const TAILLE_PAGE = 12;

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

type Event =
  | { type: 'connexion.soumettre'; email: string; password: string }
  | { type: 'cgu.accepter' }
  | { type: 'cgu.refuser' }
  | { type: 'accueil.choisirCaf'; code: string }
  | { type: 'accueil.travailleurs' }
  | { type: 'identifiant.valider'; identifiant: string }
  | { type: 'accueil.utilisateurs' }
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

/** Whether a téléprocédure can be run now (R-FL-3). */
export function teleprocedureDisponible(t: Teleprocedure, calendrier?: Calendrier): boolean {
  return !!calendrier && teleproceduresOuvertes(calendrier.today).includes(t);
}

/** The téléprocédure made for the worker on screen: the run's, or a changement instead of a
 * certificat already declared. */
export function teleprocedureCourante(context: PortalContext): Teleprocedure | undefined {
  const run = context.run;
  if (!run) return undefined;
  return run.changementPour === run.travailleurs[run.index]?.id ? 'changement' : run.teleprocedure;
}

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

/** Adds the workers that can take a declaration (R-WK) to the selection, once each. */
function ajouterALaSelection(selection: Travailleur[], ajout: Travailleur[]) {
  const deja = new Set(selection.map((t) => t.id));
  return [...selection, ...ajout.filter((t) => !deja.has(t.id) && !blocageDossier(t.dossier))];
}

const adresseDe = (event: Event) => (event.type === 'navigation.aller' ? event.adresse : undefined);
const sortieAdresse = (context: PortalContext) =>
  context.sortie?.vers === 'adresse' ? context.sortie.adresse : undefined;

/** What « Valider » of a password change sends to the server (forced or by choice). */
const motDePasseSaisi = ({ event }: { event: Event }) =>
  event.type === 'motDePasse.changer'
    ? { currentPassword: event.currentPassword, newPassword: event.newPassword }
    : { currentPassword: '', newPassword: '' };

const travailleurCourant = (context: PortalContext) =>
  context.run!.travailleurs[context.run!.index];

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

/**
 * A declaration recorded, the couple dialog open above the fiche (R-CS-5): the fiche shows the
 * new declaration (no stale « Aucune déclaration », no draft), and the run keeps what was
 * declared to prefill the partner's saisie.
 */
function apresDeclarationPourConjoint(
  context: PortalContext,
  output: DeclarationOutput,
): Partial<PortalContext> {
  const fiche = context.fiche!;
  const { accuse, declare } = output;
  if (!accuse || !declare) return {};
  const teleprocedure = teleprocedureCourante(context)!;
  const recu = {
    id: accuse.id,
    submittedAt: accuse.submittedAt,
    reference: accuse.reference,
    etat: 'a-traiter' as const,
  };
  const historique = { ...recu, kind: accuse.kind };
  const certificat = teleprocedure === 'certificat' ? recu : fiche.certificat;
  return {
    fiche: {
      ...fiche,
      history: [historique, ...fiche.history],
      brouillon: undefined,
      certificat,
    },
    run: {
      ...context.run!,
      copie: {
        pour: fiche.conjoint!.id,
        de: `${fiche.prenom} ${fiche.nom.toUpperCase()}`,
        teleprocedure,
        ...declare,
      },
    },
  };
}

export const portalMachine = setup({
  types: {
    context: {} as PortalContext,
    events: {} as Event,
  },
  actors: {
    chargerProfil: fromPromise<Profil>(async () => {
      throw new Error('chargerProfil: actor not provided');
    }),
    connecter: fromPromise<{ user: User }, { email: string; password: string }>(async () => {
      throw new Error('connecter: actor not provided');
    }),
    deconnecter: fromPromise<void>(async () => {}),
    accepterCgu: fromPromise<void>(async () => {
      throw new Error('accepterCgu: actor not provided');
    }),
    chargerAccueil: fromPromise<{
      cafs: Caf[];
      calendrier: Calendrier;
      brouillons: Brouillon[];
      imports?: ImportEnCours[];
    }>(async () => {
      throw new Error('chargerAccueil: actor not provided');
    }),
    chargerTravailleurs: fromPromise<
      PageTravailleurs,
      { caf: string; q: string; page: number; pageSize: number; sansCertificat: boolean }
    >(async () => {
      throw new Error('chargerTravailleurs: actor not provided');
    }),
    /** Every worker matching the filter (all pages), for « Tout sélectionner ». */
    chargerTousTravailleurs: fromPromise<
      Travailleur[],
      { caf: string; q: string; sansCertificat: boolean }
    >(async () => {
      throw new Error('chargerTousTravailleurs: actor not provided');
    }),
    supprimerBrouillon: fromPromise<void, { workerId: string }>(async () => {
      throw new Error('supprimerBrouillon: actor not provided');
    }),
    demanderMotDePasse: fromPromise<void, { email: string }>(async () => {
      throw new Error('demanderMotDePasse: actor not provided');
    }),
    changerMotDePasse: fromPromise<unknown, { currentPassword: string; newPassword: string }>(
      async () => {
        throw new Error('changerMotDePasse: actor not provided');
      },
    ),
    verifierIdentifiant: fromPromise<unknown, { caf: string; identifiant: string }>(async () => {
      throw new Error('verifierIdentifiant: actor not provided');
    }),
    chargerUtilisateurs: fromPromise<Utilisateur[]>(async () => {
      throw new Error('chargerUtilisateurs: actor not provided');
    }),
    creerUtilisateur: fromPromise<Utilisateur, { email: string; role: 'declarant' | 'referent' }>(
      async () => {
        throw new Error('creerUtilisateur: actor not provided');
      },
    ),
    changerActivation: fromPromise<Utilisateur, { email: string; active: boolean }>(async () => {
      throw new Error('changerActivation: actor not provided');
    }),
    chargerFiche: fromPromise<FicheTravailleur, { id: string }>(async () => {
      throw new Error('chargerFiche: actor not provided');
    }),
    declaration: declarationMachine,
    /** The Caf agent's space (SPEC §10), provided with its server calls. */
    agent: agentMachine,
    /** R-IM: the import of a payroll file, provided with its server calls. */
    import: importAFournir,
  },
  delays: {
    /** Wait for a pause in typing before asking the server to filter. */
    filtrage: 300,
  },
  guards: {
    motDePasseAChanger: ({ event }) =>
      (event as unknown as { output: Profil }).output.user.mustChangePassword,
    estAgent: ({ event }) => (event as unknown as { output: Profil }).output.user.role === 'agent',
    profilAgent: ({ context }) => context.profil?.user.role === 'agent',
    cguAcceptees: ({ event }) => (event as unknown as { output: Profil }).output.cguAccepted,
    plusieursCaf: ({ context }) => context.cafs.length > 1,
    estReferent: ({ context }) => context.profil?.user.role === 'referent',
    identifiantRequis: ({ context }) =>
      !!context.cafs.find((c) => c.code === context.caf)?.identifiantRequis,
    nouvelleCafSansIdentifiant: ({ context, event }) =>
      event.type === 'travailleurs.changerCaf' &&
      !!context.cafs.find((c) => c.code === event.code)?.identifiantRequis,
    identifiantBienForme: ({ event }) =>
      event.type === 'identifiant.valider' && 'valeur' in normaliserIdentifiant(event.identifiant),
    cafAvecTravailleurs: ({ context }) =>
      (context.cafs.find((c) => c.code === context.caf)?.workerCount ?? 0) > 0,
    selectionNonVide: ({ context }) => context.selection.length > 0,
    teleprocedureOuverte: ({ context, event }) =>
      event.type === 'choix.choisir' &&
      teleprocedureDisponible(event.teleprocedure, context.calendrier),
    conjointAProposer: ({ context, event }) => {
      const output = (event as unknown as { output: DeclarationOutput }).output;
      const conjoint = context.fiche?.conjoint;
      return (
        output.issue === 'suivant' &&
        !!conjoint &&
        (conjoint.dossier ?? 'actif') === 'actif' &&
        !context.run!.travailleurs.some((t) => t.id === conjoint.id)
      );
    },
    dossierActif: ({ context }) => (context.fiche?.dossier ?? 'actif') === 'actif',
    certificatDejaDeclare: ({ context }) => certificatDejaDeclare(context),
    changementOuvert: ({ context }) => teleprocedureDisponible('changement', context.calendrier),
    /** Workers remain after the one on screen (a quit loses the rest of the run). */
    travailleursRestants: ({ context }) =>
      !!context.run && context.run.index + 1 < context.run.travailleurs.length,
    versEcran: ({ event }, ecran: string) => adresseDe(event)?.ecran === ecran,
    sortieVers: ({ context }, vers: string) =>
      context.sortie?.vers === vers || sortieAdresse(context)?.ecran === vers,
    /** The address names the worker on screen (its fiche, or a step of its declaration). */
    versCourant: ({ context, event }) => {
      const adresse = adresseDe(event);
      return (
        !!context.run &&
        !!adresse &&
        'id' in adresse &&
        adresse.id === travailleurCourant(context).id
      );
    },
    voulu: ({ context }, ecran: string) => context.adresseVoulue?.ecran === ecran,
    /** A reload inside a run: the tab kept that run and the address names its worker. */
    runVoulu: ({ context }) => {
      const voulue = context.adresseVoulue;
      const run = context.reprise?.run;
      return (
        !!voulue &&
        'id' in voulue &&
        !!run &&
        context.reprise?.caf === context.caf &&
        run.travailleurs[run.index]?.id === voulue.id
      );
    },
    saisieVoulue: ({ context }) => context.adresseVoulue?.ecran === 'declaration',
    brouillonARepris: ({ context }) => !!brouillonRepris(context),
    porteePage: ({ event }) =>
      event.type === 'travailleurs.toutSelectionner' && event.portee === 'page',
    resteDesTravailleurs: ({ context }) =>
      !!context.run && context.run.index + 1 < context.run.travailleurs.length,
    campagneOuverte: ({ context }) => !!context.calendrier?.certificatOpen,
    sortieImport: ({ event }, issue: ImportOutput['issue']) =>
      (event as unknown as { output: ImportOutput }).output.issue === issue,
    issue: ({ event }, issue: DeclarationOutput['issue']) =>
      (event as unknown as { output: DeclarationOutput }).output.issue === issue,
  },
  actions: {
    retenirErreur: assign({
      erreur: ({ event }) => asApiError((event as { error?: unknown }).error),
    }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    choisirCaf: assign(({ event }) => ({
      caf: (event as { code: string }).code,
      selection: [],
      q: '',
      page: 1,
      sansCertificat: false,
    })),
    finirRun: assign({ run: undefined, fiche: undefined, selection: [] }),
    /** Leaving a run before its end: the workers not declared yet stay selected. */
    interrompreRun: assign(({ context }) => ({
      run: undefined,
      fiche: undefined,
      sortie: undefined,
      selection: context.run
        ? context.selection.filter((t) => !context.run!.valides.includes(t.id))
        : context.selection,
    })),
    /** Mes travailleurs as an address names it (page, filter). */
    allerTravailleurs: assign(({ context, event }) => {
      const adresse = adresseDe(event) ?? sortieAdresse(context) ?? context.adresseVoulue;
      return adresse?.ecran === 'travailleurs'
        ? { q: adresse.q, page: adresse.page, sansCertificat: adresse.sansCertificat }
        : {};
    }),
    retenirAdresseVoulue: assign(({ event }) =>
      event.type === 'navigation.aller'
        ? { adresseVoulue: event.adresse, reprise: event.reprise }
        : {},
    ),
    /** After a reload: the selection the tab kept, for the Caf it was made for. */
    reprendreSelection: assign(({ context }) =>
      context.reprise && context.reprise.caf === context.caf
        ? { selection: context.reprise.selection }
        : {},
    ),
    reprendreRun: assign(({ context }) => ({ run: context.reprise?.run })),
    oublierAdresseVoulue: assign({ adresseVoulue: undefined, reprise: undefined }),
    retenirSortie: assign((_, sortie: Sortie) => ({ sortie })),
    retenirSortieAdresse: assign(({ event }) =>
      event.type === 'navigation.aller'
        ? { sortie: { vers: 'adresse' as const, adresse: event.adresse } }
        : {},
    ),
    rester: () => {},
    marquerValide: assign({
      run: ({ context }) => ({
        ...context.run!,
        valides: [...context.run!.valides, travailleurCourant(context).id],
      }),
    }),
    /** A declaration left from its Fin page was recorded all the same. */
    marquerSiEnregistree: assign({
      run: ({ context, event }) =>
        (event as unknown as { output: DeclarationOutput }).output.accuse
          ? { ...context.run!, valides: [...context.run!.valides, travailleurCourant(context).id] }
          : context.run,
    }),
    oublierCopie: assign({ run: ({ context }) => ({ ...context.run!, copie: undefined }) }),
    travailleurSuivant: assign({
      run: ({ context }) => ({ ...context.run!, index: context.run!.index + 1 }),
      fiche: undefined,
    }),
  },
}).createMachine({
  id: 'portail',
  context: { cafs: [], q: '', page: 1, sansCertificat: false, selection: [] },
  initial: 'demarrage',
  on: {
    // A bookmark or a reload before the space is open: kept, and followed once it is.
    'navigation.aller': { actions: 'retenirAdresseVoulue' },
    // R-SE-1: the session expired and the user chose « Quitter »: back to the login.
    'session.terminee': {
      target: '.connexion',
      actions: assign({
        profil: undefined,
        run: undefined,
        fiche: undefined,
        selection: [],
        erreur: undefined,
      }),
    },
  },
  states: {
    demarrage: {
      invoke: {
        src: 'chargerProfil',
        onDone: [
          {
            // R-AC-2: a provisional or expired password is changed before anything else.
            guard: 'motDePasseAChanger',
            target: 'motDePasse',
            actions: assign({ profil: ({ event }) => event.output }),
          },
          // R-AC-5: the CGU are accepted by everyone, Caf agents included.
          {
            guard: not('cguAcceptees'),
            target: 'cgu',
            actions: assign({ profil: ({ event }) => event.output }),
          },
          {
            guard: 'estAgent',
            target: 'agent',
            actions: assign({ profil: ({ event }) => event.output }),
          },
          { target: 'espace', actions: assign({ profil: ({ event }) => event.output }) },
        ],
        onError: 'connexion',
      },
    },
    connexion: {
      initial: 'saisie',
      states: {
        saisie: {
          on: { 'connexion.soumettre': 'envoi', 'connexion.oubli': 'oubli' },
        },
        // R-AC-3: the same answer whatever the address (no account enumeration).
        oubli: {
          initial: 'saisie',
          on: { 'oubli.retour': 'saisie' },
          states: {
            saisie: { on: { 'oubli.envoyer': 'envoi' } },
            envoi: {
              entry: 'oublierErreur',
              invoke: {
                src: 'demanderMotDePasse',
                input: ({ event }) => ({
                  email: event.type === 'oubli.envoyer' ? event.email : '',
                }),
                onDone: 'envoye',
                onError: { target: 'saisie', actions: 'retenirErreur' },
              },
            },
            envoye: {},
          },
        },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'connecter',
            input: ({ event }) =>
              event.type === 'connexion.soumettre'
                ? { email: event.email, password: event.password }
                : { email: '', password: '' },
            onDone: '#portail.demarrage',
            onError: { target: 'saisie', actions: 'retenirErreur' },
          },
        },
      },
    },
    cgu: {
      initial: 'lecture',
      states: {
        lecture: {
          on: {
            'cgu.accepter': 'envoi',
            'cgu.refuser': '#portail.deconnexion',
          },
        },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'accepterCgu',
            onDone: [
              { guard: 'profilAgent', target: '#portail.agent' },
              { target: '#portail.espace.accueil' },
            ],
            onError: { target: 'lecture', actions: 'retenirErreur' },
          },
        },
      },
    },
    espace: {
      initial: 'accueil',
      on: {
        // R-SE-3: an Esat with several Caf goes back to the Caf choice; otherwise (or from that
        // choice) the confirmation of its screen, then logout. A run has its own Quitter.
        'portail.quitter': {
          guard: and(['plusieursCaf', not(stateIn('#portail.espace.accueil'))]),
          target: '.accueil',
          actions: 'finirRun',
        },
        // Changing one's password, whenever no declaration is being typed (R-AC-4); a run left
        // from its fiche keeps its workers not declared yet selected.
        'portail.motDePasse': {
          guard: not(stateIn('#portail.espace.run.declaration')),
          target: '.motDePasse',
          actions: ['oublierErreur', 'oublierSucces', 'interrompreRun'],
        },
        // Back and Forward of the browser: the address asked, the machine decides (a run's
        // declaration asks first, see run.declaration).
        'navigation.aller': [
          {
            guard: and([
              { type: 'versEcran', params: 'accueil' },
              not(stateIn('#portail.espace.accueil')),
            ]),
            target: '.accueil',
            actions: 'interrompreRun',
          },
          {
            guard: and([
              { type: 'versEcran', params: 'travailleurs' },
              'cafAvecTravailleurs',
              not('identifiantRequis'),
            ]),
            target: '.travailleurs.chargement',
            actions: ['interrompreRun', 'allerTravailleurs'],
          },
          {
            guard: and([{ type: 'versEcran', params: 'utilisateurs' }, 'estReferent']),
            target: '.utilisateurs',
            actions: 'interrompreRun',
          },
          {
            guard: { type: 'versEcran', params: 'motDePasse' },
            target: '.motDePasse',
            actions: 'interrompreRun',
          },
          // Anything else (a fiche outside a run, a Caf to identify first): the screen stays,
          // and the address bar shows it again.
          { actions: 'rester' },
        ],
      },
      states: {
        accueil: {
          initial: 'chargement',
          on: {
            // The users of the Esat do not depend on the Caf chosen (nor on its identifiant).
            'accueil.utilisateurs': {
              guard: 'estReferent',
              target: '#portail.espace.utilisateurs',
              actions: 'oublierSucces',
            },
          },
          states: {
            chargement: {
              entry: 'oublierErreur',
              invoke: {
                src: 'chargerAccueil',
                onDone: {
                  target: 'aiguillage',
                  actions: assign(({ context, event }) => ({
                    cafs: event.output.cafs,
                    calendrier: event.output.calendrier,
                    brouillons: event.output.brouillons,
                    imports: event.output.imports,
                    caf: context.caf ?? event.output.cafs[0]?.code,
                  })),
                },
                onError: { target: 'echec', actions: 'retenirErreur' },
              },
            },
            echec: {},
            // R-AC-7: a Caf that does not know the Esat's SIRET asks for its identifiant first.
            aiguillage: {
              always: [
                {
                  guard: 'identifiantRequis',
                  target: 'identification',
                  actions: 'oublierAdresseVoulue',
                },
                // A bookmark or a reload of Mes travailleurs or of a run, once logged in.
                {
                  guard: and([{ type: 'voulu', params: 'travailleurs' }, 'cafAvecTravailleurs']),
                  target: '#portail.espace.travailleurs',
                  actions: ['allerTravailleurs', 'reprendreSelection', 'oublierAdresseVoulue'],
                },
                {
                  guard: 'runVoulu',
                  target: '#portail.espace.run',
                  actions: ['reprendreSelection', 'reprendreRun'],
                },
                { target: 'pret', actions: 'oublierAdresseVoulue' },
              ],
            },
            // R-SE-2: a draft is deleted only once the user confirms it.
            confirmationSuppression: {
              on: {
                'suppression.annuler': {
                  target: 'pret',
                  actions: assign({ brouillonASupprimer: undefined }),
                },
                'suppression.confirmer': 'suppression',
              },
            },
            suppression: {
              entry: 'oublierErreur',
              invoke: {
                src: 'supprimerBrouillon',
                input: ({ context }) => ({ workerId: context.brouillonASupprimer ?? '' }),
                onDone: {
                  target: 'pret',
                  actions: assign(({ context }) => ({
                    brouillons: context.brouillons?.filter(
                      (b) => b.travailleur?.id !== context.brouillonASupprimer,
                    ),
                    brouillonASupprimer: undefined,
                    succes: 'Le brouillon a été supprimé.',
                  })),
                },
                onError: {
                  target: 'pret',
                  actions: ['retenirErreur', assign({ brouillonASupprimer: undefined })],
                },
              },
            },
            confirmationQuitter: {
              on: { 'quitter.annuler': 'aiguillage', 'quitter.confirmer': '#portail.deconnexion' },
            },
            identification: {
              initial: 'saisie',
              on: {
                'portail.quitter': '.confirmationQuitter',
                'accueil.choisirCaf': { target: 'aiguillage', actions: 'choisirCaf' },
              },
              states: {
                saisie: {
                  on: {
                    'identifiant.valider': [
                      { guard: 'identifiantBienForme', target: 'envoi' },
                      {
                        actions: assign({
                          erreur: ({ event }) => {
                            const r = normaliserIdentifiant(event.identifiant);
                            const message = 'erreur' in r ? r.erreur : '';
                            return {
                              status: 422,
                              code: 'identifiant-invalide',
                              message,
                              fields: [{ path: '/identifiant', message }],
                            };
                          },
                        }),
                      },
                    ],
                  },
                },
                envoi: {
                  entry: 'oublierErreur',
                  invoke: {
                    src: 'verifierIdentifiant',
                    input: ({ context, event }) => ({
                      caf: context.caf ?? '',
                      identifiant: event.type === 'identifiant.valider' ? event.identifiant : '',
                    }),
                    onDone: {
                      target: '#portail.espace.accueil.pret',
                      actions: assign({
                        cafs: ({ context }) =>
                          context.cafs.map((c) =>
                            c.code === context.caf ? { ...c, identifiantRequis: false } : c,
                          ),
                      }),
                    },
                    onError: { target: 'saisie', actions: 'retenirErreur' },
                  },
                },
                confirmationQuitter: {
                  on: { 'quitter.annuler': 'saisie', 'quitter.confirmer': '#portail.deconnexion' },
                },
              },
            },
            pret: {
              on: {
                'portail.quitter': 'confirmationQuitter',
                'accueil.choisirCaf': { target: 'aiguillage', actions: 'choisirCaf' },
                'accueil.travailleurs': {
                  guard: 'cafAvecTravailleurs',
                  target: '#portail.espace.travailleurs',
                  actions: 'oublierSucces',
                },
                'brouillon.supprimer': {
                  target: 'confirmationSuppression',
                  actions: [
                    assign({ brouillonASupprimer: ({ event }) => event.workerId }),
                    'oublierSucces',
                  ],
                },
                // R-IM-5: an unfinished import, resumed at the step it stopped.
                'accueil.reprendreImport': {
                  target: '#portail.espace.import',
                  actions: [assign({ importRepris: ({ event }) => event.id }), 'oublierSucces'],
                },
              },
            },
          },
        },
        travailleurs: {
          initial: 'chargement',
          on: {
            'travailleurs.accueil': 'accueil',
            'travailleurs.filtrer': {
              target: '.attenteFiltre',
              actions: assign({ q: ({ event }) => event.q, page: 1 }),
            },
            'travailleurs.page': {
              target: '.chargement',
              actions: assign({ page: ({ event }) => event.page }),
            },
            'travailleurs.sansCertificat': {
              target: '.chargement',
              actions: assign({ sansCertificat: ({ event }) => event.actif, page: 1 }),
            },
            'travailleurs.toutDeselectionner': { actions: assign({ selection: [] }) },
            'travailleurs.basculer': {
              actions: assign({
                selection: ({ context, event }) =>
                  context.selection.some((t) => t.id === event.travailleur.id)
                    ? context.selection.filter((t) => t.id !== event.travailleur.id)
                    : [...context.selection, event.travailleur],
              }),
            },
            'travailleurs.changerCaf': [
              {
                guard: and(['plusieursCaf', 'nouvelleCafSansIdentifiant']),
                target: 'accueil',
                actions: 'choisirCaf',
              },
              { guard: 'plusieursCaf', target: '.chargement', actions: 'choisirCaf' },
            ],
          },
          states: {
            attenteFiltre: {
              after: { filtrage: 'chargement' },
            },
            chargement: {
              entry: 'oublierErreur',
              invoke: {
                src: 'chargerTravailleurs',
                input: ({ context }) => ({
                  caf: context.caf ?? '',
                  q: context.q,
                  page: context.page,
                  pageSize: TAILLE_PAGE,
                  sansCertificat: context.sansCertificat,
                }),
                onDone: {
                  target: 'liste',
                  actions: assign({ liste: ({ event }) => event.output }),
                },
                onError: { target: 'liste', actions: 'retenirErreur' },
              },
            },
            confirmationQuitter: {
              on: { 'quitter.annuler': 'liste', 'quitter.confirmer': '#portail.deconnexion' },
            },
            liste: {
              on: {
                'portail.quitter': { guard: not('plusieursCaf'), target: 'confirmationQuitter' },
                'travailleurs.declarer': { guard: 'selectionNonVide', target: 'choix' },
                // R-IM: « Importer un fichier de paie », during the campaign.
                'travailleurs.importer': {
                  guard: 'campagneOuverte',
                  target: '#portail.espace.import',
                  actions: assign({ importRepris: undefined }),
                },
                // « Tout sélectionner »: this page at once, or every matching worker (all pages).
                'travailleurs.toutSelectionner': [
                  {
                    guard: 'porteePage',
                    actions: assign({
                      selection: ({ context }) =>
                        ajouterALaSelection(context.selection, context.liste?.items ?? []),
                    }),
                  },
                  { target: 'selectionTous' },
                ],
              },
            },
            selectionTous: {
              entry: 'oublierErreur',
              invoke: {
                src: 'chargerTousTravailleurs',
                input: ({ context }) => ({
                  caf: context.caf ?? '',
                  q: context.q,
                  sansCertificat: context.sansCertificat,
                }),
                onDone: {
                  target: 'liste',
                  actions: assign({
                    selection: ({ context, event }) =>
                      ajouterALaSelection(context.selection, event.output),
                  }),
                },
                onError: { target: 'liste', actions: 'retenirErreur' },
              },
            },
            choix: {
              on: {
                'choix.fermer': 'liste',
                'choix.choisir': {
                  guard: 'teleprocedureOuverte',
                  target: '#portail.espace.run',
                  actions: assign({
                    run: ({ context, event }) => ({
                      teleprocedure: event.teleprocedure,
                      travailleurs: context.selection,
                      index: 0,
                      valides: [],
                    }),
                  }),
                },
              },
            },
          },
        },
        // The référent manages the users of its Esat (SPEC §1).
        utilisateurs: {
          initial: 'chargement',
          on: { 'utilisateurs.accueil': { target: 'accueil', actions: 'oublierSucces' } },
          states: {
            chargement: {
              entry: 'oublierErreur',
              invoke: {
                src: 'chargerUtilisateurs',
                onDone: {
                  target: 'liste',
                  actions: assign({ utilisateurs: ({ event }) => event.output }),
                },
                onError: { target: 'liste', actions: 'retenirErreur' },
              },
            },
            liste: {
              on: {
                'utilisateurs.creer': {
                  target: 'creation',
                  actions: ['oublierSucces', 'oublierErreur'],
                },
                'utilisateurs.desactiver': {
                  target: 'confirmationDesactivation',
                  actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
                },
                'utilisateurs.reactiver': {
                  target: 'activation',
                  actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
                },
              },
            },
            creation: {
              initial: 'saisie',
              on: { 'creation.annuler': { target: 'liste', actions: 'oublierErreur' } },
              states: {
                saisie: { on: { 'creation.valider': 'envoi' } },
                envoi: {
                  entry: 'oublierErreur',
                  invoke: {
                    src: 'creerUtilisateur',
                    input: ({ event }) =>
                      event.type === 'creation.valider'
                        ? { email: event.email, role: event.role }
                        : { email: '', role: 'declarant' as const },
                    onDone: {
                      target: '#portail.espace.utilisateurs.chargement',
                      actions: assign({
                        succes: ({ event }) =>
                          `Le compte ${event.output.email} a été créé. Un mot de passe provisoire lui a été envoyé par e-mail.`,
                      }),
                    },
                    onError: { target: 'saisie', actions: 'retenirErreur' },
                  },
                },
              },
            },
            confirmationDesactivation: {
              on: {
                'desactivation.confirmer': 'activation',
                'desactivation.annuler': { target: 'liste', actions: assign({ cible: undefined }) },
              },
            },
            activation: {
              entry: 'oublierErreur',
              invoke: {
                src: 'changerActivation',
                input: ({ context, event }) => ({
                  email: context.cible ?? '',
                  active: event.type === 'utilisateurs.reactiver',
                }),
                onDone: {
                  target: 'chargement',
                  actions: assign({
                    cible: undefined,
                    succes: ({ event }) =>
                      event.output.active
                        ? `Le compte ${event.output.email} est réactivé.`
                        : `Le compte ${event.output.email} est désactivé : il ne peut plus se connecter.`,
                  }),
                },
                onError: {
                  target: 'liste',
                  actions: ['retenirErreur', assign({ cible: undefined })],
                },
              },
            },
          },
        },
        // R-IM: the import (import.machine.ts), kept alive under the header's quit confirmation.
        // Leaving it is asked of the import, which confirms first where something would be lost.
        import: {
          invoke: {
            id: 'import',
            src: 'import',
            input: ({ context }) => ({
              caf:
                context.imports?.find((i) => i.id === context.importRepris)?.caf ??
                context.caf ??
                '',
              reprise: context.importRepris,
            }),
            onDone: [
              { guard: { type: 'sortieImport', params: 'accueil' }, target: 'accueil' },
              { guard: { type: 'sortieImport', params: 'motDePasse' }, target: 'motDePasse' },
              { guard: { type: 'sortieImport', params: 'portail' }, target: 'accueil' },
              { target: 'travailleurs.chargement' },
            ],
          },
          exit: assign({ importRepris: undefined }),
          initial: 'actif',
          on: {
            'portail.motDePasse': {
              actions: sendTo('import', { type: 'import.quitter', vers: 'motDePasse' }),
            },
            'navigation.aller': {
              actions: sendTo('import', ({ event }) => ({
                type: 'import.quitter',
                vers: event.adresse.ecran === 'accueil' ? 'accueil' : 'travailleurs',
              })),
            },
          },
          states: {
            actif: {
              on: {
                'portail.quitter': [
                  {
                    guard: 'plusieursCaf',
                    actions: sendTo('import', { type: 'import.quitter', vers: 'portail' }),
                  },
                  { target: 'confirmationQuitter' },
                ],
              },
            },
            // The import is kept by the server: a logout loses only what this page holds.
            confirmationQuitter: {
              on: { 'quitter.annuler': 'actif', 'quitter.confirmer': '#portail.deconnexion' },
            },
          },
        },
        // Changing one's password by choice (the forced change is the top-level motDePasse).
        motDePasse: {
          initial: 'saisie',
          on: { 'motDePasse.annuler': { target: 'accueil', actions: 'oublierErreur' } },
          states: {
            saisie: { on: { 'motDePasse.changer': 'envoi' } },
            envoi: {
              entry: 'oublierErreur',
              invoke: {
                src: 'changerMotDePasse',
                input: motDePasseSaisi,
                onDone: {
                  target: '#portail.espace.accueil',
                  actions: assign({ succes: 'Votre mot de passe a été changé.' }),
                },
                onError: { target: 'saisie', actions: 'retenirErreur' },
              },
            },
          },
        },
        run: {
          initial: 'fiche',
          states: {
            fiche: {
              initial: 'chargement',
              on: {
                // Forward from the fiche to its declaration starts it; another screen is reached
                // at once (espace's navigation), the workers not declared yet staying selected.
                'navigation.aller': [
                  {
                    guard: and([
                      'versCourant',
                      { type: 'versEcran', params: 'declaration' },
                      stateIn('#portail.espace.run.fiche.affichage'),
                      'dossierActif',
                      not('certificatDejaDeclare'),
                    ]),
                    target: '#portail.espace.run.declaration',
                  },
                  { guard: 'versCourant', actions: 'rester' },
                ],
                'fiche.passer': [
                  {
                    guard: 'resteDesTravailleurs',
                    target: '.chargement',
                    actions: 'travailleurSuivant',
                    reenter: true,
                  },
                  { target: '#portail.espace.travailleurs', actions: 'finirRun' },
                ],
                // On every worker of the run: the workers not declared yet stay selected.
                'fiche.retour': {
                  target: '#portail.espace.travailleurs',
                  actions: 'interrompreRun',
                },
              },
              states: {
                chargement: {
                  entry: 'oublierErreur',
                  invoke: {
                    src: 'chargerFiche',
                    input: ({ context }) => ({ id: travailleurCourant(context).id }),
                    onDone: {
                      target: 'affichage',
                      actions: assign({ fiche: ({ event }) => event.output }),
                    },
                    onError: { target: 'affichage', actions: 'retenirErreur' },
                  },
                },
                affichage: {
                  // A reload in the middle of a declaration: its draft is resumed at once.
                  always: [
                    {
                      guard: and([
                        'saisieVoulue',
                        'dossierActif',
                        not('certificatDejaDeclare'),
                        'brouillonARepris',
                      ]),
                      target: '#portail.espace.run.declaration',
                      actions: 'oublierAdresseVoulue',
                    },
                    { guard: 'saisieVoulue', actions: 'oublierAdresseVoulue' },
                  ],
                  on: {
                    'fiche.declarer': {
                      guard: and(['dossierActif', not('certificatDejaDeclare')]),
                      target: '#portail.espace.run.declaration',
                    },
                    // A certificat already declared: a changement de situation can still be made.
                    'fiche.changement': {
                      guard: and(['certificatDejaDeclare', 'dossierActif', 'changementOuvert']),
                      target: '#portail.espace.run.declaration',
                      actions: assign({
                        run: ({ context }) => ({
                          ...context.run!,
                          changementPour: travailleurCourant(context).id,
                        }),
                      }),
                    },
                    'portail.quitter': {
                      guard: not('plusieursCaf'),
                      target: 'confirmationQuitter',
                    },
                    'brouillon.supprimer': {
                      guard: 'brouillonARepris',
                      target: 'confirmationSuppression',
                      actions: assign({ brouillonASupprimer: ({ event }) => event.workerId }),
                    },
                  },
                },
                confirmationQuitter: {
                  on: {
                    'quitter.annuler': 'affichage',
                    'quitter.confirmer': '#portail.deconnexion',
                  },
                },
                confirmationSuppression: {
                  on: {
                    'suppression.annuler': {
                      target: 'affichage',
                      actions: assign({ brouillonASupprimer: undefined }),
                    },
                    'suppression.confirmer': 'suppression',
                  },
                },
                suppression: {
                  entry: 'oublierErreur',
                  invoke: {
                    src: 'supprimerBrouillon',
                    input: ({ context }) => ({ workerId: context.brouillonASupprimer ?? '' }),
                    onDone: {
                      target: 'affichage',
                      actions: assign(({ context }) => ({
                        fiche: context.fiche && { ...context.fiche, brouillon: undefined },
                        brouillons: context.brouillons?.filter(
                          (b) => b.travailleur?.id !== context.brouillonASupprimer,
                        ),
                        brouillonASupprimer: undefined,
                      })),
                    },
                    onError: {
                      target: 'affichage',
                      actions: ['retenirErreur', assign({ brouillonASupprimer: undefined })],
                    },
                  },
                },
              },
            },
            declaration: {
              initial: 'active',
              on: {
                // Back or Forward between the steps of this declaration: the declaration decides
                // (récapitulatif → saisie); any other address waits for the quit confirmation.
                'navigation.aller': [
                  {
                    guard: and(['versCourant', { type: 'versEcran', params: 'declaration' }]),
                    actions: sendTo('declaration', ({ event }) => event),
                  },
                  { actions: 'rester' },
                ],
              },
              invoke: {
                id: 'declaration',
                src: 'declaration',
                input: ({ context }) => {
                  // R-SE-2: a draft of the same téléprocédure is resumed as it was left;
                  // R-CS-5: else the partner's declaration, copied for the user to check.
                  const brouillon = brouillonRepris(context) ?? copieConjoint(context);
                  const teleprocedure = teleprocedureCourante(context)!;
                  return {
                    teleprocedure,
                    kind:
                      teleprocedure === 'certificat' ? ('certificat' as const) : brouillon?.kind,
                    today: context.calendrier?.today,
                    travailleur: travailleurCourant(context),
                    estDernier: context.run!.index + 1 >= context.run!.travailleurs.length,
                    saisie: brouillon?.saisie,
                    reponses: brouillon?.reponses,
                    copieDe: copieConjoint(context)?.de,
                  };
                },
                onDone: [
                  {
                    guard: { type: 'issue', params: 'fiche' },
                    target: 'fiche',
                  },
                  {
                    guard: { type: 'issue', params: 'travailleurs' },
                    target: '#portail.espace.travailleurs',
                    actions: ['marquerSiEnregistree', 'interrompreRun'],
                  },
                  {
                    guard: 'conjointAProposer',
                    target: 'proposerConjoint',
                    actions: [
                      'marquerValide',
                      assign(({ context, event }) =>
                        apresDeclarationPourConjoint(context, event.output),
                      ),
                    ],
                  },
                  {
                    guard: 'resteDesTravailleurs',
                    target: 'fiche',
                    actions: ['marquerValide', 'travailleurSuivant'],
                  },
                  { target: '#portail.espace.travailleurs', actions: 'finirRun' },
                ],
              },
              states: {
                active: {
                  on: {
                    // The header during a declaration, and Back/Forward to another screen: what
                    // was typed is kept as a draft (R-SE-2), the quit is confirmed first.
                    'portail.quitter': {
                      target: 'confirmationQuitter',
                      actions: { type: 'retenirSortie', params: { vers: 'quitter' } },
                    },
                    'portail.motDePasse': {
                      target: 'confirmationQuitter',
                      actions: { type: 'retenirSortie', params: { vers: 'motDePasse' } },
                    },
                    'navigation.aller': {
                      guard: not(
                        and(['versCourant', { type: 'versEcran', params: 'declaration' }]),
                      ),
                      target: 'confirmationQuitter',
                      actions: 'retenirSortieAdresse',
                    },
                  },
                },
                confirmationQuitter: {
                  on: {
                    'quitter.annuler': { target: 'active', actions: assign({ sortie: undefined }) },
                    'quitter.confirmer': [
                      {
                        guard: and([{ type: 'sortieVers', params: 'quitter' }, 'plusieursCaf']),
                        target: '#portail.espace.accueil',
                        actions: 'interrompreRun',
                      },
                      {
                        guard: { type: 'sortieVers', params: 'quitter' },
                        target: '#portail.deconnexion',
                      },
                      {
                        guard: { type: 'sortieVers', params: 'fiche' },
                        target: '#portail.espace.run.fiche',
                        actions: assign({ sortie: undefined }),
                      },
                      {
                        guard: { type: 'sortieVers', params: 'travailleurs' },
                        target: '#portail.espace.travailleurs.chargement',
                        actions: ['allerTravailleurs', 'interrompreRun'],
                      },
                      {
                        guard: { type: 'sortieVers', params: 'motDePasse' },
                        target: '#portail.espace.motDePasse',
                        actions: 'interrompreRun',
                      },
                      { target: '#portail.espace.accueil', actions: 'interrompreRun' },
                    ],
                  },
                },
              },
            },
            // R-CS-5: after one member of a couple working here, the other is proposed.
            proposerConjoint: {
              on: {
                'conjoint.declarer': {
                  target: 'fiche',
                  actions: [
                    assign({
                      run: ({ context }) => {
                        const run = context.run!;
                        const travailleurs = [...run.travailleurs];
                        travailleurs.splice(run.index + 1, 0, context.fiche!.conjoint!);
                        return { ...run, travailleurs };
                      },
                    }),
                    'travailleurSuivant',
                  ],
                },
                'conjoint.ignorer': [
                  {
                    guard: 'resteDesTravailleurs',
                    target: 'fiche',
                    actions: ['oublierCopie', 'travailleurSuivant'],
                  },
                  { target: '#portail.espace.travailleurs', actions: 'finirRun' },
                ],
              },
            },
          },
        },
      },
    },
    motDePasse: {
      initial: 'saisie',
      states: {
        saisie: {
          on: {
            'motDePasse.changer': 'envoi',
            'motDePasse.quitter': '#portail.deconnexion',
          },
        },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'changerMotDePasse',
            input: motDePasseSaisi,
            onDone: '#portail.demarrage',
            onError: { target: 'saisie', actions: 'retenirErreur' },
          },
        },
      },
    },
    // A Caf agent works in its own machine (agent.machine.ts), kept alive under the quit
    // confirmation and the password change so that it finds its screen as it left it.
    agent: {
      invoke: { id: 'agent', src: 'agent' },
      initial: 'travail',
      states: {
        travail: {
          on: {
            'portail.quitter': 'confirmationQuitter',
            'portail.motDePasse': {
              target: 'motDePasse',
              actions: ['oublierErreur', 'oublierSucces'],
            },
          },
        },
        confirmationQuitter: {
          on: { 'quitter.annuler': 'travail', 'quitter.confirmer': '#portail.deconnexion' },
        },
        motDePasse: {
          initial: 'saisie',
          on: { 'motDePasse.annuler': { target: 'travail', actions: 'oublierErreur' } },
          states: {
            saisie: { on: { 'motDePasse.changer': 'envoi' } },
            envoi: {
              entry: 'oublierErreur',
              invoke: {
                src: 'changerMotDePasse',
                input: motDePasseSaisi,
                onDone: {
                  target: '#portail.agent.travail',
                  actions: assign({ succes: 'Votre mot de passe a été changé.' }),
                },
                onError: { target: 'saisie', actions: 'retenirErreur' },
              },
            },
          },
        },
      },
    },
    deconnexion: {
      invoke: {
        src: 'deconnecter',
        onDone: {
          target: 'connexion',
          actions: assign({ profil: undefined, selection: [], run: undefined }),
        },
        onError: {
          target: 'connexion',
          actions: assign({ profil: undefined, selection: [], run: undefined }),
        },
      },
    },
  },
});
