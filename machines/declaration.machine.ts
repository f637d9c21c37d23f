/**
 * One declaration for one worker (SPEC R-FL-5): [Questions →] Saisie → Récapitulatif → Fin, with
 * the quit confirmations of each step. The questions of a changement de situation are states
 * built from forms/changement.ts; the form and its rules come from forms/; this machine only
 * says when the user may go on. Saving to the server is the `enregistrerDeclaration` actor.
 */
import { assign, fromPromise, setup } from 'xstate';
import { checkSaisie, type DeclarationKind, type FieldError, type Saisie } from '../forms/index.ts';
import {
  issueQuestion,
  questionPrecedente,
  questionsChangement,
  type IdQuestion,
  type Question,
  type Reponses,
} from '../forms/changement.ts';
import type { Teleprocedure } from '../forms/calendrier.ts';
import {
  asApiError,
  type Accuse,
  type Adresse,
  type ApiError,
  type Brouillon,
  type Travailleur,
} from './types.ts';

export interface DeclarationInput {
  teleprocedure: Teleprocedure;
  /** Known from the start for the certificat; the questions decide it for a changement. */
  kind?: DeclarationKind;
  /** Today (from the server's calendar): bounds the dates of the form. */
  today?: string;
  travailleur: Travailleur;
  /** Last (or only) worker of the run: the Fin page offers « Valider » instead of « Continuer ». */
  estDernier: boolean;
  /** A draft to resume (R-SE-2), exactly as typed. */
  saisie?: Saisie;
  reponses?: Reponses;
  /** R-CS-5: the saisie is copied from the declaration just made for this partner (« Anne
   * LEFÈVRE »), for the user to check. */
  copieDe?: string;
}

/** How the declaration ended, for the run that invoked it. */
export type Issue = 'suivant' | 'travailleurs' | 'fiche';

export interface DeclarationOutput {
  issue: Issue;
  accuse?: Accuse;
  /** What was declared (with `accuse`): R-CS-5 offers it again for the partner. */
  declare?: { kind: DeclarationKind; saisie: Saisie; reponses: Reponses };
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
  kind: DeclarationKind;
  saisie: Saisie;
  reponses: Reponses;
  /** The message of the question on screen when its answer cannot lead anywhere. */
  erreurQuestion?: string;
  /** Whether `kind` is decided (given, or reached through the questions). */
  kindChoisi: boolean;
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
  | { type: 'question.repondre'; id: string; valeur: 'oui' | 'non' }
  | { type: 'question.continuer' }
  | { type: 'question.precedente' }
  | { type: 'saisie.questions' }
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
  | { type: 'fin.quitter' }
  | { type: 'navigation.aller'; adresse: Adresse };

const nouvelleCle = () => globalThis.crypto.randomUUID();

/** What is kept of a declaration being typed (R-SE-2): exactly what the user gave. */
const brouillon = ({ context }: { context: Context }) => ({
  workerId: context.travailleur.id,
  teleprocedure: context.teleprocedure,
  kind: context.kindChoisi ? context.kind : undefined,
  reponses: context.reponses,
  saisie: context.saisie,
  updatedAt: '',
});

const questionParId = (id: string) => questionsChangement.find((q) => q.id === id)!;

const declarationSetup = setup({
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
    brouillonModifie: (_, _params: Brouillon & { workerId: string }) => {},
    changer: assign(({ context, event }) => {
      if (event.type !== 'saisie.changer') return {};
      const saisie = { ...context.saisie, [event.name]: event.value };
      const { data, errors } = checkSaisie(context.kind, saisie, context.today);
      return { saisie, data, errors };
    }),
    verifier: assign(({ context }) => ({
      ...checkSaisie(context.kind, context.saisie, context.today),
      showErrors: true,
    })),
  },
  guards: {
    saisieValide: ({ context }) =>
      checkSaisie(context.kind, context.saisie, context.today).errors.length === 0,
    estDernier: ({ context }) => context.estDernier,
    pasLeDernier: ({ context }) => !context.estDernier,
    /** Back from the récapitulatif to the saisie (the browser's history, via the portal). */
    versSaisie: ({ event }) =>
      event.type === 'navigation.aller' &&
      event.adresse.ecran === 'declaration' &&
      event.adresse.etape === 'saisie',
    /** R-CS: the answers to this question lead to that next question. */
    reponseMeneA: ({ context }, params: { question: string; suite: string }) => {
      const i = issueQuestion(questionParId(params.question), context.reponses);
      return 'suite' in i && i.suite === params.suite;
    },
    /** R-CS: the answers to this question decide the declaration to make. */
    reponseDecide: ({ context }, params: { question: string }) =>
      'kind' in issueQuestion(questionParId(params.question), context.reponses),
    /** The kind is known: a certificat, or a changement whose questions were answered. */
    declarationConnue: ({ context }) =>
      context.teleprocedure === 'certificat' || !!context.kindChoisi,
    changementDeSituation: ({ context }) => context.teleprocedure === 'changement',
    avisPasEncoreEnvoye: ({ context }) => context.avis !== 'envoye',
    refusParRegles: ({ event }) => {
      const error = asApiError('error' in event ? event.error : undefined);
      return error.status === 422 && (error.fields?.length ?? 0) > 0;
    },
  },
});

/**
 * A question of the changement de situation as a machine state (R-CS): « Continuer » follows
 * its answer to the next question or to the Saisie of the declaration it decides, or shows why
 * it cannot; « Quitter » asks for confirmation as the Saisie does.
 */
function etatQuestion(question: Question) {
  const issue = (context: Context) => issueQuestion(question, context.reponses);
  const suites =
    question.type === 'ouiNon' ? question.options.flatMap((o) => (o.suite ? [o.suite] : [])) : [];
  const precedente = questionPrecedente(question.id);
  return declarationSetup.createStateConfig({
    initial: 'active',
    states: {
      active: {
        on: {
          'question.continuer': [
            ...suites.map((suite) => ({
              // Named guards with the question as params: the diagrams and the inspector show them.
              guard: { type: 'reponseMeneA' as const, params: { question: question.id, suite } },
              target: `#declaration.questions.${suite}`,
            })),
            {
              guard: { type: 'reponseDecide', params: { question: question.id } },
              target: '#declaration.saisie',
              actions: assign(({ context }) => {
                const i = issue(context);
                const kind = 'kind' in i ? i.kind : context.kind;
                return {
                  kind,
                  kindChoisi: true,
                  ...checkSaisie(kind, context.saisie, context.today),
                  showErrors: false,
                };
              }),
            },
            {
              actions: assign(({ context }) => {
                const i = issue(context);
                return { erreurQuestion: 'erreur' in i ? i.erreur : undefined };
              }),
            },
          ],
          // « Précédent »: the previous question, without this one's error under it.
          ...(precedente
            ? {
                'question.precedente': {
                  target: `#declaration.questions.${precedente}`,
                  actions: assign({ erreurQuestion: undefined }),
                },
              }
            : {}),
          'saisie.quitter': 'confirmationQuitter',
        },
      },
      confirmationQuitter: {
        on: {
          'quitter.annuler': 'active',
          'quitter.confirmer': {
            target: '#declaration.termine',
            actions: assign({ issue: 'travailleurs' }),
          },
        },
      },
    },
  });
}

const etatDe = (id: IdQuestion) => etatQuestion(questionParId(id));

/** The question states, by the question's id (forms/changement.ts): every id has its state. */
const etatsQuestions = {
  doubleActivite: etatDe('doubleActivite'),
  situation: etatDe('situation'),
  debutDouble: etatDe('debutDouble'),
  finDouble: etatDe('finDouble'),
} satisfies Record<IdQuestion, unknown>;

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
