/**
 * R-SE-1: the session alerts, from the real session machine: the warning with its live countdown
 * (« Continuer » renews), and the expiry (« Quitter »). The warning is brought forward to the
 * story's start; the countdown then runs in real time, as the user sees it.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { createActor, fromPromise, waitFor, type ActorRefFrom } from 'xstate';
import { sessionMachine } from '../machines/session.machine.ts';
import { Layout } from '../ui/components/index.ts';
import { AlerteSession } from '../ui/screens/Session.tsx';

type SessionActor = ActorRefFrom<typeof sessionMachine>;

export default {
  title: 'Session/Expiration',
  render: (_args, { loaded }) => (
    <Layout>
      <h1>Espace Esat</h1>
      <p>La page sous l’alerte.</p>
      <AlerteSession actor={loaded.actor as SessionActor} onQuitter={() => undefined} />
    </Layout>
  ),
  // A new actor per load: stop the previous one (and its countdown).
  beforeEach:
    ({ loaded }) =>
    () =>
      (loaded.actor as SessionActor | undefined)?.stop(),
} satisfies Meta;

type Histoire = StoryObj;

/** A logged-in session of 30 minutes whose warning comes at once. */
async function session(expiree: boolean) {
  const actor = createActor(
    sessionMachine.provide({
      delays: { avertissementSession: 0 },
      actors: { renouveler: fromPromise<void>(async () => {}) },
    }),
    { input: { idleMinutes: 30 } },
  ).start();
  actor.send({ type: 'session.demarrer', idleMinutes: 30 });
  await waitFor(actor, (s) => s.matches('avertissement'), { timeout: 5000 });
  if (expiree) actor.send({ type: 'session.expiree' });
  return actor;
}

export const Avertissement: Histoire = {
  name: 'Votre session va expirer (compte à rebours)',
  loaders: [async () => ({ actor: await session(false) })],
};

export const Expiree: Histoire = {
  name: 'Votre session a expiré',
  loaders: [async () => ({ actor: await session(true) })],
};
