/**
 * R-CS (SPEC): the questions of a changement de situation as machine states, one per question of
 * forms/changement.ts, each typed (named guards with the question as their params).
 */
import { assign } from 'xstate';
import { checkSaisie } from '../../forms/index.ts';
import {
  issueQuestion,
  questionPrecedente,
  type IdQuestion,
  type Question,
} from '../../forms/changement.ts';
import { declarationSetup, questionParId, type Context } from './base.ts';

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
export const etatsQuestions = {
  doubleActivite: etatDe('doubleActivite'),
  situation: etatDe('situation'),
  debutDouble: etatDe('debutDouble'),
  finDouble: etatDe('finDouble'),
} satisfies Record<IdQuestion, unknown>;
