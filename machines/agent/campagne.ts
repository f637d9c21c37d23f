/**
 * R-CA-1: Suivi de la campagne, the agent's home: the Caf's Esat and their share done, filtered
 * by name or SIRET once the typing pauses, sorted and paged by the server; an Esat opens its fiche.
 */
import { assign } from 'xstate';
import { agentBase, TAILLE_PAGE_CAF } from './base.ts';

export const campagne = agentBase.createStateConfig({
  initial: 'chargement',
  on: {
    'campagne.filtrer': {
      target: '.attenteFiltre',
      actions: assign({ q: ({ event }) => event.q, page: 1 }),
    },
  },
  states: {
    attenteFiltre: { after: { filtrage: 'chargement' } },
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerCampagne',
        input: ({ context }) => ({
          year: context.annee,
          q: context.q,
          sort: context.tri,
          page: context.page,
          pageSize: TAILLE_PAGE_CAF,
        }),
        onDone: {
          target: 'tableau',
          actions: assign({ campagne: ({ event }) => event.output }),
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: { on: { 'chargement.reessayer': 'chargement' } },
    tableau: {
      on: {
        'campagne.annee': {
          target: 'chargement',
          actions: assign({ annee: ({ event }) => event.annee, page: 1 }),
        },
        'campagne.trier': {
          target: 'chargement',
          actions: assign({ tri: ({ event }) => event.tri, page: 1 }),
        },
        'campagne.page': {
          target: 'chargement',
          actions: assign({ page: ({ event }) => event.page }),
        },
        'campagne.ouvrir': {
          target: '#agent.esat',
          actions: assign({ siret: ({ event }) => event.siret, fiche: undefined }),
        },
      },
    },
  },
});
