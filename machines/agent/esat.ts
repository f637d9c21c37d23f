/**
 * R-CA-2 and R-CA-7: the fiche of one Esat of the Caf, its users and its workers; a user
 * deactivated once confirmed, or reactivated; a référent created (a provisional password sent by
 * mail).
 */
import { assign } from 'xstate';
import { agentBase, anneeCourante } from './base.ts';
import { messageActivation } from '../types.ts';

export const esat = agentBase.createStateConfig({
  initial: 'chargement',
  on: {
    'esat.retour': { target: 'campagne', actions: ['oublierSucces', 'oublierErreur'] },
  },
  states: {
    chargement: {
      invoke: {
        src: 'chargerEsat',
        input: ({ context }) => ({ siret: context.siret ?? '', year: anneeCourante(context) }),
        onDone: {
          target: 'fiche',
          actions: [assign({ fiche: ({ event }) => event.output }), 'oublierErreur'],
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: { on: { 'chargement.reessayer': 'chargement' } },
    fiche: {
      on: {
        'esat.desactiver': {
          target: 'confirmationDesactivation',
          actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
        },
        'esat.reactiver': {
          target: 'activation',
          actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
        },
        'esat.creerReferent': {
          target: 'creation',
          actions: ['oublierSucces', 'oublierErreur'],
        },
      },
    },
    confirmationDesactivation: {
      on: {
        'desactivation.confirmer': 'activation',
        'desactivation.annuler': { target: 'fiche', actions: assign({ cible: undefined }) },
      },
    },
    activation: {
      entry: 'oublierErreur',
      invoke: {
        src: 'changerActivation',
        input: ({ context, event }) => ({
          email: context.cible ?? '',
          active: event.type === 'esat.reactiver',
        }),
        onDone: {
          target: 'chargement',
          actions: assign({
            cible: undefined,
            succes: ({ event }) => messageActivation(event.output),
          }),
        },
        onError: { target: 'fiche', actions: ['refus', assign({ cible: undefined })] },
      },
    },
    creation: {
      initial: 'saisie',
      on: { 'creation.annuler': { target: 'fiche', actions: 'oublierErreur' } },
      states: {
        saisie: { on: { 'creation.valider': 'envoi' } },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'creerReferent',
            input: ({ context, event }) => ({
              siret: context.siret ?? '',
              email: event.type === 'creation.valider' ? event.email : '',
            }),
            onDone: {
              target: '#agent.esat.chargement',
              actions: assign({
                succes: ({ event }) =>
                  `Le compte référent ${event.output.email} a été créé. Un mot de passe provisoire lui a été envoyé par e-mail.`,
              }),
            },
            onError: { target: 'saisie', actions: 'retenirErreur' },
          },
        },
      },
    },
  },
});
