/**
 * R-CA-6: reminders to the Esat whose certificats are missing: the late Esat offered (the
 * campaign sorted by missing certificats), some or all of them chosen, the mail previewed, then
 * sent; an Esat already reminded today only once confirmed.
 */
import { assign } from 'xstate';
import type { DemandeRelance, RelancesEnvoyees } from '../caf.types.ts';
import { agentBase, anneeCourante, erreurDe, type AgentContext, type ArgsAgent } from './base.ts';

const demandeRelance = (context: AgentContext, confirmer: boolean): DemandeRelance => ({
  year: anneeCourante(context) ?? 0,
  esats: context.destinataires,
  ...(confirmer ? { confirmer: true } : {}),
});

/** What the agent reads once the reminders are sent. */
export function succesRelances({ sent }: RelancesEnvoyees): string {
  return sent.length === 1
    ? 'La relance a été envoyée à 1 Esat.'
    : `Les relances ont été envoyées à ${sent.length} Esat.`;
}

export const gardesRelances = {
  destinatairesChoisis: ({ context }: ArgsAgent) =>
    context.destinataires === 'retard' || context.destinataires.length > 0,
  /** R-CA-6: an Esat already reminded today is only sent again once confirmed. */
  dejaRelancee: ({ event }: ArgsAgent) => erreurDe(event).code === 'relance-deja-envoyee',
};

const relancesSetup = agentBase.extend({ guards: gardesRelances });

export const relances = relancesSetup.createStateConfig({
  initial: 'chargement',
  states: {
    chargement: {
      invoke: {
        src: 'chargerCampagne',
        input: ({ context }) => ({
          year: anneeCourante(context),
          q: '',
          sort: '-manquants' as const,
          page: 1,
          pageSize: 100,
        }),
        onDone: {
          target: 'choix',
          actions: assign({ enRetard: ({ event }) => event.output }),
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: { on: { 'chargement.reessayer': 'chargement' } },
    choix: {
      on: {
        'relances.basculer': {
          actions: assign({
            destinataires: ({ context, event }) => {
              const avant = context.destinataires === 'retard' ? [] : context.destinataires;
              return avant.includes(event.siret)
                ? avant.filter((s) => s !== event.siret)
                : [...avant, event.siret];
            },
          }),
        },
        'relances.toutes': {
          actions: assign({
            destinataires: ({ context }) => (context.destinataires === 'retard' ? [] : 'retard'),
          }),
        },
        'relances.apercu': {
          guard: 'destinatairesChoisis',
          target: 'apercu',
          actions: ['oublierSucces', 'oublierErreur'],
        },
      },
    },
    apercu: {
      initial: 'chargement',
      on: { 'relances.modifier': { target: 'choix', actions: 'oublierErreur' } },
      states: {
        chargement: {
          invoke: {
            src: 'chargerApercu',
            input: ({ context }) => ({
              year: anneeCourante(context) ?? 0,
              esats: context.destinataires,
            }),
            onDone: {
              target: 'lecture',
              actions: assign({ apercu: ({ event }) => event.output }),
            },
            onError: { target: '#agent.relances.choix', actions: 'refus' },
          },
        },
        lecture: { on: { 'relances.envoyer': 'envoi' } },
        envoi: {
          invoke: {
            src: 'envoyerRelances',
            input: ({ context }) => demandeRelance(context, false),
            onDone: {
              target: '#agent.relances.envoyees',
              actions: assign({ succes: ({ event }) => succesRelances(event.output) }),
            },
            onError: [
              { guard: 'dejaRelancee', target: 'confirmation', actions: 'retenirErreur' },
              { target: 'lecture', actions: 'refus' },
            ],
          },
        },
        // « Cette Esat a déjà été relancée aujourd'hui » — send again?
        confirmation: {
          on: {
            'relance.confirmer': { target: 'envoiConfirme', actions: 'oublierErreur' },
            'relance.annuler': { target: 'lecture', actions: 'oublierErreur' },
          },
        },
        envoiConfirme: {
          invoke: {
            src: 'envoyerRelances',
            input: ({ context }) => demandeRelance(context, true),
            onDone: {
              target: '#agent.relances.envoyees',
              actions: assign({ succes: ({ event }) => succesRelances(event.output) }),
            },
            onError: { target: 'lecture', actions: 'refus' },
          },
        },
      },
    },
    // The campaign table is read again: its « dernière relance » has changed.
    envoyees: {
      entry: assign({ destinataires: [], apercu: undefined }),
      always: 'chargement',
    },
  },
});
