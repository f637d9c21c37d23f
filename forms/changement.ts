/**
 * R-CS: the questions that lead to one of the six changements de situation (seed 003 §8–9,
 * seed 004 « Volet changement d'activité »). Data only: the declaration machine builds its
 * states from it and the UI draws it; the branching is written nowhere else.
 */
import type { DeclarationKind } from './index.ts';

/** The questions' ids, each the name of its state in the declaration machine. */
export type IdQuestion = 'doubleActivite' | 'situation' | 'debutDouble' | 'finDouble';

/** One answer of a yes/no question: it leads to another question or to a declaration. */
export interface Option {
  valeur: 'oui' | 'non';
  libelle: string;
  suite?: IdQuestion;
  kind?: DeclarationKind;
}

/** A yes/no question. */
export interface QuestionOuiNon {
  id: IdQuestion;
  type: 'ouiNon';
  libelle: string;
  aide?: string;
  options: Option[];
}

/** « La personne désignée ci-dessus : » three yes/no situations, exactly one « Oui » (R-CS). */
export interface QuestionSituations {
  id: IdQuestion;
  type: 'situations';
  libelle: string;
  situations: { id: string; libelle: string; kind: DeclarationKind }[];
}

export type Question = QuestionOuiNon | QuestionSituations;

/** The tree, first question first. */
export const questionsChangement: Question[] = [
  {
    id: 'doubleActivite',
    type: 'ouiNon',
    libelle: 'Votre déclaration est-elle liée à une double activité ?',
    aide: 'Double activité : le travailleur exerce à la fois en Esat et en milieu ordinaire. Pour une activité uniquement en Esat, répondez Non.',
    options: [
      { valeur: 'oui', libelle: 'Oui', suite: 'debutDouble' },
      { valeur: 'non', libelle: 'Non', suite: 'situation' },
    ],
  },
  {
    id: 'situation',
    type: 'situations',
    libelle: 'La personne désignée ci-dessus :',
    situations: [
      { id: 'reduction', libelle: 'A réduit son activité ?', kind: 'reduction' },
      { id: 'augmentation', libelle: 'A augmenté son activité ?', kind: 'augmentation' },
      { id: 'depart', libelle: 'A quitté votre établissement ?', kind: 'depart' },
    ],
  },
  {
    id: 'debutDouble',
    type: 'ouiNon',
    libelle: "S'agit-il d'un début de double activité ?",
    options: [
      { valeur: 'oui', libelle: 'Oui', kind: 'double-debut' },
      { valeur: 'non', libelle: 'Non', suite: 'finDouble' },
    ],
  },
  {
    id: 'finDouble',
    type: 'ouiNon',
    libelle: "S'agit-il d'une fin de double activité ?",
    options: [
      { valeur: 'oui', libelle: 'Oui', kind: 'double-fin' },
      { valeur: 'non', libelle: 'Non', kind: 'double-modification' },
    ],
  },
];

/** Answers so far: `doubleActivite: 'non'`, `situation.depart: 'oui'`… */
export type Reponses = Record<string, 'oui' | 'non'>;

/** Where an answered question leads: the next question, a declaration, or an error to show. */
export type Issue = { suite: IdQuestion } | { kind: DeclarationKind } | { erreur: string };

export const messagesQuestions = {
  sansReponse: 'Répondez à la question pour continuer.',
  aucuneSituation: 'Cochez « Oui » pour la situation à déclarer.',
  plusieursSituations:
    'Une seule situation peut être déclarée : cochez « Oui » pour une seule situation.',
};

/** R-CS: the answer to one question, read from the answers (exactly one « Oui » for situations). */
export function issueQuestion(question: Question, reponses: Reponses): Issue {
  if (question.type === 'situations') {
    const oui = question.situations.filter((s) => reponses[`${question.id}.${s.id}`] === 'oui');
    if (oui.length === 0) return { erreur: messagesQuestions.aucuneSituation };
    if (oui.length > 1) return { erreur: messagesQuestions.plusieursSituations };
    return { kind: oui[0].kind };
  }
  const option = question.options.find((o) => o.valeur === reponses[question.id]);
  if (!option) return { erreur: messagesQuestions.sansReponse };
  return option.kind ? { kind: option.kind } : { suite: option.suite! };
}

/** The questions answered on the way to the current one, in order (for the screen and récap). */
export function parcours(reponses: Reponses): { question: Question; issue: Issue }[] {
  const chemin: { question: Question; issue: Issue }[] = [];
  let question: Question | undefined = questionsChangement[0];
  while (question) {
    const issue = issueQuestion(question, reponses);
    chemin.push({ question, issue });
    question = 'suite' in issue ? questionsChangement.find((q) => q.id === issue.suite) : undefined;
  }
  return chemin;
}

/** The question that leads to `id` (for « Précédent »). */
export function questionPrecedente(id: string): IdQuestion | undefined {
  return questionsChangement.find(
    (q) => q.type === 'ouiNon' && q.options.some((o) => o.suite === id),
  )?.id;
}
