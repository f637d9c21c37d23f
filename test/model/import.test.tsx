// @vitest-environment jsdom
/**
 * Model-based test of the import machine (machines/import.machine.ts, R-IM) on its own: every
 * generated path (import.modele.ts), a new import and a resumed one, played on a real actor with
 * driven server calls, the import's screens (ui/screens/import/Import.tsx) checked at every step
 * against attendus-import.ts.
 */
import '../ui/jsdom-shims.ts';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { importMachine } from '../../machines/import.machine.ts';
import { Import } from '../../ui/screens/import/Import.tsx';
import { attendusImport } from './attendus-import.ts';
import { decrireChemin } from './generateur.ts';
import { entreesImport, importGenere } from './import.modele.ts';
import { cibleDe, creerBanc, executer, laisserFiler } from './rejouer.ts';
import { verifierFeuille } from './ecran.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe.each(entreesImport.map((input) => [input.reprise ? 'resumed' : 'new', input] as const))(
  'import machine (%s import)',
  (_, input) => {
    const gen = importGenere(input);
    it.each(gen.chemins.map((c) => [decrireChemin(c), c] as const))('%s', async (_n, chemin) => {
      const banc = creerBanc(importMachine, { input, envelopper: (f) => act(f) });
      render(<Import actor={banc.acteur as never} />);
      await act(async () => {
        banc.acteur.start();
        await laisserFiler();
      });
      await executer(gen.graphe, chemin, cibleDe(banc), (_a, reel) =>
        verifierFeuille(attendusImport, 'attendus-import.ts', reel),
      );
      banc.acteur.stop();
    });
  },
);
