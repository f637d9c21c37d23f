/** The portal machine: machines/portal/utilisateurs.ts. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { fakePortal } from './fixtures.ts';

describe('portal: the référent’s users', () => {
  describe('the référent manages the users of its Esat', () => {
    async function gestion() {
      const { machine, calls } = fakePortal({ referent: true });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'accueil.utilisateurs' });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      return { actor, calls };
    }

    it('it opens from the accueil even while a Caf waits for its identifiant (users are not per Caf)', async () => {
      const { machine } = fakePortal({
        referent: true,
        cafs: [
          { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4, identifiantRequis: true },
        ],
      });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'identification' } }));
      actor.send({ type: 'accueil.utilisateurs' });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      expect(actor.getSnapshot().context.utilisateurs).toHaveLength(3);
    });

    it('a déclarant cannot open it', async () => {
      const { machine } = fakePortal();
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(actor.getSnapshot().can({ type: 'accueil.utilisateurs' })).toBe(false);
    });

    it('creates an account: a refused address stays on the form with the message; a good one reloads the list and says so', async () => {
      const { actor, calls } = await gestion();
      expect(actor.getSnapshot().context.utilisateurs).toHaveLength(3);
      actor.send({ type: 'utilisateurs.creer' });
      actor.send({
        type: 'creation.valider',
        email: 'declarant@esat-des-tilleuls.test',
        role: 'declarant',
      });
      await waitFor(
        actor,
        (s) =>
          s.matches({ espace: { utilisateurs: { creation: 'saisie' } } }) && !!s.context.erreur,
      );
      expect(actor.getSnapshot().context.erreur?.fields?.[0].path).toBe('/email');
      actor.send({
        type: 'creation.valider',
        email: 'nouvelle@esat-des-tilleuls.test',
        role: 'referent',
      });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      const { context } = actor.getSnapshot();
      expect(context.succes).toMatch(/nouvelle@esat-des-tilleuls.test a été créé/);
      expect(context.utilisateurs?.map((u) => u.email)).toContain(
        'nouvelle@esat-des-tilleuls.test',
      );
      expect(calls.filter((c) => c.name === 'chargerUtilisateurs')).toHaveLength(2);
    });

    it('deactivation asks first; cancel changes nothing, confirm deactivates; reactivation needs no confirmation', async () => {
      const { actor, calls } = await gestion();
      actor.send({ type: 'utilisateurs.desactiver', email: 'declarant@esat-des-tilleuls.test' });
      expect(
        actor.getSnapshot().matches({ espace: { utilisateurs: 'confirmationDesactivation' } }),
      ).toBe(true);
      actor.send({ type: 'desactivation.annuler' });
      expect(actor.getSnapshot().matches({ espace: { utilisateurs: 'liste' } })).toBe(true);
      expect(calls.some((c) => c.name === 'changerActivation')).toBe(false);
      actor.send({ type: 'utilisateurs.desactiver', email: 'declarant@esat-des-tilleuls.test' });
      actor.send({ type: 'desactivation.confirmer' });
      await waitFor(
        actor,
        (s) => s.matches({ espace: { utilisateurs: 'liste' } }) && !!s.context.succes,
      );
      expect(
        actor
          .getSnapshot()
          .context.utilisateurs?.find((u) => u.email === 'declarant@esat-des-tilleuls.test')
          ?.active,
      ).toBe(false);
      actor.send({ type: 'utilisateurs.reactiver', email: 'ancien@esat-des-tilleuls.test' });
      await waitFor(
        actor,
        (s) =>
          s.matches({ espace: { utilisateurs: 'liste' } }) &&
          /réactivé/.test(s.context.succes ?? ''),
      );
      expect(calls.filter((c) => c.name === 'changerActivation').map((c) => c.input)).toEqual([
        { email: 'declarant@esat-des-tilleuls.test', active: false },
        { email: 'ancien@esat-des-tilleuls.test', active: true },
      ]);
      actor.send({ type: 'utilisateurs.accueil' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(actor.getSnapshot().context.succes).toBeUndefined();
    });
  });
});
