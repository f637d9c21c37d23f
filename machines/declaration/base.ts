/**
 * The declaration machine's base (machines/declaration.machine.ts puts it together): its types,
 * the server calls it is given (ui/api-declaration.ts, or the fakes of the tests and stories), and
 * the guards and actions its states name.
 */
import { assign, fromPromise, setup } from 'xstate';
import {
  checkSaisie,
  type DeclarationKind,
  type FieldError,
  type Saisie,
} from '../../forms/index.ts';
import { issueQuestion, questionsChangement, type Reponses } from '../../forms/changement.ts';
import type { Teleprocedure } from '../../forms/calendrier.ts';
import {
  asApiError,
  type Accuse,
  type Adresse,
  type ApiError,
  type Brouillon,
  type Travailleur,
} from '../types.ts';

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

export interface Context extends DeclarationInput {
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

export const nouvelleCle = () => globalThis.crypto.randomUUID();

/** What is kept of a declaration being typed (R-SE-2): exactly what the user gave. */
export const brouillon = ({ context }: { context: Context }) => ({
  workerId: context.travailleur.id,
  teleprocedure: context.teleprocedure,
  kind: context.kindChoisi ? context.kind : undefined,
  reponses: context.reponses,
  saisie: context.saisie,
  updatedAt: '',
});

export const questionParId = (id: string) => questionsChangement.find((q) => q.id === id)!;

export const declarationSetup = setup({
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
