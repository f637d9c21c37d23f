/**
 * R-CA-5: one declaration received, read, marked traitée, or taken back to « à traiter » with a
 * reason; the detail is read again after each change.
 */
import { assign } from 'xstate';
import { agentBase, type ArgsAgent } from './base.ts';

export const gardesTraitement = {
  motifSaisi: ({ event }: ArgsAgent) =>
    event.type === 'retablissement.valider' && event.motif.trim().length > 0,
  declarationTraitee: ({ context }: ArgsAgent) => context.declaration?.etat === 'traitee',
  declarationATraiter: ({ context }: ArgsAgent) => context.declaration?.etat === 'a-traiter',
};

const traitementSetup = agentBase.extend({ guards: gardesTraitement });

export const detail = traitementSetup.createStateConfig({
  initial: 'chargement',
  on: {
    'declaration.retour': {
      target: 'chargement',
      actions: ['oublierSucces', 'oublierErreur'],
    },
  },
  states: {
    chargement: {
      invoke: {
        src: 'chargerDeclaration',
        input: ({ context, event }) => ({
          id: event.type === 'declarations.ouvrir' ? event.id : (context.declaration?.id ?? ''),
        }),
        onDone: {
          target: 'lecture',
          actions: assign({ declaration: ({ event }) => event.output }),
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: {},
    lecture: {
      on: {
        'declaration.marquer': {
          guard: 'declarationATraiter',
          target: 'traitement',
          actions: ['oublierSucces', 'oublierErreur'],
        },
        // R-CA-5: going back to « à traiter » needs a reason.
        'declaration.retablir': {
          guard: 'declarationTraitee',
          target: 'motif',
          actions: ['oublierSucces', 'oublierErreur'],
        },
      },
    },
    motif: {
      on: {
        'retablissement.valider': [
          { guard: 'motifSaisi', target: 'retablissement' },
          {
            actions: assign({
              erreur: () => {
                const message = 'Indiquez le motif du retour à « à traiter ».';
                return {
                  status: 0,
                  code: 'motif-requis',
                  message,
                  fields: [{ path: '/motif', message }],
                };
              },
            }),
          },
        ],
        'retablissement.annuler': { target: 'lecture', actions: 'oublierErreur' },
      },
    },
    traitement: {
      invoke: {
        src: 'traiter',
        input: ({ context }) => ({
          ids: [context.declaration?.id ?? ''],
          etat: 'traitee' as const,
        }),
        onDone: {
          target: 'rechargement',
          actions: { type: 'dire', params: 'La déclaration est marquée comme traitée.' },
        },
        onError: { target: 'lecture', actions: 'refus' },
      },
    },
    retablissement: {
      invoke: {
        src: 'traiter',
        input: ({ context, event }) => ({
          ids: [context.declaration?.id ?? ''],
          etat: 'a-traiter' as const,
          motif: event.type === 'retablissement.valider' ? event.motif.trim() : '',
        }),
        onDone: {
          target: 'rechargement',
          actions: { type: 'dire', params: 'La déclaration est de nouveau à traiter.' },
        },
        onError: { target: 'motif', actions: 'refus' },
      },
    },
    rechargement: {
      invoke: {
        src: 'chargerDeclaration',
        input: ({ context }) => ({ id: context.declaration?.id ?? '' }),
        onDone: {
          target: 'lecture',
          actions: assign({ declaration: ({ event }) => event.output }),
        },
        onError: { target: 'lecture', actions: 'refus' },
      },
    },
  },
});
