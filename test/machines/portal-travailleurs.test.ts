/** The portal machine: machines/portal/travailleurs.ts: list, filter, selection, choice of téléprocédure. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import { travailleurs } from './fixtures.ts';
import { startAt } from './portal-banc.ts';

afterEach(() => vi.useRealTimers());

describe('portal: Mes travailleurs', () => {
  it('R-FL-2: the selection is kept across pages and the filter waits for a pause in typing', async () => {
    const { actor, calls } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.page', page: 2 });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && s.context.liste?.page === 2,
    );
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[13] });
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1', 'w14']);

    vi.useFakeTimers();
    const before = calls.filter((c) => c.name === 'chargerTravailleurs').length;
    actor.send({ type: 'travailleurs.filtrer', q: 'le' });
    actor.send({ type: 'travailleurs.filtrer', q: 'lef' });
    await vi.advanceTimersByTimeAsync(299);
    expect(calls.filter((c) => c.name === 'chargerTravailleurs')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(calls.at(-1)).toEqual({
      name: 'chargerTravailleurs',
      input: { caf: '751', q: 'lef', page: 1, pageSize: 12, sansCertificat: false },
    });
    expect(actor.getSnapshot().context.selection).toHaveLength(2);
  });

  it.each([
    { today: '2026-12-02', certificat: true },
    { today: '2027-02-28', certificat: true },
    { today: '2028-02-29', certificat: true },
    { today: '2027-03-01', certificat: false },
    { today: '2027-06-15', certificat: false },
    { today: '2026-11-30', certificat: false },
  ])(
    'R-FL-3 / R-CE-1: on $today the certificat can be chosen: $certificat',
    async ({ today, certificat }) => {
      const { actor } = await startAt('travailleurs', { today });
      actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
      actor.send({ type: 'travailleurs.declarer' });
      expect(actor.getSnapshot().matches({ espace: { travailleurs: 'choix' } })).toBe(true);
      expect(actor.getSnapshot().can({ type: 'choix.choisir', teleprocedure: 'certificat' })).toBe(
        certificat,
      );
    },
  );

  it('« Déclarer » needs a selection', async () => {
    const { actor } = await startAt('travailleurs');
    expect(actor.getSnapshot().can({ type: 'travailleurs.declarer' })).toBe(false);
  });

  it.each([
    { cafs: 1, expected: { espace: { travailleurs: 'confirmationQuitter' } } },
    { cafs: 2, expected: { espace: { accueil: 'chargement' } } },
  ] as const)(
    'R-SE-3: Quitter from the list with $cafs Caf → $expected',
    async ({ cafs, expected }) => {
      const list = [
        { code: '751', name: 'Caf de Paris', workerCount: 30 },
        { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4 },
      ].slice(0, cafs);
      const { actor, calls } = await startAt('travailleurs', { cafs: list });
      actor.send({ type: 'portail.quitter' });
      expect(actor.getSnapshot().matches(expected)).toBe(true);
      if (cafs === 1) {
        actor.send({ type: 'quitter.annuler' });
        expect(actor.getSnapshot().matches({ espace: { travailleurs: 'liste' } })).toBe(true);
        actor.send({ type: 'portail.quitter' });
        actor.send({ type: 'quitter.confirmer' });
        await waitFor(actor, (s) => s.matches('connexion'));
        expect(calls.some((c) => c.name === 'deconnecter')).toBe(true);
      } else {
        // From the Caf choice itself, Quitter asks for the confirmation.
        await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
        actor.send({ type: 'portail.quitter' });
        expect(actor.getSnapshot().matches({ espace: { accueil: 'confirmationQuitter' } })).toBe(
          true,
        );
      }
    },
  );
});
