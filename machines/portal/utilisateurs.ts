/**
 * The référent's users of its Esat (SPEC §1, docs/espace.md): the list, a creation (a
 * provisional password sent by mail), a deactivation confirmed first, a reactivation.
 */
import { assign } from 'xstate';
import { portalBase } from './base.ts';
import { messageActivation } from '../types.ts';

export const utilisateurs = portalBase.createStateConfig({
  initial: 'chargement',
  on: {
    'utilisateurs.accueil': { target: 'accueil', actions: 'oublierSucces' },
    'accueil.jetons': { target: 'jetons', actions: 'oublierSucces' },
  },
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
            succes: ({ event }) => messageActivation(event.output),
          }),
        },
        onError: {
          target: 'liste',
          actions: ['retenirErreur', assign({ cible: undefined })],
        },
      },
    },
  },
});
