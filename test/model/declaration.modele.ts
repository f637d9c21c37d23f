/**
 * The model of the declaration machine, for one input (téléprocédure, worker, last of the run or
 * not): the answers to the questions come from forms/changement.ts, the values typed from the
 * form definitions (saisies.ts: field by field, valid, and one refused value), the server's
 * answers are an accusé, a network failure or a refusal by the rules (422 with field messages).
 */
import { declarationMachine, type DeclarationInput } from '../../machines/declaration.machine.ts';
import { parcours, questionsChangement, type Question } from '../../forms/changement.ts';
import type { DeclarationKind, FieldError, Saisie } from '../../forms/index.ts';
import type { ApiError } from '../../machines/types.ts';
import type { AnyStateNode } from 'xstate';
import type { Evenement, Modele, Snapshot } from './generateur.ts';
import { panne } from './portail.modele.ts';
import { saisieInvalide, saisieValide } from './saisies.ts';

interface Ctx {
  teleprocedure: 'certificat' | 'changement';
  kind: DeclarationKind;
  kindChoisi: boolean;
  today?: string;
  travailleur: { id: string };
  saisie: Saisie;
  reponses: Record<string, 'oui' | 'non'>;
  erreurQuestion?: string;
  errors: FieldError[];
  showErrors: boolean;
  erreurEnvoi?: ApiError;
  avis: string;
  estDernier: boolean;
}

const ctx = (s: Snapshot) => s.context as Ctx;

/** The question on screen (the active child of `questions`). */
export function questionActive(s: Snapshot): Question | undefined {
  const value = s.value as { questions?: Record<string, string> };
  const id = value.questions ? Object.keys(value.questions)[0] : undefined;
  return questionsChangement.find((q) => q.id === id);
}

/** The answers a user can give to a question: each « Oui »/« Non » not already chosen. */
function reponsesPossibles(q: Question, reponses: Record<string, string>): Evenement[] {
  const ids =
    q.type === 'ouiNon' ? [q.id] : q.situations.map((situation) => `${q.id}.${situation.id}`);
  return ids.flatMap((id) =>
    (['oui', 'non'] as const)
      // A situation left alone reads « Non » on screen: choosing « Non » again changes nothing.
      .filter((v) => (reponses[id] ?? (q.type === 'situations' ? 'non' : undefined)) !== v)
      .map((valeur) => ({ type: 'question.repondre', id, valeur })),
  );
}

/** The answers on the way to the question on screen, and its own, in the tree's order. */
function reponsesUtiles(reponses: Record<string, string>, courante?: string): [string, string][] {
  const chemin = parcours(reponses as never).map(({ question }) => question);
  const fin = chemin.findIndex((q) => q.id === courante);
  const ids = chemin
    .slice(0, fin < 0 ? undefined : fin + 1)
    .flatMap((q) =>
      q.type === 'ouiNon' ? [q.id] : q.situations.map((situation) => `${q.id}.${situation.id}`),
    );
  return ids.filter((id) => id in reponses).map((id) => [id, reponses[id]]);
}

/** Each field against the valid sample: v (as the sample), x (the refused value), - (other). */
function signature(c: Ctx): string {
  const valide = saisieValide(c.kind, c.today!);
  const [nom, mauvais] = saisieInvalide(c.kind, c.today!);
  return valide
    .map(([name, value]) =>
      c.saisie[name] === value ? 'v' : name === nom && c.saisie[name] === mauvais ? 'x' : '-',
    )
    .join('');
}

export const accuse = (c: { kind: string; travailleur: { id: string } }) => ({
  id: `d-${c.travailleur.id}`,
  kind: c.kind,
  workerId: c.travailleur.id,
  submittedAt: '2026-12-02T10:00:00.000Z',
});

/** The server refuses by its rules: its message goes back to the field (422 with fields). */
export function refusServeur(kind: DeclarationKind, today: string): ApiError {
  const [champ] = saisieValide(kind, today)[0];
  const message = 'Refusé par le serveur : vérifiez cette valeur.';
  return { status: 422, code: 'regles', message, fields: [{ path: `/${champ}`, message }] };
}

export function modeleDeclaration(input: DeclarationInput, nom?: string): Modele {
  return {
    nom: nom ?? `declaration (${input.teleprocedure}${input.estDernier ? ', dernier' : ''})`,
    machine: declarationMachine,
    input,
    issues: {
      enregistrerDeclaration: {
        sorties: (s) => [accuse(ctx(s))],
        erreurs: (s) => [panne, refusServeur(ctx(s).kind, ctx(s).today!)],
      },
      envoyerAvis: { sorties: () => [undefined], erreurs: () => [panne] },
    },
    evenements: (s) => {
      const c = ctx(s);
      const q = questionActive(s);
      const attente = s._nodes.some((n: AnyStateNode) => n.invoke.length > 0);
      const modale = JSON.stringify(s.value).includes('confirmationQuitter');
      const suivant = saisieValide(c.kind, c.today!).find(([name, v]) => c.saisie[name] !== v);
      const [nomInvalide, invalide] = saisieInvalide(c.kind, c.today!);
      const tous: Record<string, Evenement[]> = {
        'question.repondre': q ? reponsesPossibles(q, c.reponses) : [],
        'saisie.changer': [
          ...(suivant ? [{ type: 'saisie.changer', name: suivant[0], value: suivant[1] }] : []),
          ...(c.saisie[nomInvalide] !== invalide
            ? [{ type: 'saisie.changer', name: nomInvalide, value: invalide }]
            : []),
        ],
        'fin.avis': [{ type: 'fin.avis', avis: { note: 4, commentaire: 'Très clair.' } }],
        // Back from the récapitulatif (the portal hands the browser's address over).
        'navigation.aller': [
          {
            type: 'navigation.aller',
            adresse: { ecran: 'declaration', id: c.travailleur.id, etape: 'saisie' },
          },
        ],
      };
      const out: Partial<Record<string, Evenement[]>> = {};
      for (const type of new Set<string>(
        s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[]),
      )) {
        if (type.startsWith('xstate.')) continue;
        const dansModale = type.startsWith('quitter.');
        const events = attente || modale !== dansModale ? [] : (tous[type] ?? [{ type }]);
        out[type] = events.filter((e) => s.can(e as never));
      }
      return out;
    },
    // The answers matter while the questions are on screen; after them, the kind they decided
    // and how far the typing went (a coarser key keeps the traversal small; every path is
    // replayed and compared step by step).
    cle: (s) => {
      const c = ctx(s);
      const questions = s.matches('questions');
      return JSON.stringify([
        s.value,
        s.status,
        (s as { output?: { issue: string } }).output?.issue,
        c.kindChoisi ? c.kind : null,
        questions ? reponsesUtiles(c.reponses, questionActive(s)?.id) : null,
        questions ? !!c.erreurQuestion : null,
        !questions && c.kindChoisi ? signature(c) : null,
        c.showErrors && c.errors.length > 0,
        c.erreurEnvoi?.code,
        c.avis,
      ]);
    },
    vue: (s) => {
      const c = ctx(s);
      const saisie = s.matches({ saisie: 'edition' });
      return JSON.stringify([
        s.value,
        s.status,
        saisie ? c.kind : null,
        c.showErrors && c.errors.length > 0,
        !!c.erreurQuestion,
        c.erreurEnvoi?.code,
        c.avis,
      ]);
    },
    simples: [
      {
        // Every way through the question tree to a form, answering each question once (one
        // situation at a time), « Continuer » before answering included.
        vers: (s) => s.matches('saisie'),
        arret: (s) => !s.matches('questions'),
        filtre: (s, e) => {
          if (e.type === 'question.continuer') return true;
          if (e.type !== 'question.repondre') return false;
          const { id } = e as unknown as { id: string };
          const reponses = ctx(s).reponses;
          const autreOui = Object.entries(reponses).some(
            ([k, v]) => k.startsWith(`${id.split('.')[0]}.`) && v === 'oui',
          );
          return !(id in reponses) && !(id.includes('.') && autreOui);
        },
        max: 60,
      },
    ],
  };
}
