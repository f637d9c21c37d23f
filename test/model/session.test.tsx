// @vitest-environment jsdom
/**
 * Model-based test of the session machine (R-SE-1): every generated path on a real actor with
 * a 6-second idle limit, on vitest's fake clock, the alert (ui/screens/Session.tsx) checked at
 * every step — the countdown's seconds, « Continuer », the expiry.
 */
import '../ui/jsdom-shims.ts';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { sessionMachine } from '../../machines/session.machine.ts';
import { AlerteSession } from '../../ui/screens/Session.tsx';
import { attendre } from './ecran.ts';
import { decrireChemin } from './generateur.ts';
import { session } from './modeles.ts';
import { IDLE_MINUTES } from './session.modele.ts';
import { cibleDe, creerBanc, executer, laisserFiler } from './rejouer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const gen = session();

describe(`session machine: ${gen.chemins.length} generated paths`, () => {
  it.each(gen.chemins.map((c) => [decrireChemin(c), c] as const))('%s', async (_, chemin) => {
    const banc = creerBanc(sessionMachine, {
      input: { idleMinutes: IDLE_MINUTES },
      envelopper: (f) => act(f),
    });
    render(<AlerteSession actor={banc.acteur as never} onQuitter={() => undefined} />);
    await act(async () => {
      banc.acteur.start();
      await laisserFiler();
    });
    await executer(gen.graphe, chemin, cibleDe(banc), (attendu, reel) =>
      attendre('session', attendu, reel),
    );
  });
});
