/**
 * R-IM-5 (SPEC §12): what will be declared, « Valider », then the envoi batch after batch (each
 * committed by the server before it answers; a failed batch pauses it), and the import's end.
 */
import { assign } from 'xstate';
import { avancementRecu, importBase, TAILLE_LOT, vueRecue } from './base.ts';

// R-IM-5: what will be declared (count, totals), then « Valider ».
export const recapitulatif = importBase.createStateConfig({
  on: {
    'recapitulatif.retour': '#import.rapport',
    'recapitulatif.valider': { target: 'envoi', actions: 'avancementRepris' },
  },
});

// R-IM-5: batch after batch, each committed by the server before it answers.
export const envoi = importBase.createStateConfig({
  initial: 'lot',
  on: {
    // Leaving stops the envoi after the batch on its way; reopening the import resumes it.
    'import.quitter': {
      target: '.confirmationQuitter',
      actions: 'retenirSortie',
    },
  },
  states: {
    lot: {
      entry: ['oublierErreur', assign({ enPause: false })],
      invoke: {
        src: 'envoyerLot',
        input: ({ context }) => ({ id: context.id ?? '', lot: TAILLE_LOT }),
        onDone: [
          {
            guard: { type: 'resteAEnvoyer', params: avancementRecu },
            target: 'lot',
            reenter: true,
            actions: assign({ avancement: ({ event }) => event.output }),
          },
          {
            target: 'finalisation',
            actions: assign({ avancement: ({ event }) => event.output }),
          },
        ],
        onError: { target: 'pause', actions: 'retenirErreur' },
      },
    },
    // A batch failed (network, session): what was sent stays sent; the user resumes.
    pause: {
      entry: assign({ enPause: true }),
      on: { 'envoi.reprendre': 'lot' },
    },
    finalisation: {
      invoke: {
        src: 'chargerImport',
        input: ({ context }) => ({ id: context.id ?? '' }),
        onDone: { target: '#import.fin', actions: { type: 'retenirVue', params: vueRecue } },
        onError: { target: '#import.fin', actions: 'retenirErreur' },
      },
    },
    confirmationQuitter: {
      on: {
        'quitter.annuler': [
          { guard: 'enPause', target: 'pause', actions: 'oublierSortie' },
          { target: 'lot', actions: 'oublierSortie' },
        ],
        'quitter.confirmer': '#import.termine',
      },
    },
  },
});

export const fin = importBase.createStateConfig({
  on: {
    'fin.travailleurs': {
      target: 'termine',
      actions: assign({ sortie: 'travailleurs' as const }),
    },
  },
});
