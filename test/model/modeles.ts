/**
 * The generated paths of the three machines, built once per test file: the jsdom tests, the
 * coverage test and the browser journeys (test/e2e/parcours.test.ts) all take them from here.
 */
import { fromPromise, type AnyActorRef, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { jetonsMachine, type Jeton } from '../../machines/jetons.machine.ts';
import { importMachine } from '../../machines/import.machine.ts';
import type { DeclarationInput } from '../../machines/declaration.machine.ts';
import { questionsChangement } from '../../forms/changement.ts';
import { modeleDeclaration } from './declaration.modele.ts';
import {
  cheminVers,
  generer,
  graphe,
  type Chemin,
  type Generation,
  type Graphe,
  type Modele,
  type Snapshot,
} from './generateur.ts';
import { mondeFixtures } from './mondes.ts';
import {
  modelePortail,
  portalMachine,
  type IssueDeclaration,
  type Monde,
} from './portail.modele.ts';
export { enAttente } from './portail.modele.ts';
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

/** The shortest declaration path from its start to its end with `issue` (and `aussi`). */
export function cheminDeclaration(
  input: DeclarationInput,
  issue: IssueDeclaration,
  aussi: (s: Snapshot) => boolean = () => true,
): Chemin {
  return cheminVers(
    grapheDeclaration(input),
    (s) => s.status === 'done' && (s.output as { issue: string }).issue === issue && aussi(s),
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

/** The import child of a portal snapshot. */
export const enfantImport = (s: AnyMachineSnapshot) =>
  (s.children as Record<string, AnyActorRef | undefined>).import;

/**
 * How the portal's runner plays `xstate.done.actor.import`: the real import child is ended the
 * way the model says — what the portal asks of it (`par`, sent to the real portal, which passes
 * it on as `import.quitter`), or its own « Retour à Mes travailleurs ». The import's own states
 * are its model's (import.modele.ts).
 */
export async function finirImport(banc: Banc, event: EventObject): Promise<boolean> {
  if (event.type !== 'xstate.done.actor.import') return false;
  const child = enfantImport(banc.acteur.getSnapshot());
  if (!child) throw new Error('no import is running');
  const { par } = (event as unknown as { output: { par?: EventObject } }).output;
  if (par) await banc.jouer(par);
  else await banc.jouer({ type: 'import.quitter' }, child);
  return true;
}

/** How the portal's runner plays `xstate.done.actor.jetons`: « Retour » on the real tokens child. */
export async function finirJetons(banc: Banc, event: EventObject): Promise<boolean> {
  if (event.type !== 'xstate.done.actor.jetons') return false;
  const child = (banc.acteur.getSnapshot().children as Record<string, AnyActorRef | undefined>)
    .jetons;
  if (!child) throw new Error('no tokens screen is running');
  await banc.jouer({ type: 'jetons.retour' }, child);
  return true;
}

/** How the portal's runner plays the end of its children (declaration, import, tokens). */
export const finirEnfant = async (banc: Banc, event: EventObject) =>
  (await finirDeclaration(banc, event)) ||
  (await finirImport(banc, event)) ||
  finirJetons(banc, event);

/**
 * The portal with the real import machine as its child (the product loads it on demand), and
 * the real tokens machine over an Esat without tokens yet.
 */
export const portalAvecImport = portalMachine.provide({
  actors: {
    import: importMachine,
    jetons: jetonsMachine.provide({
      actors: { chargerJetons: fromPromise<Jeton[]>(async () => []) },
    }),
  },
});

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
    // A declaration started from scratch (a resumed draft is not the declaration model's input).
    const brouillon = (s.context as { fiche?: { brouillon?: unknown } }).fiche?.brouillon;
    return (
      !brouillon &&
      s.matches({ espace: { run: 'declaration' } }) &&
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

/** Extends a path by the event (from the traversal) of its last state that `quel` picks. */
export function puis(g: Graphe, chemin: Chemin, quel: (e: EventObject) => boolean): Chemin {
  const suivantes = Object.values(
    g.adjacence[g.modele.cle(chemin.state) as never]?.transitions ?? {},
  ) as { event: EventObject; state: Snapshot }[];
  const t = suivantes.find((x) => quel(x.event));
  if (!t) throw new Error(`${g.modele.nom}: no such event from the path's last state`);
  return {
    state: t.state,
    weight: chemin.weight + 1,
    steps: [...chemin.steps, { event: t.event, state: t.state }],
  };
}

export interface Parcours {
  nom: string;
  /** The portal's generated path. */
  chemin: Chemin;
  /** Where each declaration of the path must end (its generated path is taken at run time). */
  declaration: (s: Snapshot) => boolean;
}

/**
 * The model without the browser's Back, Forward and typed addresses (`navigation.aller`): the
 * main journeys go by the screens' own buttons (« Mes travailleurs », « Commencer la
 * déclaration »…), where a shortest path would otherwise take Back or Forward onto an address
 * instead. One more journey keeps them (the browser plays each as Back, test/model/navigateur.ts);
 * Back, Forward and reload are walked by hand in test/e2e/historique.test.ts.
 */
function parLesEcrans(modele: Modele): Modele {
  return { ...modele, evenements: (s) => ({ ...modele.evenements(s), 'navigation.aller': [] }) };
}

/**
 * The main journeys of the browser suite, generated in the world of test/e2e/world.json: a
 * first login (connexion, CGU), the accueil, Mes travailleurs, one worker selected, the
 * téléprocédure chosen, the fiche, the declaration to its Fin page (« Valider »), back to the
 * list. Each leg is the shortest path to the next landmark.
 */
export function parcoursNavigateur(monde: Monde): Parcours[] {
  const ecrans = graphe(parLesEcrans(modelePortail(monde)));
  const etat = (valeur: unknown) => (s: Snapshot) => s.matches(valeur);
  const jusquA = (teleprocedure: string, g = ecrans) => {
    let c = cheminVers(g, etat({ connexion: 'saisie' }));
    c = cheminVers(g, etat({ cgu: 'lecture' }), c);
    c = cheminVers(
      g,
      (s) =>
        s.matches({ espace: { run: 'declaration' } }) &&
        (s.context as { run?: { teleprocedure: string } }).run?.teleprocedure === teleprocedure,
      c,
    );
    c = puis(g, c, (e) => (e as { output?: { issue?: string } }).output?.issue === 'suivant');
    return cheminVers(g, etat({ espace: { travailleurs: 'liste' } }), c);
  };
  const kind = (k: string) => (s: Snapshot) => (s.context as { kind: string }).kind === k;
  return [
    { nom: "certificat d'emploi", chemin: jusquA('certificat'), declaration: kind('certificat') },
    {
      nom: "changement de situation (réduction d'activité)",
      chemin: jusquA('changement'),
      declaration: kind('reduction'),
    },
    {
      nom: "certificat d'emploi par l'historique du navigateur (Back onto the addresses)",
      chemin: jusquA('certificat', graphe(modelePortail(monde))),
      declaration: kind('certificat'),
    },
  ];
}

/** The portal machine, for the tests that render it. */
export { portalMachine };
export type { Snapshot };
