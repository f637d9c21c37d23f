// @vitest-environment jsdom
/** R-FL-3: the choice of téléprocédure is the machine's; the screen only asks it (state.can). */
import './jsdom-shims.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { Travailleurs } from '../../ui/screens/Travailleurs.tsx';
import { fakePortal, travailleurs } from '../machines/fixtures.ts';

afterEach(cleanup);

async function choix(today: string, ouverte?: (t: string) => boolean) {
  const { machine } = fakePortal({ today });
  const fourni = ouverte
    ? machine.provide({
        guards: {
          teleprocedureOuverte: ({ event }) =>
            event.type === 'choix.choisir' && ouverte(event.teleprocedure),
        },
      })
    : machine;
  const actor = createActor(fourni).start();
  await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
  actor.send({ type: 'accueil.travailleurs' });
  await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
  actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
  actor.send({ type: 'travailleurs.declarer' });
  render(<Travailleurs state={actor.getSnapshot()} send={actor.send} />);
  const bouton = (nom: RegExp) => screen.getByRole('button', { name: nom });
  return {
    certificat: () => bouton(/Certificat d'emploi/),
    changement: () => bouton(/Changement/),
  };
}

describe('R-FL-3: the choice dialog asks the machine', () => {
  it('during the campaign both can be chosen', async () => {
    const { certificat, changement } = await choix('2026-12-02');
    expect(certificat().hasAttribute('disabled')).toBe(false);
    expect(changement().hasAttribute('disabled')).toBe(false);
  });

  it('what the machine refuses is disabled, whatever the date says', async () => {
    const { certificat, changement } = await choix('2026-12-02', (t) => t === 'changement');
    expect(certificat().hasAttribute('disabled')).toBe(true);
    expect(changement().hasAttribute('disabled')).toBe(false);
  });
});
