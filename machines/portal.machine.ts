/**
 * The whole visit of an Esat user (SPEC §2–§4): connexion → CGU → accueil → Mes travailleurs →
 * choice of téléprocédure by date → one run over the selected workers → back to the list; a Caf
 * agent goes from the same connexion and CGU to its own space (agent.machine.ts, SPEC §10).
 * No fetch and no DOM: every call to the server is an actor supplied from outside.
 *
 * Its parts live in machines/portal/: base.ts (types, actors, shared guards and actions), then
 * one file per sub-flow, each extending the base with its own guards and actions. This file puts
 * them together: the Esat's space (its Back/Forward navigation) and the machine's top level.
 * A new sub-flow is one more part, spread in `portalSetup` and placed under `states`.
 */
import { and, not, stateIn } from 'xstate';
import { accueil, actionsAccueil, gardesAccueil } from './portal/accueil.ts';
import { agent } from './portal/agent.ts';
import { portalBase } from './portal/base.ts';
import {
  actionsConnexion,
  aiguillage,
  cgu,
  connexion,
  deconnexion,
  demarrage,
  gardesConnexion,
  motDePasseForce,
  motDePasseParChoix,
} from './portal/connexion.ts';
import { gardesFiche } from './portal/fiche.ts';
import { gardesImport, importEnCours } from './portal/import.ts';
import { actionsRun, gardesRun, run } from './portal/run.ts';
import { gardesTravailleurs, travailleurs } from './portal/travailleurs.ts';
import { utilisateurs } from './portal/utilisateurs.ts';

export {
  TAILLE_PAGE,
  brouillonRepris,
  certificatDejaDeclare,
  copieConjoint,
  teleprocedureCourante,
  type CopieConjoint,
  type PortalContext,
  type PortalEvent,
  type Reprise,
  type Run,
  type Sortie,
} from './portal/contexte.ts';
export { teleprocedureDisponible } from './portal/travailleurs.ts';

/** Every guard and action of the parts, under the names their states use. */
const portalSetup = portalBase.extend({
  guards: {
    ...gardesConnexion,
    ...gardesAccueil,
    ...gardesTravailleurs,
    ...gardesFiche,
    ...gardesRun,
    ...gardesImport,
  },
  actions: {
    ...actionsConnexion,
    ...actionsAccueil,
    ...actionsRun,
    retenirAdresseVoulue: portalBase.assign(({ event }) =>
      event.type === 'navigation.aller'
        ? { adresseVoulue: event.adresse, reprise: event.reprise }
        : {},
    ),
  },
});

/** The Esat's space: its screens, and what the header and the browser's Back/Forward do there. */
const espace = portalSetup.createStateConfig({
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
    accueil,
    travailleurs,
    // The référent manages the users of its Esat (SPEC §1).
    utilisateurs,
    import: importEnCours,
    // R-API-2: « Accès pour votre logiciel de paie », the référent's API tokens.
    jetons: {
      invoke: {
        id: 'jetons',
        src: 'jetons',
        input: ({ context }) => ({ today: context.calendrier?.today ?? '' }),
        onDone: 'accueil',
      },
    },
    // Changing one's password by choice (the forced change is the top-level motDePasse).
    motDePasse: motDePasseParChoix('accueil', '#portail.espace.accueil'),
    run,
  },
});

export const portalMachine = portalSetup.createMachine({
  id: 'portail',
  context: { cafs: [], q: '', page: 1, sansCertificat: false, selection: [] },
  initial: 'demarrage',
  on: {
    // A bookmark or a reload before the space is open: kept, and followed once it is.
    'navigation.aller': { actions: 'retenirAdresseVoulue' },
    // R-SE-1: the session expired and the user chose « Quitter »: back to the login.
    'session.terminee': {
      target: '.connexion',
      actions: ['oublierSession', portalBase.assign({ fiche: undefined, erreur: undefined })],
    },
  },
  states: {
    demarrage,
    aiguillage,
    connexion,
    cgu,
    espace,
    motDePasse: motDePasseForce,
    agent,
    deconnexion,
  },
});
