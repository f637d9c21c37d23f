// @vitest-environment jsdom
/**
 * Model-based test of the declaration machine: for each kind of run (certificat for the last
 * worker, changement de situation for a worker who is not the last), the portal is driven to
 * the declaration along its generated path, then every generated declaration path is played on
 * the real declaration child, the screen (ui/screens/Portail.tsx) checked at every step.
 */
import '../ui/jsdom-shims.ts';
import { act, cleanup, render } from '@testing-library/react';
import type { AnyMachineSnapshot } from 'xstate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Portail } from '../../ui/screens/Portail.tsx';
import { attendre } from './ecran.ts';
import { decrireChemin } from './generateur.ts';
import {
  configurations,
  declaration,
  enfant,
  finirDeclaration,
  inputDe,
  portalMachine,
} from './modeles.ts';
import { creerBanc, executer, laisserFiler } from './rejouer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe.each(configurations)(
  'declaration machine ($teleprocedure, last: $estDernier)',
  (config) => {
    const gen = declaration(config);
    it.each(gen.chemins.map((c) => [decrireChemin(c), c] as const))('%s', async (_, chemin) => {
      const banc = creerBanc(portalMachine, {
        special: finirDeclaration,
        envelopper: (f) => act(f),
      });
      await act(async () => {
        banc.acteur.start();
        await laisserFiler();
      });
      // The portal's way to the declaration is checked by portail.test.tsx: drawn from here on.
      for (const step of gen.prefixe.steps) await banc.jouer(step.event);
      render(<Portail actor={banc.acteur as never} />);
      const child = enfant(banc.acteur.getSnapshot());
      expect(child && inputDe(child.getSnapshot())).toEqual(gen.input);
      await executer(
        gen.graphe,
        chemin,
        {
          jouer: (event) => banc.jouer(event, child),
          reel: () => child!.getSnapshot() as AnyMachineSnapshot,
        },
        (attendu, reel) => attendre('declaration', attendu, reel, () => banc.acteur.getSnapshot()),
      );
    });
  },
);
