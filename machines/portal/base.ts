/**
 * The portal's setup shared by all its parts: its types, the server calls it names (the UI,
 * ui/api.ts, and the tests provide them with `machine.provide({ actors })`), its delay, and the
 * guards and actions more than one part uses. Each part (accueil.ts, travailleurs.ts…) extends
 * it with its own guards and actions; portal.machine.ts puts the parts together.
 */
import { assign, fromPromise, setup, type StateMachine } from 'xstate';
import { blocageDossier } from '../../forms/dossiers.ts';
import type { DeclarationInput, DeclarationOutput } from '../declaration.machine.ts';
import type { ImportInput, ImportOutput } from '../import.machine.ts';
import type { JetonsInput } from '../jetons.machine.ts';
import type { ImportEnCours } from '../import.types.ts';
import {
  asApiError,
  type Brouillon,
  type Caf,
  type Calendrier,
  type FicheTravailleur,
  type PageTravailleurs,
  type Profil,
  type Travailleur,
  type User,
  type Utilisateur,
} from '../types.ts';
import {
  adresseDe,
  brouillonRepris,
  certificatDejaDeclare,
  sortieAdresse,
  travailleurCourant,
  type ArgsPortail,
  type PortalContext,
  type PortalEvent,
} from './contexte.ts';

/** A server call the portal names and types; whoever runs the machine provides it. */
function aFournir<TOutput, TInput = void>(nom: string) {
  return fromPromise<TOutput, TInput>(() =>
    Promise.reject(new Error(`${nom} : acteur non fourni (machine.provide)`)),
  );
}

/**
 * A child machine as the portal sees it: its input and output (`_`: the child's own types). The
 * machine itself is provided by whoever runs the portal — the UI loads each in its own chunk
 * (ui/acteurs-differe.ts, ui/import-differe.ts), the tests give the real ones — so that the
 * login does not carry the declaration's validators, the agent's space nor the import.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- StateMachine is invariant in these: no narrower type lets the real machine in
type _ = any;
type MachineAFournir<TInput, TOutput> = StateMachine<
  _,
  _,
  _,
  _,
  _,
  _,
  _,
  _,
  _,
  TInput,
  TOutput,
  _,
  _,
  _
>;

/** The placeholder of a child machine: an empty machine with the child's input and output. */
function machineAFournir<TInput = void, TOutput = unknown>(
  id: string,
): MachineAFournir<TInput, TOutput> {
  return setup({ types: { input: {} as TInput, output: {} as TOutput } }).createMachine({ id });
}

export const portalBase = setup({
  types: {
    context: {} as PortalContext,
    events: {} as PortalEvent,
  },
  actors: {
    chargerProfil: aFournir<Profil>('chargerProfil'),
    connecter: aFournir<{ user: User }, { email: string; password: string }>('connecter'),
    deconnecter: aFournir<void>('deconnecter'),
    accepterCgu: aFournir<void>('accepterCgu'),
    chargerAccueil: aFournir<{
      cafs: Caf[];
      calendrier: Calendrier;
      brouillons: Brouillon[];
      imports?: ImportEnCours[];
    }>('chargerAccueil'),
    chargerTravailleurs: aFournir<
      PageTravailleurs,
      { caf: string; q: string; page: number; pageSize: number; sansCertificat: boolean }
    >('chargerTravailleurs'),
    /** Every worker matching the filter (all pages), for « Tout sélectionner ». */
    chargerTousTravailleurs: aFournir<
      Travailleur[],
      { caf: string; q: string; sansCertificat: boolean }
    >('chargerTousTravailleurs'),
    supprimerBrouillon: aFournir<void, { workerId: string }>('supprimerBrouillon'),
    demanderMotDePasse: aFournir<void, { email: string }>('demanderMotDePasse'),
    changerMotDePasse: aFournir<unknown, { currentPassword: string; newPassword: string }>(
      'changerMotDePasse',
    ),
    verifierIdentifiant: aFournir<unknown, { caf: string; identifiant: string }>(
      'verifierIdentifiant',
    ),
    chargerUtilisateurs: aFournir<Utilisateur[]>('chargerUtilisateurs'),
    creerUtilisateur: aFournir<Utilisateur, { email: string; role: 'declarant' | 'referent' }>(
      'creerUtilisateur',
    ),
    changerActivation: aFournir<Utilisateur, { email: string; active: boolean }>(
      'changerActivation',
    ),
    chargerFiche: aFournir<FicheTravailleur, { id: string }>('chargerFiche'),
    /** One declaration of a run (declaration.machine.ts). */
    declaration: machineAFournir<DeclarationInput, DeclarationOutput>('declaration'),
    /** The Caf agent's space (SPEC §10, agent.machine.ts), provided with its server calls. */
    agent: machineAFournir('agent'),
    /** R-IM: the import of a payroll file (import.machine.ts), provided with its server calls. */
    import: machineAFournir<ImportInput, ImportOutput>('import'),
    /** R-API-2: the API tokens of the Esat (jetons.machine.ts), provided with its server calls. */
    jetons: machineAFournir<JetonsInput>('jetons'),
  },
  delays: {
    /** Wait for a pause in typing before asking the server to filter. */
    filtrage: 300,
  },
  guards: {
    plusieursCaf: ({ context }: ArgsPortail) => context.cafs.length > 1,
    estReferent: ({ context }: ArgsPortail) => context.profil?.user.role === 'referent',
    identifiantRequis: ({ context }: ArgsPortail) =>
      !!context.cafs.find((c) => c.code === context.caf)?.identifiantRequis,
    cafAvecTravailleurs: ({ context }: ArgsPortail) =>
      (context.cafs.find((c) => c.code === context.caf)?.workerCount ?? 0) > 0,
    versEcran: ({ event }: ArgsPortail, ecran: string) => adresseDe(event)?.ecran === ecran,
    /** The address names the worker on screen (its fiche, or a step of its declaration). */
    versCourant: ({ context, event }: ArgsPortail) => {
      const adresse = adresseDe(event);
      return (
        !!context.run &&
        !!adresse &&
        'id' in adresse &&
        adresse.id === travailleurCourant(context).id
      );
    },
    /** R-WK: the fiche's file can take a declaration (forms/dossiers.ts decides). */
    dossierActif: ({ context }: ArgsPortail) => !blocageDossier(context.fiche?.dossier),
    certificatDejaDeclare: ({ context }: ArgsPortail) => certificatDejaDeclare(context),
    brouillonARepris: ({ context }: ArgsPortail) => !!brouillonRepris(context),
    /** Workers remain after the one on screen (a quit loses the rest of the run). */
    resteDesTravailleurs: ({ context }: ArgsPortail) =>
      !!context.run && context.run.index + 1 < context.run.travailleurs.length,
  },
  actions: {
    retenirErreur: assign({
      // Named for every onError: the error event is the one that carries `error`.
      erreur: ({ event }) => asApiError('error' in event ? event.error : undefined),
    }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    choisirCaf: assign(({ event }) =>
      event.type === 'accueil.choisirCaf' || event.type === 'travailleurs.changerCaf'
        ? { caf: event.code, selection: [], q: '', page: 1, sansCertificat: false }
        : {},
    ),
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
    oublierAdresseVoulue: assign({ adresseVoulue: undefined, reprise: undefined }),
    /** The screen stays as it is (the UI shows its address again). */
    rester: () => {},
    travailleurSuivant: assign({
      run: ({ context }) => ({ ...context.run!, index: context.run!.index + 1 }),
      fiche: undefined,
    }),
  },
});
