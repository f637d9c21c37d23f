/**
 * One declaration for one worker (SPEC R-FL-5): [Questions →] Saisie → Récapitulatif → Fin, with
 * the quit confirmations of each step. The questions of a changement de situation are states
 * built from forms/changement.ts; the form and its rules come from forms/; this machine only
 * says when the user may go on. Saving to the server is the `enregistrerDeclaration` actor.
 *
 * Its parts live in machines/declaration/: base.ts (types, actors, guards and actions) and
 * questions.ts (one state per question of a changement).
 */
import { assign } from 'xstate';
import { checkSaisie } from '../forms/index.ts';
import { questionsChangement } from '../forms/changement.ts';
import { asApiError } from './types.ts';
import { brouillon, declarationSetup, nouvelleCle } from './declaration/base.ts';
import { etatsQuestions } from './declaration/questions.ts';

export type {
  Avis,
  DeclarationInput,
  DeclarationOutput,
  EnvoiDeclaration,
  Issue,
} from './declaration/base.ts';

export const declarationMachine = declarationSetup.createMachine({
  id: 'declaration',
  context: ({ input }) => {
    const saisie = input.saisie ?? {};
    const kind = input.kind ?? 'augmentation';
    return {
      ...input,
      kind,
      kindChoisi: !!input.kind,
      saisie,
      reponses: input.reponses ?? {},
      ...checkSaisie(kind, saisie, input.today),
      showErrors: false,
      idempotencyKey: nouvelleCle(),
      avis: 'aucun',
      issue: 'travailleurs',
    };
  },
  output: ({ context }) => ({
    issue: context.issue,
    accuse: context.accuse,
    declare: context.accuse
      ? { kind: context.kind, saisie: context.saisie, reponses: context.reponses }
      : undefined,
  }),
  initial: 'depart',
  states: {
    depart: {
      always: [
        {
          guard: 'declarationConnue',
          target: 'saisie',
        },
        { target: 'questions' },
      ],
    },
    questions: {
      initial: questionsChangement[0].id,
      states: {
        ...etatsQuestions,
        hist: { type: 'history' },
      },
      on: {
        'question.repondre': {
          actions: [
            assign({
              reponses: ({ context, event }) => ({ ...context.reponses, [event.id]: event.valeur }),
              erreurQuestion: undefined,
            }),
            { type: 'brouillonModifie', params: brouillon },
          ],
        },
      },
    },
    saisie: {
      initial: 'edition',
      states: {
        edition: {
          on: {
            'saisie.changer': {
              actions: ['changer', { type: 'brouillonModifie', params: brouillon }],
            },
            'saisie.valider': [
              {
                guard: 'saisieValide',
                target: '#declaration.recapitulatif',
                actions: assign({
                  showErrors: false,
                  idempotencyKey: nouvelleCle,
                  erreurEnvoi: undefined,
                }),
              },
              { actions: 'verifier' },
            ],
            'saisie.quitter': 'confirmationQuitter',
            'saisie.questions': {
              guard: 'changementDeSituation',
              target: '#declaration.questions.hist',
            },
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': 'edition',
            'quitter.confirmer': {
              target: '#declaration.termine',
              actions: assign({ issue: 'travailleurs' }),
            },
          },
        },
      },
    },
    recapitulatif: {
      initial: 'lecture',
      states: {
        lecture: {
          on: {
            'recapitulatif.modifier': '#declaration.saisie',
            'recapitulatif.quitter': 'confirmationQuitter',
            'recapitulatif.valider': 'envoi',
            'navigation.aller': { guard: 'versSaisie', target: '#declaration.saisie' },
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': 'lecture',
            'quitter.confirmer': {
              target: '#declaration.termine',
              actions: assign({ issue: 'fiche' }),
            },
          },
        },
        envoi: {
          entry: assign({ erreurEnvoi: undefined }),
          invoke: {
            src: 'enregistrerDeclaration',
            input: ({ context }) => ({
              workerId: context.travailleur.id,
              kind: context.kind,
              data: context.data,
              idempotencyKey: context.idempotencyKey,
            }),
            onDone: {
              target: '#declaration.fin',
              actions: assign({ accuse: ({ event }) => event.output }),
            },
            onError: [
              {
                // The server re-checks every rule: its field messages go back to the Saisie.
                guard: 'refusParRegles',
                target: '#declaration.saisie',
                actions: assign(({ event }) => ({
                  errors: asApiError(event.error).fields ?? [],
                  showErrors: true,
                })),
              },
              {
                target: 'lecture',
                actions: assign({ erreurEnvoi: ({ event }) => asApiError(event.error) }),
              },
            ],
          },
        },
      },
    },
    fin: {
      initial: 'attente',
      states: {
        attente: {
          on: {
            'fin.avis': { target: 'envoiAvis', guard: 'avisPasEncoreEnvoye' },
            // Workers of the run are still waiting: « Quitter » asks first.
            'fin.quitter': [
              { guard: 'pasLeDernier', target: 'confirmationQuitter' },
              { target: '#declaration.termine', actions: assign({ issue: 'travailleurs' }) },
            ],
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': 'attente',
            'quitter.confirmer': {
              target: '#declaration.termine',
              actions: assign({ issue: 'travailleurs' }),
            },
          },
        },
        envoiAvis: {
          entry: assign({ avis: 'envoi' }),
          invoke: {
            src: 'envoyerAvis',
            input: ({ context, event }) => ({
              declarationId: context.accuse!.id,
              avis: event.type === 'fin.avis' ? event.avis : {},
            }),
            onDone: { target: 'attente', actions: assign({ avis: 'envoye' }) },
            onError: { target: 'attente', actions: assign({ avis: 'erreur' }) },
          },
        },
      },
      on: {
        'fin.continuer': {
          guard: 'pasLeDernier',
          target: 'termine',
          actions: assign({ issue: 'suivant' }),
        },
        'fin.valider': {
          guard: 'estDernier',
          target: 'termine',
          actions: assign({ issue: 'suivant' }),
        },
      },
    },
    termine: { type: 'final' },
  },
});
