/** The portal machine: machines/portal/connexion.ts: profile, connexion, CGU, password changes, logout. */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { fakePortal, travailleurs, type WorldOptions } from './fixtures.ts';
import { startAt } from './portal-banc.ts';

describe('portal: the portal’s way in and out', () => {
  it('R-AC: a wrong password stays on the connexion with the server message', async () => {
    const { actor } = await startAt('connexion', { loggedIn: false });
    actor.send({ type: 'connexion.soumettre', email: 'a@b.test', password: 'faux' });
    await waitFor(actor, (s) => s.matches({ connexion: 'saisie' }) && !!s.context.erreur);
    expect(actor.getSnapshot().context.erreur?.message).toBe(
      'Identifiant ou mot de passe incorrect.',
    );
  });

  it.each([
    { cguAccepted: false, answer: 'cgu.accepter', expected: 'espace' },
    { cguAccepted: false, answer: 'cgu.refuser', expected: 'connexion' },
  ] as const)(
    'R-AC-5: first login shows the CGU; $answer → $expected',
    async ({ cguAccepted, answer, expected }) => {
      const { actor } = await startAt('connexion', { loggedIn: false, cguAccepted });
      actor.send({ type: 'connexion.soumettre', email: 'a@b.test', password: 'bon-mot-de-passe' });
      await waitFor(actor, (s) => s.matches('cgu'));
      actor.send({ type: answer });
      await waitFor(actor, (s) => s.matches(expected));
      expect(actor.getSnapshot().matches(expected)).toBe(true);
    },
  );

  it('R-AC-4: « Mon mot de passe » from the espace: refused → message at the field; changed → accueil with a confirmation; not during a run', async () => {
    const { actor, calls } = await startAt('travailleurs');
    actor.send({ type: 'portail.motDePasse' });
    expect(actor.getSnapshot().matches({ espace: { motDePasse: 'saisie' } })).toBe(true);
    actor.send({ type: 'motDePasse.changer', currentPassword: 'ancien', newPassword: 'court' });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { motDePasse: 'saisie' } }) && !!s.context.erreur,
    );
    expect(actor.getSnapshot().context.erreur?.fields?.[0].path).toBe('/newPassword');
    actor.send({ type: 'motDePasse.annuler' });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.erreur).toBeUndefined();
    actor.send({ type: 'portail.motDePasse' });
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'ancien',
      newPassword: 'une phrase assez longue',
    });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.succes).toBe('Votre mot de passe a été changé.');
    expect(calls.filter((c) => c.name === 'changerMotDePasse')).toHaveLength(2);
    // During a run: from a fiche at once (the worker stays selected), from a declaration after
    // the quit confirmation.
    actor.send({ type: 'accueil.travailleurs' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    actor.send({ type: 'fiche.declarer' });
    actor.send({ type: 'portail.motDePasse' });
    expect(
      actor.getSnapshot().matches({ espace: { run: { declaration: 'confirmationQuitter' } } }),
    ).toBe(true);
    actor.send({ type: 'quitter.confirmer' });
    expect(actor.getSnapshot().matches({ espace: 'motDePasse' })).toBe(true);
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1']);
  });
});

describe('portal: where the profile leads, and the logout', () => {
  it.each([
    { profil: 'a provisional password', options: { provisoire: true }, ecran: 'motDePasse' },
    { profil: 'CGU not accepted yet', options: { cguAccepted: false }, ecran: 'cgu' },
    { profil: 'a Caf agent', options: { agent: true }, ecran: 'agent' },
    { profil: 'a déclarant', options: {}, ecran: 'espace' },
  ] satisfies {
    profil: string;
    options: WorldOptions;
    ecran: 'motDePasse' | 'cgu' | 'agent' | 'espace';
  }[])(
    'R-AC-2 / R-AC-5: logged in with $profil, the first screen is $ecran',
    async ({ options, ecran }) => {
      const { machine } = fakePortal(options);
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => !s.matches('demarrage'));
      expect(actor.getSnapshot().matches(ecran)).toBe(true);
      expect(actor.getSnapshot().context.profil).toBeDefined();
    },
  );

  it.each([
    { serveur: 'answers', deconnecter: () => Promise.resolve() },
    { serveur: 'fails', deconnecter: () => Promise.reject(new Error('réseau')) },
  ])(
    'the logout forgets the profile, the selection and the run whether the server $serveur',
    async ({ deconnecter }) => {
      const { machine } = fakePortal();
      const actor = createActor(
        machine.provide({ actors: { deconnecter: fromPromise(deconnecter) } }),
      ).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'accueil.travailleurs' });
      await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
      actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
      actor.send({ type: 'portail.quitter' });
      actor.send({ type: 'quitter.confirmer' });
      await waitFor(actor, (s) => s.matches('connexion'));
      const { profil, selection, run } = actor.getSnapshot().context;
      expect({ profil, selection, run }).toEqual({
        profil: undefined,
        selection: [],
        run: undefined,
      });
    },
  );
});
