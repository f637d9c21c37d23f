/**
 * Model-based testing with xstate 5's own graph module (`xstate/graph`): paths are GENERATED from
 * a machine, not written by hand. A `Modele` says, for any state, which events a user (or a
 * server call, or the clock) can produce there, with their data; the traversal of xstate/graph
 * then finds the states, and this module picks the paths to test:
 *
 * - the shortest path to every distinct screen (`vue`) the machine can show;
 * - for every transition of the machine (state node × event, each guarded branch, delayed,
 *   done and error transitions included) not yet taken by those, the shortest path that takes it;
 * - bounded simple paths where a model asks for them (every way through a small sub-graph).
 *
 * `createTestModel` refuses machines with `invoke` and `after` (ours have both), so the
 * traversal runs on the machine's pure `transition` with the invoked actors' outcomes fed as the
 * `xstate.done.actor.*` / `xstate.error.actor.*` events they produce, and delays as the
 * `xstate.after.*` events. The paths are then replayed on a real actor (see rejouer.ts) through
 * xstate/graph's `TestModel.testPath`.
 */
import {
  TestModel,
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
  getStateNodes,
  type AdjacencyMap,
  type StatePath,
  type TraversalOptions,
} from 'xstate/graph';
import type {
  AnyMachineSnapshot,
  AnyStateMachine,
  AnyStateNode,
  AnyTransitionDefinition,
  EventObject,
  InspectionEvent,
} from 'xstate';

export type Snapshot = AnyMachineSnapshot;
/** An event with its data (`{ type: 'saisie.changer', name, value }`). */
export type Evenement = EventObject & Record<string, unknown>;
export type Chemin = StatePath<Snapshot, EventObject>;

/** What a server call (an invoked promise actor) may answer: outputs, or errors it rejects with. */
export interface Issues {
  sorties?: (s: Snapshot) => unknown[];
  erreurs?: (s: Snapshot) => unknown[];
}

export interface Modele {
  nom: string;
  machine: AnyStateMachine;
  input?: unknown;
  /**
   * The events the user can produce in this state, with their data, by event type. A type the
   * state accepts and this does not name is sent without data (`{ type }`); return [] to send
   * nothing of that type.
   */
  evenements: (s: Snapshot) => Partial<Record<string, Evenement[]>>;
  /** Outcomes of each invoked actor, by `src` (the name in the machine's `actors`). */
  issues: Record<string, Issues>;
  /** What tells two states apart for the traversal (state value and the context that matters). */
  cle: (s: Snapshot) => string;
  /** What tells two screens apart: one shortest path is kept per distinct value. */
  vue: (s: Snapshot) => string;
  /** Bounded simple paths: every path without a repeated state to states where `vers` holds. */
  simples?: {
    vers: (s: Snapshot) => boolean;
    /** The traversal does not go past these states (keeps the number of simple paths small). */
    arret: (s: Snapshot) => boolean;
    /** Events not to take in this sub-graph. */
    filtre?: (s: Snapshot, e: EventObject) => boolean;
    max: number;
  }[];
}

/** One transition of the machine: a branch of `on`, `after`, `always`, `onDone` or `onError`. */
export interface Transition {
  id: string;
  source: string;
  evenement: string;
  branche: number;
  definition: AnyTransitionDefinition;
}

/** A transition's stable name: source, event, branch (the same in a `provide`d copy). */
export function idTransition(t: AnyTransitionDefinition): string {
  const source = t.source as AnyStateNode;
  const branches: AnyTransitionDefinition[] = t.eventType
    ? (source.transitions.get(t.eventType) ?? [])
    : (source.always ?? []);
  const branche = branches.indexOf(t);
  const guard = t.guard
    ? ` [${typeof t.guard === 'string' ? t.guard : ((t.guard as { type?: string }).type ?? 'garde')}]`
    : '';
  const cibles = t.target?.length ? t.target.map((n: AnyStateNode) => n.id).join(',') : '(reste)';
  return `${source.id} —${t.eventType || 'always'}#${branche}${guard}→ ${cibles}`;
}

/** Every transition of a machine, root included, in document order. */
export function transitions(machine: AnyStateMachine): Transition[] {
  const out: Transition[] = [];
  for (const node of [machine.root, ...getStateNodes(machine.root)]) {
    for (const [evenement, branches] of node.transitions) {
      branches.forEach((definition, branche) =>
        out.push({ id: idTransition(definition), source: node.id, evenement, branche, definition }),
      );
    }
    (node.always ?? []).forEach((definition, branche) =>
      out.push({
        id: idTransition(definition),
        source: node.id,
        evenement: '',
        branche,
        definition,
      }),
    );
  }
  return out;
}

/** The leaf states (atomic and final) a user can be in, by id (`portail.espace.accueil.pret`). */
export function feuilles(machine: AnyStateMachine): string[] {
  return getStateNodes(machine.root)
    .filter((n) => n.type === 'atomic' || n.type === 'final')
    .map((n) => n.id);
}

/** The leaf states of a snapshot, by id. */
export const feuillesActives = (s: Snapshot): string[] =>
  s._nodes
    .filter((n: AnyStateNode) => n.type === 'atomic' || n.type === 'final')
    .map((n: AnyStateNode) => n.id);

/** invoke id → src, for every invoke of the machine (`0.portail.demarrage` → `chargerProfil`). */
export function invocations(machine: AnyStateMachine): Map<string, string> {
  const map = new Map<string, string>();
  for (const node of getStateNodes(machine.root)) {
    for (const inv of node.invoke) map.set(inv.id, typeof inv.src === 'string' ? inv.src : inv.id);
  }
  return map;
}

/** The event types a snapshot's state nodes listen to (as xstate/graph lists them). */
const typesEcoutes = (s: Snapshot): string[] => [
  ...new Set<string>(s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[])),
];

export interface Graphe {
  modele: Modele;
  /** The logic traversed: the machine, whose `transition` records the transitions it takes. */
  logique: AnyStateMachine;
  options: TraversalOptions<Snapshot, EventObject, unknown>;
  testModel: TestModel<Snapshot, EventObject, unknown>;
  /** Transitions taken by an event from a state, by `cle(state) | event`. */
  prises: Map<string, AnyTransitionDefinition[]>;
  /** Events whose transition threw (an event type without the data it needs): reported. */
  echecs: string[];
  /** Every state reached, by `cle`. */
  adjacence: AdjacencyMap<Snapshot, EventObject>;
}

const ser = (e: EventObject) => JSON.stringify(e);

/** Builds the traversal of a model: the logic, the per-state events, the record of transitions. */
export function graphe(modele: Modele): Graphe {
  const { machine } = modele;
  const invokes = invocations(machine);
  const prises = new Map<string, AnyTransitionDefinition[]>();
  const echecs: string[] = [];
  // The machine itself, with a `transition` that records the transitions each event takes
  // (xstate's @xstate.microstep inspection events carry them).
  const logique = Object.create(machine) as AnyStateMachine;
  /** Runs `pas` while recording the transitions xstate's microsteps take (inspection events). */
  const enregistrer = <T>(
    scope: never,
    pas: () => T,
    prisesDe: (t: AnyTransitionDefinition[]) => void,
  ): T => {
    const prises_: AnyTransitionDefinition[] = [];
    const system = (
      scope as { system: { inspect: (o: (e: InspectionEvent) => void) => { unsubscribe(): void } } }
    ).system;
    const sub = system.inspect((ev) => {
      if (ev.type === '@xstate.microstep')
        prises_.push(
          ...(ev as unknown as { _transitions: AnyTransitionDefinition[] })._transitions,
        );
    });
    try {
      const resultat = pas();
      prisesDe(prises_);
      return resultat;
    } finally {
      sub.unsubscribe();
    }
  };
  // Each of xstate/graph's functions (getAdjacencyMap, getShortestPaths, getSimplePaths) runs its
  // own traversal: the transitions are computed once, by `cle(state) | event`, and the later
  // traversals read them back (the traversal keeps one state per `cle`, so they are the same).
  const suivants = new Map<string, Snapshot>();
  // A snapshot is never changed: its key is computed once.
  const cles = new WeakMap<Snapshot, string>();
  const cleDe = (s: Snapshot): string => {
    let k = cles.get(s);
    if (k === undefined) cles.set(s, (k = modele.cle(s)));
    return k;
  };
  logique.transition = ((snapshot: Snapshot, event: EventObject, scope: never) => {
    const cle = `${cleDe(snapshot)}|${ser(event)}`;
    const deja = suivants.get(cle);
    if (deja) return deja;
    let suivant: Snapshot;
    try {
      suivant = enregistrer(
        scope,
        () => machine.transition(snapshot, event, scope),
        (t) => prises.set(cle, t),
      );
    } catch (error) {
      echecs.push(`${cleDe(snapshot)} + ${ser(event)}: ${(error as Error).message}`);
      suivant = snapshot;
    }
    suivants.set(cle, suivant);
    return suivant;
  }) as AnyStateMachine['transition'];
  // The transitions taken on the way in (`always` of the initial state), recorded as `init`.
  let initial: Snapshot | undefined;
  logique.getInitialSnapshot = ((scope: never, input: unknown) =>
    (initial ??= enregistrer(
      scope,
      () => machine.getInitialSnapshot(scope, input),
      (t) => prises.set('init', t),
    ))) as AnyStateMachine['getInitialSnapshot'];

  // The same snapshots come back in each traversal (see `suivants`): their events are listed once.
  const listes = new WeakMap<Snapshot, EventObject[]>();
  const evenements = (s: Snapshot): EventObject[] => {
    let liste = listes.get(s);
    if (!liste) listes.set(s, (liste = lister(s)));
    return liste;
  };
  const lister = (s: Snapshot): EventObject[] => {
    if (s.status !== 'active') return [];
    const donnees = modele.evenements(s);
    const actives = new Set(s._nodes.flatMap((n: AnyStateNode) => n.invoke.map((i) => i.id)));
    return typesEcoutes(s).flatMap((type): EventObject[] => {
      const fin = /^xstate\.(done|error)\.actor\.(.+)$/.exec(type);
      if (fin) {
        const [, genre, id] = fin;
        if (!actives.has(id)) return [];
        const src = invokes.get(id) ?? id;
        const issues = modele.issues[src];
        if (genre === 'done')
          return (issues?.sorties?.(s) ?? []).map((output) => ({ type, output }) as EventObject);
        return (issues?.erreurs?.(s) ?? []).map((error) => ({ type, error }) as EventObject);
      }
      if (type.startsWith('xstate.after.')) return [{ type }];
      return donnees[type] ?? [{ type }];
    });
  };

  const options: TraversalOptions<Snapshot, EventObject, unknown> = {
    input: modele.input,
    events: evenements,
    serializeState: cleDe,
    serializeEvent: ser,
    limit: 100_000,
  };
  const adjacence = getAdjacencyMap(logique, options);
  return {
    modele,
    logique,
    options,
    testModel: new TestModel(logique, options),
    prises,
    echecs,
    adjacence,
  };
}

/** The empty path: the initial state (the first one the traversal met). */
export function debutDe(g: Graphe): Chemin {
  const state = Object.values(g.adjacence)[0].state;
  return { state, weight: 0, steps: [{ state, event: { type: 'xstate.init' } }] };
}

/** Extends a path by one step. */
function prolonger(chemin: Chemin, event: EventObject, state: Snapshot): Chemin {
  return { state, weight: chemin.weight + 1, steps: [...chemin.steps, { event, state }] };
}

const evenementsDe = (c: Chemin) => c.steps.slice(1).map((s) => ser(s.event));

/** Removes the paths that are the beginning of another one. */
function sansPrefixes(chemins: Chemin[]): Chemin[] {
  const tries = [...chemins].sort((a, b) => b.steps.length - a.steps.length);
  const gardes: { chemin: Chemin; evts: string[] }[] = [];
  for (const chemin of tries) {
    const evts = evenementsDe(chemin);
    const prefixe = gardes.some((g) => evts.every((e, i) => g.evts[i] === e));
    if (!prefixe) gardes.push({ chemin, evts });
  }
  return gardes.map((g) => g.chemin).reverse();
}

export interface Generation {
  graphe: Graphe;
  /** The paths to test, none the beginning of another. */
  chemins: Chemin[];
  /** Every distinct screen reached, by `vue`. */
  vues: Set<string>;
}

/** The transitions a path takes, as recorded during the traversal. */
export function transitionsPrises(g: Graphe, chemin: Chemin): AnyTransitionDefinition[] {
  const out: AnyTransitionDefinition[] = [...(g.prises.get('init') ?? [])];
  for (let i = 1; i < chemin.steps.length; i++) {
    const avant = chemin.steps[i - 1].state;
    out.push(...(g.prises.get(`${g.modele.cle(avant)}|${ser(chemin.steps[i].event)}`) ?? []));
  }
  return out;
}

/** The paths of a model: shortest to every screen, then to every transition, then simple ones. */
export function generer(modele: Modele): Generation {
  const g = graphe(modele);
  const plus = getShortestPaths(g.logique, g.options) as Chemin[];
  const parCle = new Map(plus.map((c) => [modele.cle(c.state), c]));

  // 1. The shortest path to each screen.
  const parVue = new Map<string, Chemin>();
  for (const c of plus) {
    const v = modele.vue(c.state);
    const deja = parVue.get(v);
    if (!deja || c.weight < deja.weight) parVue.set(v, c);
  }
  const choisis = [...parVue.values()];

  // 2. Every transition: the shortest path to a state, then the event that takes it.
  const couvertes = new Set(choisis.flatMap((c) => transitionsPrises(g, c)));
  const etats = [...Object.entries(g.adjacence)].sort(
    ([a], [b]) => (parCle.get(a)?.weight ?? Infinity) - (parCle.get(b)?.weight ?? Infinity),
  );
  for (const [cle, { transitions: suivantes }] of etats) {
    const chemin = parCle.get(cle);
    if (!chemin) continue;
    for (const [evt, { event, state }] of Object.entries(suivantes) as [
      string,
      { event: EventObject; state: Snapshot },
    ][]) {
      const prises = g.prises.get(`${cle}|${evt}`) ?? [];
      if (prises.every((t) => couvertes.has(t))) continue;
      prises.forEach((t) => couvertes.add(t));
      choisis.push(prolonger(chemin, event, state));
    }
  }

  // 3. Bounded simple paths through a small sub-graph.
  for (const s of modele.simples ?? []) {
    const simples = getSimplePaths(g.logique, {
      ...g.options,
      stopWhen: s.arret,
      filterEvents: s.filtre,
      toState: s.vers,
    }) as Chemin[];
    if (simples.length > s.max) {
      throw new Error(
        `${modele.nom}: ${simples.length} simple paths, more than the bound ${s.max}: narrow it`,
      );
    }
    choisis.push(...simples);
  }

  return { graphe: g, chemins: sansPrefixes(choisis), vues: new Set(parVue.keys()) };
}

/**
 * The shortest path from `depuis` (or the start) to a state where `vers` holds, found in the
 * traversal's adjacency map (breadth first: no new traversal per question asked).
 */
export function cheminVers(g: Graphe, vers: (s: Snapshot) => boolean, depuis?: Chemin): Chemin {
  const { cle } = g.modele;
  const depart: Chemin = depuis ?? debutDe(g);
  const vus = new Set([cle(depart.state)]);
  const file: Chemin[] = [depart];
  while (file.length) {
    const chemin = file.shift()!;
    if (vers(chemin.state) && chemin !== depuis) return chemin;
    const suivantes = g.adjacence[cle(chemin.state) as never]?.transitions ?? {};
    for (const { event, state } of Object.values(suivantes) as {
      event: EventObject;
      state: Snapshot;
    }[]) {
      const k = cle(state);
      if (vus.has(k)) continue;
      vus.add(k);
      file.push(prolonger(chemin, event, state));
    }
  }
  throw new Error(`${g.modele.nom}: no path to the state asked for`);
}

/** A path as a reader follows it: `connexion.soumettre → xstate.done.actor…(connecter) → …`. */
export function decrireChemin(chemin: Chemin, noms?: Map<string, string>): string {
  return chemin.steps
    .slice(1)
    .map(({ event }) => {
      const fin = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
      if (fin) return `${fin[1] === 'done' ? '✓' : '✗'}${noms?.get(fin[2]) ?? fin[2]}`;
      const after = /^xstate\.after\.([^.]+)\./.exec(event.type);
      if (after) return `⏱${after[1]}`;
      return event.type;
    })
    .join(' → ');
}
