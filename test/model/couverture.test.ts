/**
 * The coverage guard of the model-based tests: every generated path is replayed on a real actor
 * (no screen here, see *.test.tsx for that) and every transition of each machine — each branch
 * of `on`, `after`, `always`, `onDone`, `onError`, root included — must be taken by one of them,
 * and every leaf state must have its expectation in attendus.ts. A new state or transition
 * without a path (or with an event the model cannot give data for) fails here, named.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { agentMachine } from '../../machines/agent.machine.ts';
import { declarationMachine } from '../../machines/declaration.machine.ts';
import { sessionMachine } from '../../machines/session.machine.ts';
import { tables } from './ecran.ts';
import { feuilles, transitions, type Chemin, type Generation } from './generateur.ts';
import {
  configurations,
  declaration,
  enfant,
  finirEnfant,
  horsDAtteinte,
  portail,
  portalAvecImport,
  portalMachine,
  session,
} from './modeles.ts';
import { cibleDe, creerBanc, executer, laisserFiler, type Banc } from './rejouer.ts';
import { IDLE_MINUTES } from './session.modele.ts';
import { agent } from './agent.modele.ts';
import { attendusAgent } from './attendus-agent.ts';
import { importMachine } from '../../machines/import.machine.ts';
import { attendusImport } from './attendus-import.ts';
import { entreesImport, importGenere } from './import.modele.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function demarrer(machine: AnyStateMachine, input?: unknown): Promise<Banc> {
  const banc = creerBanc(machine, { input, special: finirEnfant });
  banc.acteur.start();
  await laisserFiler();
  return banc;
}

/** Replays every path and returns the transitions taken (ids starting with the machine id). */
async function rejouerTout(
  gen: Generation,
  machine: AnyStateMachine,
  lancer: (chemin: Chemin) => Promise<{ banc: Banc; cible: ReturnType<typeof cibleDe> }>,
) {
  const prises = new Set<string>();
  for (const chemin of gen.chemins) {
    const { banc, cible } = await lancer(chemin);
    await executer(gen.graphe, chemin, cible, () => undefined);
    for (const id of banc.prises)
      if (id.startsWith(`${machine.id}.`) || id.startsWith(`${machine.id} `)) prises.add(id);
    banc.acteur.stop();
  }
  return prises;
}

function manquantes(machine: AnyStateMachine, prises: Set<string>) {
  const toutes = transitions(machine).map((t) => t.id);
  const exemptees = (id: string) => horsDAtteinte.some((h) => h.id.test(id));
  return {
    nonPrises: toutes.filter((id) => !prises.has(id) && !exemptees(id)),
    // An exemption that no longer names an untaken transition is stale.
    exemptionsPerimees: horsDAtteinte
      .filter((h) => toutes.some((id) => h.id.test(id)) || h.id.source.startsWith(`^${machine.id}`))
      .filter((h) => !toutes.some((id) => h.id.test(id) && !prises.has(id)))
      .map((h) => `${h.id} (${h.raison})`),
  };
}

const machines = [
  ['portail', portalMachine],
  ['declaration', declarationMachine],
  ['session', sessionMachine],
] as const;

describe('coverage of the generated paths', () => {
  it.each(machines)('every leaf state of %s has its expectation (attendus.ts)', (nom, machine) => {
    const table = tables[nom];
    expect(
      feuilles(machine).filter((id) => !(id in table)),
      'leaves without expectation',
    ).toEqual([]);
    expect(
      Object.keys(table).filter((id) => !feuilles(machine).includes(id)),
      'expectations of no state',
    ).toEqual([]);
  });

  // The portal's traversal (issue 12's exits and addresses) takes longer than the default.
  it('every event the portal model offers has the data it needs', { timeout: 120_000 }, () => {
    expect(portail().graphe.echecs).toEqual([]);
  });

  it(
    'the generated paths of the portal take every transition of the portal machine',
    { timeout: 120_000 },
    async () => {
      // With the real import machine as its child: the import's endings are played on it.
      const prises = await rejouerTout(portail(), portalMachine, async () => {
        const banc = await demarrer(portalAvecImport);
        return { banc, cible: cibleDe(banc) };
      });
      expect(manquantes(portalMachine, prises)).toEqual({ nonPrises: [], exemptionsPerimees: [] });
    },
  );

  it(
    'the generated paths of the declaration take every transition of the declaration machine',
    { timeout: 120_000 },
    async () => {
      const prises = new Set<string>();
      for (const config of configurations) {
        const gen = declaration(config);
        expect(gen.graphe.echecs).toEqual([]);
        for (const id of await rejouerTout(gen, declarationMachine, async () => {
          const banc = await demarrer(portalMachine);
          for (const step of gen.prefixe.steps) await banc.jouer(step.event);
          const child = enfant(banc.acteur.getSnapshot())!;
          return {
            banc,
            cible: {
              jouer: (event) => banc.jouer(event, child),
              reel: () => child.getSnapshot() as AnyMachineSnapshot,
            },
          };
        }))
          prises.add(id);
      }
      expect(manquantes(declarationMachine, prises)).toEqual({
        nonPrises: [],
        exemptionsPerimees: [],
      });
    },
  );

  it('the generated paths of the session take every transition of the session machine', async () => {
    const prises = await rejouerTout(session(), sessionMachine, async () => {
      const banc = await demarrer(sessionMachine, { idleMinutes: IDLE_MINUTES });
      return { banc, cible: cibleDe(banc) };
    });
    expect(session().graphe.echecs).toEqual([]);
    expect(manquantes(sessionMachine, prises).nonPrises).toEqual([]);
  });

  // The Caf agent's machine, on its own (agent.modele.ts; its table is attendus-agent.ts).
  it('every leaf state of agent has its expectation (attendus-agent.ts)', () => {
    const ids = feuilles(agentMachine);
    expect(
      ids.filter((id) => !(id in attendusAgent)),
      'leaves without expectation',
    ).toEqual([]);
    expect(
      Object.keys(attendusAgent).filter((id) => !ids.includes(id)),
      'expectations of no state',
    ).toEqual([]);
  });

  it('the generated paths of the agent take every transition of the agent machine', async () => {
    const prises = await rejouerTout(agent(), agentMachine, async () => {
      const banc = await demarrer(agentMachine);
      return { banc, cible: cibleDe(banc) };
    });
    expect(agent().graphe.echecs).toEqual([]);
    expect(manquantes(agentMachine, prises)).toEqual({ nonPrises: [], exemptionsPerimees: [] });
  });

  // R-IM: the import machine, on its own (import.modele.ts; its table is attendus-import.ts).
  it('every leaf state of import has its expectation (attendus-import.ts)', () => {
    const ids = feuilles(importMachine);
    expect(
      ids.filter((id) => !(id in attendusImport)),
      'leaves without expectation',
    ).toEqual([]);
    expect(
      Object.keys(attendusImport).filter((id) => !ids.includes(id)),
      'expectations of no state',
    ).toEqual([]);
  });

  it('the generated paths of the import (new and resumed) take every transition of the import machine', async () => {
    const prises = new Set<string>();
    for (const input of entreesImport) {
      const gen = importGenere(input);
      expect(gen.graphe.echecs).toEqual([]);
      for (const id of await rejouerTout(gen, importMachine, async () => {
        const banc = await demarrer(importMachine, input);
        return { banc, cible: cibleDe(banc) };
      }))
        prises.add(id);
    }
    expect(manquantes(importMachine, prises)).toEqual({ nonPrises: [], exemptionsPerimees: [] });
  });
});
