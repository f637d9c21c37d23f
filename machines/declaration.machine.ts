/**
 * One declaration for one worker (SPEC R-FL-5): Saisie → Récapitulatif → Fin, with the quit
 * confirmations of each step. The form and its rules come from forms/; this machine only says
 * when the user may go on. Saving to the server is the `enregistrerDeclaration` actor.
 */
import { assign, fromPromise, setup } from 'xstate';
import { checkSaisie, type DeclarationKind, type FieldError, type Saisie } from '../forms/index.ts';
import { asApiError, type Accuse, type ApiError, type Travailleur } from './types.ts';

export interface DeclarationInput {
  kind: DeclarationKind;
  travailleur: Travailleur;
  /** Last (or only) worker of the run: the Fin page offers « Valider » instead of « Continuer ». */
  estDernier: boolean;
  /** A draft to resume (R-SE-2), exactly as typed. */
  saisie?: Saisie;
}

/** How the declaration ended, for the run that invoked it. */
export type Issue = 'suivant' | 'travailleurs' | 'fiche';

export interface DeclarationOutput {
  issue: Issue;
  accuse?: Accuse;
}

export interface EnvoiDeclaration {
  workerId: string;
  kind: DeclarationKind;
  data: Record<string, unknown>;
  idempotencyKey: string;
}

export interface Avis {
  note?: number;
  commentaire?: string;
}

interface Context extends DeclarationInput {
  saisie: Saisie;
  data: Record<string, unknown>;
  errors: FieldError[];
  /** Errors are shown once the user has tried to go on, then kept up to date as they type. */
  showErrors: boolean;
  idempotencyKey: string;
  erreurEnvoi?: ApiError;
  accuse?: Accuse;
  avis: 'aucun' | 'envoi' | 'envoye' | 'erreur';
  issue: Issue;
}

type Event =
  | { type: 'saisie.changer'; name: string; value: string }
  | { type: 'saisie.valider' }
  | { type: 'saisie.quitter' }
  | { type: 'quitter.annuler' }
  | { type: 'quitter.confirmer' }
  | { type: 'recapitulatif.modifier' }
  | { type: 'recapitulatif.valider' }
  | { type: 'recapitulatif.quitter' }
  | { type: 'fin.avis'; avis: Avis }
  | { type: 'fin.continuer' }
  | { type: 'fin.valider' }
  | { type: 'fin.quitter' };

const nouvelleCle = () => globalThis.crypto.randomUUID();

export const declarationMachine = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as DeclarationInput,
    output: {} as DeclarationOutput,
  },
  actors: {
    enregistrerDeclaration: fromPromise<Accuse, EnvoiDeclaration>(async () => {
      throw new Error('enregistrerDeclaration: actor not provided');
    }),
    envoyerAvis: fromPromise<void, { declarationId: string; avis: Avis }>(async () => {
      throw new Error('envoyerAvis: actor not provided');
    }),
  },
  actions: {
    /** Called on every change, so the UI can keep a draft (R-SE-2). No-op by default. */
    brouillonModifie: (
      _,
      _params: { travailleur: Travailleur; kind: DeclarationKind; saisie: Saisie },
    ) => {},
    changer: assign(({ context, event }) => {
      if (event.type !== 'saisie.changer') return {};
      const saisie = { ...context.saisie, [event.name]: event.value };
      const { data, errors } = checkSaisie(context.kind, saisie);
      return { saisie, data, errors };
    }),
    verifier: assign(({ context }) => ({
      ...checkSaisie(context.kind, context.saisie),
      showErrors: true,
    })),
  },
  guards: {
    saisieValide: ({ context }) => checkSaisie(context.kind, context.saisie).errors.length === 0,
    estDernier: ({ context }) => context.estDernier,
    refusParRegles: ({ event }) => {
      const error = asApiError((event as { error?: unknown }).error);
      return error.status === 422 && (error.fields?.length ?? 0) > 0;
    },
  },
}).createMachine({
  id: 'declaration',
  context: ({ input }) => {
    const saisie = input.saisie ?? {};
    return {
      ...input,
      saisie,
      ...checkSaisie(input.kind, saisie),
      showErrors: false,
      idempotencyKey: nouvelleCle(),
      avis: 'aucun',
      issue: 'travailleurs',
    };
  },
  output: ({ context }) => ({ issue: context.issue, accuse: context.accuse }),
  initial: 'saisie',
  states: {
    saisie: {
      initial: 'edition',
      states: {
        edition: {
          on: {
            'saisie.changer': {
              actions: [
                'changer',
                {
                  type: 'brouillonModifie',
                  params: ({ context }) => ({
                    travailleur: context.travailleur,
                    kind: context.kind,
                    saisie: context.saisie,
                  }),
                },
              ],
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
            'fin.avis': { target: 'envoiAvis', guard: ({ context }) => context.avis !== 'envoye' },
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
          guard: ({ context }) => !context.estDernier,
          target: 'termine',
          actions: assign({ issue: 'suivant' }),
        },
        'fin.valider': {
          guard: 'estDernier',
          target: 'termine',
          actions: assign({ issue: 'suivant' }),
        },
        'fin.quitter': { target: 'termine', actions: assign({ issue: 'travailleurs' }) },
      },
    },
    termine: { type: 'final' },
  },
});
