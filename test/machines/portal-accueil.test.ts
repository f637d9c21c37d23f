/** The portal machine: machines/portal/accueil.ts: the Caf, its identifiant, what a bookmark asked. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { messagesIdentifiant } from '../../forms/identifiant.ts';
import { fakePortal } from './fixtures.ts';
import { startAt } from './portal-banc.ts';

describe('portal: the accueil', () => {
  describe('R-AC-7: a Caf that does not know the SIRET asks for the identifiant de communication', () => {
    const cafs = [
      { code: '751', name: 'Caf de Paris', workerCount: 30 },
      { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4, identifiantRequis: true },
    ];

    it('choosing that Caf asks for it; a malformed one is refused before any call, a wrong one by the server', async () => {
      const { machine, calls } = fakePortal({ cafs });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'accueil.choisirCaf', code: '921' });
      expect(
        actor.getSnapshot().matches({ espace: { accueil: { identification: 'saisie' } } }),
      ).toBe(true);
      expect(actor.getSnapshot().can({ type: 'accueil.travailleurs' })).toBe(false);
      actor.send({ type: 'identifiant.valider', identifiant: '123-45' });
      expect(actor.getSnapshot().context.erreur?.fields?.[0]).toEqual({
        path: '/identifiant',
        message: messagesIdentifiant.format,
      });
      expect(calls.some((c) => c.name === 'verifierIdentifiant')).toBe(false);
      actor.send({ type: 'identifiant.valider', identifiant: '99999' });
      await waitFor(actor, (s) => s.context.erreur?.code === 'identifiant-inconnu');
      expect(
        actor.getSnapshot().matches({ espace: { accueil: { identification: 'saisie' } } }),
      ).toBe(true);
      actor.send({ type: 'identifiant.valider', identifiant: '12345' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(calls.filter((c) => c.name === 'verifierIdentifiant').map((c) => c.input)).toEqual([
        { caf: '921', identifiant: '99999' },
        { caf: '921', identifiant: '12345' },
      ]);
      actor.send({ type: 'accueil.travailleurs' });
      await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
      // Back to Paris then Hauts-de-Seine again: given once, not asked again.
      actor.send({ type: 'travailleurs.changerCaf', code: '751' });
      actor.send({ type: 'travailleurs.changerCaf', code: '921' });
      await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
      expect(actor.getSnapshot().context.caf).toBe('921');
    });

    it('the pencil of Mes travailleurs to that Caf goes to the accueil for the identifiant; Quitter asks to confirm', async () => {
      const { actor } = await startAt('travailleurs', { cafs });
      actor.send({ type: 'travailleurs.changerCaf', code: '921' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'identification' } }));
      expect(actor.getSnapshot().context.caf).toBe('921');
      actor.send({ type: 'portail.quitter' });
      expect(
        actor
          .getSnapshot()
          .matches({ espace: { accueil: { identification: 'confirmationQuitter' } } }),
      ).toBe(true);
      actor.send({ type: 'quitter.annuler' });
      actor.send({ type: 'accueil.choisirCaf', code: '751' });
      expect(actor.getSnapshot().matches({ espace: { accueil: 'pret' } })).toBe(true);
    });
  });

  it('R-FL-1: a Caf with no worker keeps the user on the accueil', async () => {
    const { machine } = fakePortal({
      cafs: [{ code: '751', name: 'Caf de Paris', workerCount: 0 }],
    });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().can({ type: 'accueil.travailleurs' })).toBe(false);
  });
});
