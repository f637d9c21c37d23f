/**
 * R-IM-1/2 (SPEC §12), the import's first steps: an unfinished import loaded again and resumed at
 * the step it stopped (or its loading failed), the file chosen and sent, then its columns
 * confirmed or changed.
 */
import { assertEvent, assign } from 'xstate';
import { champsImport } from '../../forms/import.ts';
import { importBase, vueRecue } from './base.ts';

// An unfinished import, resumed at the step it stopped.
export const chargement = importBase.createStateConfig({
  entry: 'oublierErreur',
  invoke: {
    src: 'chargerImport',
    input: ({ context }) => ({ id: context.id ?? '' }),
    onDone: [
      {
        guard: { type: 'importTermine', params: vueRecue },
        target: 'fin',
        actions: { type: 'retenirVue', params: vueRecue },
      },
      {
        guard: { type: 'envoiCommence', params: vueRecue },
        target: 'envoi.pause',
        actions: [{ type: 'retenirVue', params: vueRecue }, 'avancementRepris'],
      },
      { target: 'rapport', actions: { type: 'retenirVue', params: vueRecue } },
    ],
    onError: { target: 'echec', actions: 'retenirErreur' },
  },
});

export const echec = importBase.createStateConfig({
  on: {
    'chargement.reessayer': 'chargement',
    'rapport.autreFichier': {
      target: 'fichier',
      actions: assign({ id: undefined, vue: undefined }),
    },
  },
});

// R-IM-1: the template to download, and the file chosen.
export const fichier = importBase.createStateConfig({
  initial: 'choix',
  states: {
    choix: { on: { 'fichier.choisir': 'envoi' } },
    envoi: {
      entry: 'oublierErreur',
      invoke: {
        src: 'envoyerFichier',
        input: ({ context, event }) => {
          assertEvent(event, 'fichier.choisir');
          return { caf: context.caf, fichier: event.fichier };
        },
        onDone: {
          target: '#import.correspondance',
          actions: [{ type: 'retenirVue', params: vueRecue }, 'proposerCorrespondance'],
        },
        onError: { target: 'choix', actions: 'retenirErreur' },
      },
    },
  },
});

// R-IM-2: the columns recognised; the user confirms or changes them.
export const correspondance = importBase.createStateConfig({
  initial: 'edition',
  states: {
    edition: {
      on: {
        'correspondance.choisir': {
          actions: assign({
            correspondance: ({ context, event }) => {
              const choisie = { ...context.correspondance! };
              // One column holds one field: choosing it here frees it elsewhere.
              if (event.index !== null) {
                for (const c of champsImport) if (choisie[c] === event.index) choisie[c] = null;
              }
              choisie[event.champ] = event.index;
              return choisie;
            },
          }),
        },
        'correspondance.valider': [
          { guard: 'correspondanceModifiee', target: 'enregistrement' },
          { target: '#import.rapport', actions: 'oublierErreur' },
        ],
        'import.quitter': {
          guard: 'correspondanceModifiee',
          target: 'confirmationQuitter',
          actions: 'retenirSortie',
        },
      },
    },
    enregistrement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'changerCorrespondance',
        input: ({ context }) => ({ id: context.id ?? '', mapping: context.correspondance! }),
        onDone: {
          target: '#import.rapport',
          actions: { type: 'retenirVue', params: vueRecue },
        },
        onError: { target: 'edition', actions: 'retenirErreur' },
      },
    },
    confirmationQuitter: {
      on: {
        'quitter.annuler': { target: 'edition', actions: 'oublierSortie' },
        'quitter.confirmer': '#import.termine',
      },
    },
  },
});
