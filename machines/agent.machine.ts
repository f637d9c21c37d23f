/**
 * The Caf agent's space (SPEC §10): Suivi de la campagne, Fiche Esat, Déclarations reçues with
 * their export and traitement, Relances, and the avis of the Esat. The portal invokes it after
 * login for role `agent`. No fetch and no DOM: every call to the server is an actor supplied
 * from outside (ui/api-caf.ts, or the fakes of the tests and stories).
 *
 * Its parts live in machines/agent/: base.ts (context, events, actors, shared actions), then one
 * file per sub-flow, each extending the base with its own guards: campagne.ts, esat.ts,
 * declarations.ts (with traitement.ts, one declaration), relances.ts. This file puts them
 * together under the tabs; a new sub-flow is one more part, spread in `agentSetup` and placed
 * under `states`.
 */
import { assign } from 'xstate';
import { agentBase } from './agent/base.ts';
import { campagne } from './agent/campagne.ts';
import { declarations, gardesDeclarations } from './agent/declarations.ts';
import { esat } from './agent/esat.ts';
import { gardesRelances, relances } from './agent/relances.ts';
import { gardesTraitement } from './agent/traitement.ts';

export {
  TAILLE_PAGE_CAF,
  type AgentContext,
  type ExportFait,
  type FormatExport,
  type TriCampagne,
} from './agent/base.ts';
export { declarationsN, traiteesN } from './agent/declarations.ts';
export { succesRelances } from './agent/relances.ts';

/** Every guard of the parts, under the names their states use. */
const agentSetup = agentBase.extend({
  guards: { ...gardesDeclarations, ...gardesTraitement, ...gardesRelances },
});

export const agentMachine = agentSetup.createMachine({
  id: 'agent',
  context: {
    q: '',
    tri: 'part',
    page: 1,
    filtre: {},
    pageDeclarations: 1,
    selection: [],
    destinataires: [],
  },
  initial: 'campagne',
  on: {
    'onglet.campagne': { target: '.campagne', actions: ['oublierSucces', 'oublierErreur'] },
    'onglet.declarations': {
      target: '.declarations',
      actions: ['oublierSucces', 'oublierErreur'],
    },
    'onglet.relances': { target: '.relances', actions: ['oublierSucces', 'oublierErreur'] },
    'onglet.avis': { target: '.avis', actions: ['oublierSucces', 'oublierErreur'] },
  },
  states: {
    // R-CA-1: the agent's home.
    campagne,
    // R-CA-2 and R-CA-7: one Esat of the Caf, its users and its workers.
    esat,
    // R-CA-3, R-CA-4, R-CA-5: the declarations received, their export and their traitement.
    declarations,
    // R-CA-6: reminders to the Esat whose certificats are missing.
    relances,
    // The avis given by the Esat of the Caf at the end of their declarations.
    avis: {
      initial: 'chargement',
      states: {
        chargement: {
          invoke: {
            src: 'chargerAvis',
            onDone: { target: 'liste', actions: assign({ avis: ({ event }) => event.output }) },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        liste: {},
      },
    },
  },
});
