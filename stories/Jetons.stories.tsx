/**
 * R-API-2: « Accès pour votre logiciel de paie », the référent's API tokens: the list, a refused
 * creation, the secret shown once, the revocation's confirmation.
 */
import type { Meta } from '@storybook/react-vite';
import { createActor, waitFor, type ActorRefFrom } from 'xstate';
import type { jetonsMachine } from '../machines/jetons.machine.ts';
import { fakePortal, type WorldOptions } from '../test/machines/fixtures.ts';
import { fakeJetons } from '../test/machines/fixtures-jetons.ts';
import type { PortalActor } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Espace Esat/Accès pour votre logiciel de paie',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

const attendre = { timeout: 5000 };

/** The référent's tokens page, then what `etape` does on it. */
function jetons(etape?: 'creationRefusee' | 'secret' | 'revocation') {
  return async (world: WorldOptions) => {
    const machine = fakePortal({ ...world, referent: true }).machine.provide({
      actors: { jetons: fakeJetons().machine },
    });
    const actor = createActor(machine).start() as unknown as PortalActor;
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }), attendre);
    actor.send({ type: 'accueil.jetons' });
    const child = actor.getSnapshot().children.jetons as ActorRefFrom<typeof jetonsMachine>;
    await waitFor(child, (s) => s.matches('liste'), attendre);
    if (etape === 'creationRefusee' || etape === 'secret') child.send({ type: 'jetons.creer' });
    if (etape === 'creationRefusee') {
      child.send({ type: 'creation.valider', name: '', expiresAt: '02/12/2027' });
      await waitFor(child, (s) => !!s.context.erreur, attendre);
    }
    if (etape === 'secret') {
      child.send({ type: 'creation.valider', name: 'Cegid Paie', expiresAt: '30/06/2027' });
      await waitFor(child, (s) => s.matches('secret'), attendre);
    }
    if (etape === 'revocation') child.send({ type: 'jetons.revoquer', id: 'j1' });
    return actor;
  };
}

export const Liste: Histoire = { name: 'Liste des jetons', loaders: charger(jetons()) };

export const CreationRefusee: Histoire = {
  name: 'Création refusée (nom absent)',
  loaders: charger(jetons('creationRefusee')),
};

export const Secret: Histoire = {
  name: 'Jeton créé, affiché une seule fois',
  loaders: charger(jetons('secret')),
};

export const Revocation: Histoire = {
  name: 'Révocation à confirmer',
  loaders: charger(jetons('revocation')),
};
