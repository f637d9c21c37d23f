/** The portal machine: machines/portal/agent.ts: the agent machine kept alive under the header's dialogs. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type ActorRefFrom } from 'xstate';
import type { agentMachine } from '../../machines/agent.machine.ts';
import { fakePortal } from './fixtures.ts';

describe('portal: the Caf agent’s space in the portal', () => {
  it('R-FL-5: a Caf agent goes to its own space (the campaign), not to an Esat space, and can quit', async () => {
    const { machine, calls } = fakePortal({ agent: true, today: '2027-01-08' });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    const agent = actor.getSnapshot().children.agent as ActorRefFrom<typeof agentMachine>;
    await waitFor(agent, (s) => s.matches({ campagne: 'tableau' }));
    actor.send({ type: 'portail.quitter' });
    expect(actor.getSnapshot().matches({ agent: 'confirmationQuitter' })).toBe(true);
    actor.send({ type: 'quitter.annuler' });
    // The agent's screen is kept under the confirmation.
    expect(actor.getSnapshot().children.agent).toBe(agent);
    actor.send({ type: 'portail.quitter' });
    actor.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches('connexion'));
    expect(calls.some((c) => c.name === 'deconnecter')).toBe(true);
  });

  it('R-AC-5: a Caf agent accepts the CGU before its space, like everyone', async () => {
    const { machine, calls } = fakePortal({ agent: true, cguAccepted: false });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ cgu: 'lecture' }));
    actor.send({ type: 'cgu.accepter' });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    expect(calls.map((c) => c.name)).toContain('accepterCgu');
  });

  it('R-AC-2: a Caf agent with a provisional password changes it first', async () => {
    const { machine } = fakePortal({ agent: true, provisoire: true });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ motDePasse: 'saisie' }));
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'Provisoire-2026!',
      newPassword: 'Un-mot-de-passe-solide-2027',
    });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
  });

  it('R-AC-4: « Mon mot de passe » from the agent space, and back to the same screen', async () => {
    const { machine, calls } = fakePortal({ agent: true, today: '2027-01-08' });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    const agent = actor.getSnapshot().children.agent as ActorRefFrom<typeof agentMachine>;
    agent.send({ type: 'onglet.relances' });
    await waitFor(agent, (s) => s.matches({ relances: 'choix' }));
    actor.send({ type: 'portail.motDePasse' });
    actor.send({ type: 'motDePasse.annuler' });
    expect(actor.getSnapshot().matches({ agent: 'travail' })).toBe(true);
    actor.send({ type: 'portail.motDePasse' });
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'bon-mot-de-passe',
      newPassword: 'Un-mot-de-passe-solide-2027',
    });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    expect(actor.getSnapshot().context.succes).toBe('Votre mot de passe a été changé.');
    expect(calls.some((c) => c.name === 'changerMotDePasse')).toBe(true);
    expect(agent.getSnapshot().matches('relances')).toBe(true);
  });
});
