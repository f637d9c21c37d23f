/** The portal machine: machines/portal/import.ts, the import invoked and left. */
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { PortalEvent } from '../../machines/portal.machine.ts';
import { startAt } from './portal-banc.ts';

const deuxCaf = [
  { code: '751', name: 'Caf de Paris', workerCount: 30 },
  { code: '931', name: 'Caf de la Seine-Saint-Denis', workerCount: 4 },
];

describe('portal: the import of a payroll file', () => {
  it.each([
    {
      sortie: 'the accueil address',
      evenement: { type: 'navigation.aller', adresse: { ecran: 'accueil' } },
      vers: 'accueil',
    },
    {
      sortie: 'the header’s « Mon mot de passe »',
      evenement: { type: 'portail.motDePasse' },
      vers: 'motDePasse',
    },
    {
      sortie: 'the Mes travailleurs address',
      evenement: {
        type: 'navigation.aller',
        adresse: { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false },
      },
      vers: 'travailleurs',
    },
  ] satisfies {
    sortie: string;
    evenement: PortalEvent;
    vers: 'accueil' | 'motDePasse' | 'travailleurs';
  }[])(
    'R-IM: left from its file step by $sortie, the portal goes where the import says',
    async ({ evenement, vers }) => {
      const { actor } = await startAt('travailleurs');
      actor.send({ type: 'travailleurs.importer' });
      expect(actor.getSnapshot().matches({ espace: { import: 'actif' } })).toBe(true);
      actor.send(evenement);
      await waitFor(actor, (s) => s.matches({ espace: vers }));
      expect(actor.getSnapshot().children.import).toBeUndefined();
    },
  );

  it('R-SE-3: the header’s « Quitter » with several Caf ends the import on the Caf choice; with one, asks before logging out', async () => {
    const plusieurs = await startAt('travailleurs', { cafs: deuxCaf });
    plusieurs.actor.send({ type: 'travailleurs.importer' });
    plusieurs.actor.send({ type: 'portail.quitter' });
    await waitFor(plusieurs.actor, (s) => s.matches({ espace: { accueil: 'pret' } }));

    const une = await startAt('travailleurs');
    une.actor.send({ type: 'travailleurs.importer' });
    une.actor.send({ type: 'portail.quitter' });
    expect(une.actor.getSnapshot().matches({ espace: { import: 'confirmationQuitter' } })).toBe(
      true,
    );
    une.actor.send({ type: 'quitter.annuler' });
    expect(une.actor.getSnapshot().matches({ espace: { import: 'actif' } })).toBe(true);
  });

  it('R-IM: « Importer » is not offered outside the campaign', async () => {
    const { actor } = await startAt('travailleurs', { today: '2027-06-15' });
    expect(actor.getSnapshot().can({ type: 'travailleurs.importer' })).toBe(false);
  });
});
