/**
 * R-IM-4 (SPEC §12): the report before anything is sent — a row fixed in the page or left out,
 * the columns changed again, or this import abandoned for another file.
 */
import { assign } from 'xstate';
import { changements, importBase, ligneDe, vueRecue } from './base.ts';

// R-IM-4: the report before anything is sent.
export const rapport = importBase.createStateConfig({
  initial: 'liste',
  states: {
    liste: {
      on: {
        'ligne.corriger': {
          guard: 'ligneModifiable',
          target: 'correction',
          actions: [
            'oublierErreur',
            'oublierSucces',
            assign(({ context, event }) => ({
              ligne: event.n,
              saisie: { ...ligneDe(context, event.n)!.valeurs },
              modification: undefined,
            })),
          ],
        },
        'ligne.ignorer': {
          guard: 'ligneModifiable',
          target: 'enregistrement',
          actions: [
            'oublierSucces',
            assign(({ event }) => ({
              ligne: event.n,
              modification: { ignorer: event.ignorer },
            })),
          ],
        },
        'rapport.correspondance': {
          guard: 'correspondanceModifiable',
          target: '#import.correspondance',
          actions: ['oublierErreur', 'oublierSucces', 'proposerCorrespondance'],
        },
        'rapport.autreFichier': { target: 'confirmationAbandon', actions: 'oublierSucces' },
        'rapport.continuer': {
          guard: 'lignesPretes',
          target: '#import.recapitulatif',
          actions: ['oublierErreur', 'oublierSucces'],
        },
      },
    },
    // R-IM-4: a row retyped in the page, with the saisie's widgets.
    correction: {
      on: {
        'correction.changer': {
          actions: assign({
            saisie: ({ context, event }) => ({
              ...context.saisie!,
              [event.champ]: event.valeur,
            }),
          }),
        },
        'correction.enregistrer': {
          target: 'enregistrement',
          actions: assign({
            modification: ({ context }) => ({
              valeurs: changements(ligneDe(context, context.ligne), context.saisie!),
            }),
          }),
        },
        'correction.annuler': { target: 'liste', actions: ['oublierLigne', 'oublierErreur'] },
        'import.quitter': {
          guard: 'saisieModifiee',
          target: 'confirmationQuitter',
          actions: 'retenirSortie',
        },
      },
    },
    enregistrement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'modifierLigne',
        input: ({ context }) => ({
          id: context.id ?? '',
          n: context.ligne ?? 0,
          ...context.modification,
        }),
        onDone: [
          {
            guard: { type: 'ligneEncoreEnErreur', params: vueRecue },
            target: 'correction',
            actions: [
              { type: 'retenirVue', params: vueRecue },
              assign(({ context }) => ({
                saisie: { ...ligneDe(context, context.ligne)!.valeurs },
                modification: undefined,
              })),
            ],
          },
          {
            target: 'liste',
            actions: [
              { type: 'retenirVue', params: vueRecue },
              assign(({ context }) => ({
                succes: context.modification?.ignorer
                  ? `La ligne ${context.ligne} ne sera pas envoyée.`
                  : `La ligne ${context.ligne} a été enregistrée : ${
                      ligneDe(context, context.ligne)?.statut === 'pret'
                        ? 'elle est prête à envoyer'
                        : 'voyez son statut dans le tableau'
                    }.`,
              })),
              'oublierLigne',
            ],
          },
        ],
        onError: [
          { guard: 'enCorrection', target: 'correction', actions: 'retenirErreur' },
          { target: 'liste', actions: ['retenirErreur', 'oublierLigne'] },
        ],
      },
    },
    confirmationQuitter: {
      on: {
        'quitter.annuler': { target: 'correction', actions: 'oublierSortie' },
        'quitter.confirmer': '#import.termine',
      },
    },
    // « Importer un autre fichier »: this import and its fixes are abandoned, once confirmed.
    confirmationAbandon: {
      on: { 'abandon.annuler': 'liste', 'abandon.confirmer': 'abandon' },
    },
    abandon: {
      entry: 'oublierErreur',
      invoke: {
        src: 'abandonnerImport',
        input: ({ context }) => ({ id: context.id ?? '' }),
        onDone: {
          target: '#import.fichier',
          actions: assign({ id: undefined, vue: undefined, correspondance: undefined }),
        },
        onError: { target: 'liste', actions: 'retenirErreur' },
      },
    },
  },
});
