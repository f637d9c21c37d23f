/**
 * Replays a generated path on a REAL actor of the machine: the server calls are promise actors
 * that wait until the path says how they end (the runner resolves or rejects them with the
 * path's `xstate.done.actor.*` / `xstate.error.actor.*` data), delays run on vitest's fake clock
 * (`xstate.after.*` advances it by the machine's named delay), every other event is sent. The
 * transitions the real actor takes are collected (inspection), for the coverage test.
 */
import { vi } from 'vitest';
import {
  createActor,
  fromPromise,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyTransitionDefinition,
  type EventObject,
} from 'xstate';
import { idTransition, invocations, type Chemin, type Graphe } from './generateur.ts';

interface Attente {
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** The promise actors of a machine (and of the machines it invokes), driven by the runner. */
export class Pilote {
  private attentes = new Map<string, Attente[]>();

  /** `machine` with every promise actor replaced by one that waits for the runner. */
  fournir(machine: AnyStateMachine): AnyStateMachine {
    const actors: Record<string, unknown> = {};
    for (const [src, logic] of Object.entries(
      machine.implementations.actors as Record<string, unknown>,
    )) {
      actors[src] =
        logic && typeof logic === 'object' && 'root' in logic
          ? this.fournir(logic as AnyStateMachine)
          : fromPromise(
              ({ input, signal }) =>
                new Promise((resolve, reject) => {
                  const liste = this.attentes.get(src) ?? [];
                  const attente = { input, resolve, reject };
                  liste.push(attente);
                  this.attentes.set(src, liste);
                  // A call whose state was left (« Interrompre l'envoi » during a batch) is
                  // forgotten: the next answer of the path goes to the call made after it.
                  signal.addEventListener('abort', () => {
                    const i = liste.indexOf(attente);
                    if (i >= 0) liste.splice(i, 1);
                  });
                }),
            );
    }
    return machine.provide({ actors } as never);
  }

  /** The call under way to `src` (fails when the real machine made none). */
  private prendre(src: string): Attente {
    const attente = this.attentes.get(src)?.shift();
    if (!attente) throw new Error(`the real actor is not calling « ${src} » at this step`);
    return attente;
  }

  resoudre(src: string, output: unknown) {
    this.prendre(src).resolve(output);
  }

  rejeter(src: string, error: unknown) {
    this.prendre(src).reject(error);
  }
}

/** Lets promises settle and zero-delay timers run (fake clock). */
export async function laisserFiler() {
  await vi.advanceTimersByTimeAsync(0);
}

/** The duration of a named delay, as the machine computes it for its current context. */
function duree(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, nom: string): number {
  const delai = (machine.implementations.delays as Record<string, unknown>)[nom];
  if (typeof delai === 'function') return delai({ context: snapshot.context, event: undefined });
  if (typeof delai === 'number') return delai;
  return Number(nom);
}

export interface Banc {
  acteur: AnyActorRef;
  pilote: Pilote;
  /** Ids of the transitions the real actors took (all machines of the system). */
  prises: Set<string>;
  /** Plays one event of a path on `cible` (the actor, or a child of it). */
  jouer(event: EventObject, cible?: AnyActorRef): Promise<void>;
}

export interface OptionsBanc {
  input?: unknown;
  /** An event the runner plays itself (e.g. how the declaration child ends); true when done. */
  special?: (banc: Banc, event: EventObject) => Promise<boolean>;
  /** Wraps each step (React's `act` in jsdom). */
  envelopper?: (f: () => Promise<void>) => Promise<void>;
}

/** A started real actor of `machine`, with driven promise actors. */
export function creerBanc(machine: AnyStateMachine, options: OptionsBanc = {}): Banc {
  const pilote = new Pilote();
  const prises = new Set<string>();
  const srcs = new Map<string, string>();
  const ajouterInvocations = (m: AnyStateMachine) => {
    for (const [id, src] of invocations(m)) srcs.set(id, src);
    for (const logic of Object.values(m.implementations.actors as Record<string, unknown>)) {
      if (logic && typeof logic === 'object' && 'root' in logic)
        ajouterInvocations(logic as AnyStateMachine);
    }
  };
  ajouterInvocations(machine);
  const fournie = pilote.fournir(machine);
  const acteur = createActor(fournie, {
    input: options.input,
    inspect: (ev) => {
      if (ev.type === '@xstate.microstep') {
        for (const t of (ev as unknown as { _transitions: AnyTransitionDefinition[] })._transitions)
          prises.add(idTransition(t));
      }
    },
  });
  const envelopper = options.envelopper ?? ((f) => f());
  const banc: Banc = {
    acteur,
    pilote,
    prises,
    async jouer(event, cible = acteur) {
      if (event.type === 'xstate.init') return;
      if (options.special && cible === acteur && (await options.special(banc, event))) return;
      await envelopper(async () => {
        const fin = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
        const after = /^xstate\.after\.([^.]+)\./.exec(event.type);
        if (fin) {
          const src = srcs.get(fin[2]) ?? fin[2];
          const e = event as EventObject & { output?: unknown; error?: unknown };
          if (fin[1] === 'done') pilote.resoudre(src, e.output);
          else pilote.rejeter(src, e.error);
        } else if (after) {
          const m = (cible.getSnapshot() as AnyMachineSnapshot).machine as AnyStateMachine;
          await vi.advanceTimersByTimeAsync(duree(m, cible.getSnapshot(), after[1]));
        } else {
          cible.send(event);
        }
        await laisserFiler();
      });
    },
  };
  return banc;
}

/** Where a path is played: how to play an event, and the real snapshot to compare. */
export interface Cible {
  jouer(event: EventObject): Promise<void>;
  reel(): AnyMachineSnapshot;
}

/** The banc's own actor as the target of a path. */
export const cibleDe = (banc: Banc): Cible => ({
  jouer: (event) => banc.jouer(event),
  reel: () => banc.acteur.getSnapshot() as AnyMachineSnapshot,
});

/**
 * Runs a path through xstate/graph's `TestModel.testPath`: each step's event is played on the
 * real actor, the real state is compared with the model's (by the model's key), then `verifier`
 * checks the screen. A failure names the path, step by step (TestModel's report).
 */
export async function executer(
  g: Graphe,
  chemin: Chemin,
  cible: Cible,
  verifier: (attendu: AnyMachineSnapshot, reel: AnyMachineSnapshot) => void | Promise<void>,
) {
  const jouer = (step: { event: EventObject }) => cible.jouer(step.event);
  await g.testModel.testPath(chemin, {
    // Every event type, whatever its name (done/error/after types are per state node).
    events: new Proxy({}, { get: () => jouer }) as never,
    states: {
      '*': async (attendu: AnyMachineSnapshot) => {
        const reel = cible.reel();
        const [a, r] = [g.modele.cle(attendu), g.modele.cle(reel)];
        if (a !== r) throw new Error(`the real actor is in\n  ${r}\nthe model expected\n  ${a}`);
        await verifier(attendu, reel);
      },
    },
  });
}
