// @vitest-environment jsdom
/**
 * Model-based test of the Caf agent's machine (machines/agent.machine.ts) on its own: every
 * generated path (agent.modele.ts) played on a real actor with driven server calls, on vitest's
 * fake clock (the filter's pause), the agent's screens (ui/screens/caf/EspaceCaf.tsx) checked at
 * every step against attendus-agent.ts.
 */
import '../ui/jsdom-shims.ts';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { agentMachine } from '../../machines/agent.machine.ts';
import { EspaceCaf } from '../../ui/screens/caf/EspaceCaf.tsx';
import { agent } from './agent.modele.ts';
import { attendusAgent } from './attendus-agent.ts';
import { decrireChemin } from './generateur.ts';
import { cibleDe, creerBanc, executer, laisserFiler } from './rejouer.ts';
import { verifierFeuille } from './ecran.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const gen = agent();

describe(`agent machine: ${gen.chemins.length} generated paths`, () => {
  it.each(gen.chemins.map((c) => [decrireChemin(c), c] as const))('%s', async (_, chemin) => {
    const banc = creerBanc(agentMachine, { envelopper: (f) => act(f) });
    render(<EspaceCaf actor={banc.acteur as never} />);
    await act(async () => {
      banc.acteur.start();
      await laisserFiler();
    });
    await executer(gen.graphe, chemin, cibleDe(banc), (_attendu, reel) =>
      verifierFeuille(attendusAgent, 'attendus-agent.ts', reel),
    );
    banc.acteur.stop();
  });
});
