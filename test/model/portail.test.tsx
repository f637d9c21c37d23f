// @vitest-environment jsdom
/**
 * Model-based test of the portal machine: every generated path (modeles.ts) is played on a real
 * portal actor rendered by the real UI (ui/screens/Portail.tsx); at every step the real state
 * must be the model's and the screen must show what attendus.ts says for it. Its import child is
 * the real import machine, with the import's screens (whose own paths are import.test.tsx's).
 */
import '../ui/jsdom-shims.ts';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { EspaceCaf } from '../../ui/screens/caf/EspaceCaf.tsx';
import { Import } from '../../ui/screens/import/Import.tsx';
import { Portail } from '../../ui/screens/Portail.tsx';
import { attendre } from './ecran.ts';
import { decrireChemin, invocations } from './generateur.ts';
import { finirEnfant, portail, portalAvecImport, portalMachine } from './modeles.ts';
import { cibleDe, creerBanc, executer, laisserFiler } from './rejouer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const gen = portail();
const noms = invocations(portalMachine);

describe(`portal machine: ${gen.chemins.length} generated paths`, () => {
  it.each(gen.chemins.map((c) => [decrireChemin(c, noms), c] as const))('%s', async (_, chemin) => {
    const banc = creerBanc(portalAvecImport, {
      special: finirEnfant,
      envelopper: (f) => act(f),
    });
    render(<Portail actor={banc.acteur as never} espaceCaf={EspaceCaf} importFichier={Import} />);
    await act(async () => {
      banc.acteur.start();
      await laisserFiler();
    });
    await executer(gen.graphe, chemin, cibleDe(banc), (attendu, reel) =>
      attendre('portail', attendu, reel),
    );
  });
});
