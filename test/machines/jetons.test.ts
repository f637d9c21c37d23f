/** R-API-2: « Accès pour votre logiciel de paie », the référent's tokens, as a machine. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { unAnApres } from '../../forms/dates.ts';
import { jetonsMachine, jourSaisi } from '../../machines/jetons.machine.ts';
import { fakePortal } from './fixtures.ts';
import { existant, fakeJetons } from './fixtures-jetons.ts';

async function demarrer() {
  const { machine, calls } = fakeJetons();
  const actor = createActor(machine, { input: { today: '2026-12-02' } }).start();
  await waitFor(actor, (s) => s.matches('liste'));
  return { actor, calls };
}

describe('R-API-2: the tokens machine', () => {
  it.each([
    ['2026-12-02', '2027-12-02'],
    ['2028-02-29', '2029-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('one year after %s is at most %s', (today, max) => {
    expect(unAnApres(today)).toBe(max);
  });

  it.each([
    ['30/06/2027', '2027-06-30'],
    [' 1/7/2027 ', '2027-07-01'],
    ['2027-06-30', '2027-06-30'],
    ['demain', 'demain'],
  ])('the day typed %s is sent as %s', (typed, sent) => {
    expect(jourSaisi(typed)).toBe(sent);
  });

  it('lists the tokens on arrival', async () => {
    const { actor } = await demarrer();
    expect(actor.getSnapshot().context.jetons).toEqual([existant]);
  });

  it('a refused creation stays on the form with the server’s message', async () => {
    const { actor } = await demarrer();
    actor.send({ type: 'jetons.creer' });
    actor.send({ type: 'creation.valider', name: ' ', expiresAt: '2027-12-02' });
    await waitFor(actor, (s) => s.matches({ creation: 'saisie' }) && !!s.context.erreur);
    expect(actor.getSnapshot().context.erreur?.code).toBe('jeton-invalide');
    expect(actor.getSnapshot().context.cree).toBeUndefined();
  });

  it('shows the secret once, then forgets it and reloads the list with a success', async () => {
    const { actor, calls } = await demarrer();
    actor.send({ type: 'jetons.creer' });
    expect(actor.getSnapshot().matches({ creation: 'saisie' })).toBe(true);
    actor.send({ type: 'creation.valider', name: 'Cegid', expiresAt: '30/06/2027' });
    await waitFor(actor, (s) => s.matches('secret'));
    expect(calls.at(-1)).toEqual({
      name: 'creerJeton',
      input: { name: 'Cegid', expiresAt: '2027-06-30' },
    });
    expect(actor.getSnapshot().context.cree?.token).toBe('esat_secret-shown-once');
    expect(actor.getSnapshot().context.copie).toBe(false);
    actor.send({ type: 'secret.copie' });
    expect(actor.getSnapshot().context.copie).toBe(true);
    actor.send({ type: 'secret.fermer' });
    await waitFor(actor, (s) => s.matches('liste'));
    const { context } = actor.getSnapshot();
    expect(context.cree).toBeUndefined();
    expect(JSON.stringify(context)).not.toContain('esat_secret-shown-once');
    expect(context.succes).toBe(
      "Le jeton « Cegid » est créé. Votre logiciel de paie peut l'utiliser dès maintenant.",
    );
    expect(context.jetons?.map((j) => j.name)).toEqual(['Cegid', 'Paie Sage']);
  });

  it('leaving from the secret forgets it too', async () => {
    const { actor } = await demarrer();
    actor.send({ type: 'jetons.creer' });
    actor.send({ type: 'creation.valider', name: 'Cegid', expiresAt: '2027-06-30' });
    await waitFor(actor, (s) => s.matches('secret'));
    actor.send({ type: 'jetons.retour' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.cree).toBeUndefined();
  });

  it('revokes only after the confirmation; « Annuler » changes nothing', async () => {
    const { actor, calls } = await demarrer();
    actor.send({ type: 'jetons.revoquer', id: 'j1' });
    expect(actor.getSnapshot().matches('confirmationRevocation')).toBe(true);
    expect(actor.getSnapshot().context.cible?.name).toBe('Paie Sage');
    actor.send({ type: 'revocation.annuler' });
    expect(actor.getSnapshot().matches('liste')).toBe(true);
    expect(calls.some((c) => c.name === 'revoquerJeton')).toBe(false);
    actor.send({ type: 'jetons.revoquer', id: 'j1' });
    actor.send({ type: 'revocation.confirmer' });
    await waitFor(actor, (s) => s.matches('liste') && !!s.context.succes);
    expect(calls).toContainEqual({ name: 'revoquerJeton', input: { id: 'j1' } });
    expect(actor.getSnapshot().context.jetons?.[0].revoked).toBe(true);
    expect(actor.getSnapshot().context.succes).toMatch(/« Paie Sage » est révoqué/);
  });
});

describe('R-API-2: reached from the portal, by the référent only', () => {
  it('opens from the accueil and from the users page, and goes back to the accueil', async () => {
    const { machine } = fakePortal({ referent: true });
    const actor = createActor(
      machine.provide({ actors: { jetons: fakeJetons().machine } }),
    ).start();
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    actor.send({ type: 'accueil.jetons' });
    expect(actor.getSnapshot().matches({ espace: 'jetons' })).toBe(true);
    const child = actor.getSnapshot().children.jetons as ReturnType<
      typeof createActor<typeof jetonsMachine>
    >;
    await waitFor(child, (s) => s.matches('liste'));
    expect(child.getSnapshot().context.today).toBe('2026-12-02');
    expect(child.getSnapshot().context.max).toBe('2027-12-02');
    child.send({ type: 'jetons.retour' });
    await waitFor(actor, (s) => s.matches({ espace: 'accueil' }));

    actor.send({ type: 'accueil.utilisateurs' });
    await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
    actor.send({ type: 'accueil.jetons' });
    expect(actor.getSnapshot().matches({ espace: 'jetons' })).toBe(true);
  });

  it('a déclarant cannot open it', async () => {
    const { machine } = fakePortal();
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().can({ type: 'accueil.jetons' })).toBe(false);
  });
});
