/**
 * The generated paths of the three machines, built once per test file: the jsdom tests, the
 * coverage test and the browser journeys (test/e2e/parcours.test.ts) all take them from here.
 */
import type { AnyActorRef, AnyMachineSnapshot, EventObject } from 'xstate';
import type { DeclarationInput } from '../../machines/declaration.machine.ts';
import { portalMachine } from '../../machines/portal.machine.ts';
import { questionsChangement } from '../../forms/changement.ts';
import { modeleDeclaration } from './declaration.modele.ts';
import {
  cheminVers,
  generer,
  graphe,
  type Chemin,
  type Generation,
  type Graphe,
  type Snapshot,
} from './generateur.ts';
import { mondeFixtures } from './mondes.ts';
import { modelePortail, type IssueDeclaration, type Monde } from './portail.modele.ts';
import type { Banc } from './rejouer.ts';
import { modeleSession } from './session.modele.ts';

const memo = <T>(f: () => T) => {
  let v: T | undefined;
  return () => (v ??= f());
};

export const portail = memo(() => generer(modelePortail(mondeFixtures)));
export const session = memo(() => generer(modeleSession()));

/** The declaration's input, read back from a declaration actor's context. */
export function inputDe(s: AnyMachineSnapshot): DeclarationInput {
  const c = s.context as DeclarationInput & { kindChoisi: boolean };
  return {
    teleprocedure: c.teleprocedure,
    ...(c.kindChoisi ? { kind: c.kind } : {}),
    today: c.today,
    travailleur: c.travailleur,
    estDernier: c.estDernier,
  };
}

const graphes = new Map<string, Graphe>();
/** The declaration's traversal for an input (the worker only names the accusé: not a key). */
export function grapheDeclaration(input: DeclarationInput): Graphe {
  const cle = JSON.stringify({ ...input, travailleur: undefined });
  let g = graphes.get(cle);
  if (!g) graphes.set(cle, (g = graphe(modeleDeclaration(input))));
  return g;
}

/** The shortest declaration path from its start to its end with `issue`. */
export function cheminDeclaration(input: DeclarationInput, issue: IssueDeclaration): Chemin {
  return cheminVers(
    grapheDeclaration(input),
    (s) => s.status === 'done' && (s.output as { issue: string }).issue === issue,
  );
}

/** The declaration child of a portal snapshot. */
export const enfant = (s: AnyMachineSnapshot) =>
  (s.children as Record<string, AnyActorRef | undefined>).declaration;

/**
 * How the portal's runner plays `xstate.done.actor.declaration`: the real declaration child is
 * driven along its own generated path to the same ending.
 */
export async function finirDeclaration(banc: Banc, event: EventObject): Promise<boolean> {
  if (event.type !== 'xstate.done.actor.declaration') return false;
  const child = enfant(banc.acteur.getSnapshot());
  if (!child) throw new Error('no declaration is running');
  const issue = (event as unknown as { output: { issue: IssueDeclaration } }).output.issue;
  const chemin = cheminDeclaration(inputDe(child.getSnapshot()), issue);
  for (const step of chemin.steps) await banc.jouer(step.event, child);
  return true;
}

/** The runs the declaration model is generated for (both endings of the Fin page). */
export const configurations = [
  { teleprocedure: 'certificat', estDernier: true },
  { teleprocedure: 'changement', estDernier: false },
] as const;

export interface GenerationDeclaration extends Generation {
  /** The portal path that opens this declaration (its child's input is the model's input). */
  prefixe: Chemin;
  input: DeclarationInput;
}

/** The portal path to a declaration of this kind of run, and the declaration's own paths. */
export function declaration(
  config: (typeof configurations)[number],
  monde: Monde = mondeFixtures,
  g: Graphe = monde === mondeFixtures ? portail().graphe : graphe(modelePortail(monde)),
): GenerationDeclaration {
  const cle = `${monde.nom}|${config.teleprocedure}|${config.estDernier}`;
  const deja = declarations.get(cle);
  if (deja) return deja;
  const prefixe = cheminVers(g, (s) => {
    const run = (
      s.context as { run?: { teleprocedure: string; index: number; travailleurs: unknown[] } }
    ).run;
    return (
      s.matches({ espace: { run: 'declaration' } } as never) &&
      run?.teleprocedure === config.teleprocedure &&
      run.index + 1 >= run.travailleurs.length === config.estDernier
    );
  });
  const input = inputDe(enfant(prefixe.state)!.getSnapshot());
  const gen = { ...generer(modeleDeclaration(input)), prefixe, input };
  declarations.set(cle, gen);
  return gen;
}
const declarations = new Map<string, GenerationDeclaration>();

/**
 * Transitions no user can take, with the reason (the coverage test accepts only these).
 * Derived from the machines' data where they come from it.
 */
export const horsDAtteinte: { id: RegExp; raison: string }[] = [
  {
    id: /^portail\.espace\.run\.fiche —fiche\.passer#1/,
    raison: 'for the last worker the fiche offers « Retour à Mes travailleurs » (fiche.retour)',
  },
  ...questionsChangement
    .filter((q) => q.type === 'ouiNon' && !q.options.some((o) => o.kind))
    .map((q) => ({
      id: new RegExp(
        `^declaration\\.questions\\.${q.id}\\.active —question\\.continuer#\\d+ \\[reponseDecide\\]`,
      ),
      raison: `no answer to « ${q.libelle} » decides a declaration (forms/changement.ts)`,
    })),
];

/** The portal machine, for the tests that render it. */
export { portalMachine };
export type { Snapshot };
