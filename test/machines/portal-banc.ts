/** Starting the portal machine on the fake server (fixtures.ts), for the tests of its parts. */
import { createActor, waitFor, type ActorRefFrom } from 'xstate';
import type { declarationMachine } from '../../machines/declaration.machine.ts';
import { fakePortal, type WorldOptions } from './fixtures.ts';

/** A certificat that passes every rule. */
export const valide = {
  moisRemunerationGarantie: '12',
  remunerationGarantie: '1200',
  aideAuPoste: '700',
};

/** The portal started and brought to the connexion or to Mes travailleurs. */
export async function startAt(state: 'connexion' | 'travailleurs', options: WorldOptions = {}) {
  const { machine, calls } = fakePortal(options);
  const actor = createActor(machine).start();
  if (state === 'travailleurs') {
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    actor.send({ type: 'accueil.travailleurs' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
  } else {
    await waitFor(actor, (s) => s.matches('connexion'));
  }
  return { actor, calls };
}

/** The declaration the run invoked. */
export function declaration(actor: { getSnapshot(): { children: Record<string, unknown> } }) {
  return actor.getSnapshot().children.declaration as ActorRefFrom<typeof declarationMachine>;
}

/** From the fiche: declares a valid certificat and waits for the Fin page. */
export async function declarerJusquaFin(
  actor: Parameters<typeof declaration>[0] & { send: (e: { type: 'fiche.declarer' }) => void },
) {
  actor.send({ type: 'fiche.declarer' });
  const child = declaration(actor);
  for (const [name, value] of Object.entries(valide))
    child.send({ type: 'saisie.changer', name, value });
  child.send({ type: 'saisie.valider' });
  child.send({ type: 'recapitulatif.valider' });
  await waitFor(child, (s) => s.matches('fin'));
  return child;
}
