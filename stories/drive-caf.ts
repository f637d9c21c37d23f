/**
 * Drives the agent machine, inside the real portal, with the invented Caf of
 * test/machines/fixtures-caf.ts, to the state a story of the agent's space shows.
 */
import { waitFor, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { agentMachine, FormatExport } from '../machines/agent.machine.ts';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { agent, type PortalActor } from './drive.ts';

export type AgentActor = ActorRefFrom<typeof agentMachine>;
type AgentSnapshot = SnapshotFrom<typeof agentMachine>;

const attendre = { timeout: 5000 };

/** The agent child of the portal (id 'agent'). */
export function enfantAgent(actor: PortalActor): AgentActor {
  const child = actor.getSnapshot().children.agent as AgentActor | undefined;
  if (!child) throw new Error('Aucun espace Caf en cours');
  return child;
}

/** The state the agent must reach, by `matches`, and nothing under way. */
export const attendreAgent = (
  agentActor: AgentActor,
  etat: Parameters<AgentSnapshot['matches']>[0],
) => waitFor(agentActor, (s) => s.matches(etat), attendre);

/** The agent's space on the campaign, then taken further by `conduire`. */
export async function espaceCaf(
  world: WorldOptions,
  conduire: (a: AgentActor) => Promise<unknown> = async () => undefined,
) {
  const actor = await agent(world);
  const a = enfantAgent(actor);
  await waitFor(
    a,
    (s) => s.matches({ campagne: 'tableau' }) || s.matches({ campagne: 'echec' }),
    attendre,
  );
  await conduire(a);
  return actor;
}

/** The campaign after `events` (filter, sort, year…), back in its table. */
export const campagne = (world: WorldOptions, ...events: Parameters<AgentActor['send']>[0][]) =>
  espaceCaf(world, async (a) => {
    for (const e of events) {
      a.send(e);
      await waitFor(a, (s) => s.matches({ campagne: 'tableau' }), attendre);
    }
  });

/** The fiche of an Esat (the first of the fixtures by default). */
export const ficheEsat = (
  world: WorldOptions,
  siret = '12345678900012',
  ensuite: (a: AgentActor) => Promise<unknown> = async () => undefined,
) =>
  espaceCaf(world, async (a) => {
    a.send({ type: 'campagne.ouvrir', siret });
    await waitFor(a, (s) => s.matches({ esat: 'fiche' }) || s.matches({ esat: 'echec' }), attendre);
    await ensuite(a);
  });

/** « Déclarations reçues », then taken further. */
export const declarations = (
  world: WorldOptions,
  ensuite: (a: AgentActor) => Promise<unknown> = async () => undefined,
) =>
  espaceCaf(world, async (a) => {
    a.send({ type: 'onglet.declarations' });
    await waitFor(
      a,
      (s) => s.matches({ declarations: 'liste' }) || s.matches({ declarations: 'echec' }),
      attendre,
    );
    await ensuite(a);
  });

/** An export of the current filter, done. */
export async function exporter(a: AgentActor, format: FormatExport = 'csv') {
  a.send({ type: 'declarations.exporter', format });
  await attendreAgent(a, { declarations: 'liste' });
}

/** The first declaration of the list, opened. */
export async function ouvrirPremiere(a: AgentActor) {
  const id = a.getSnapshot().context.declarations!.items[0].id;
  a.send({ type: 'declarations.ouvrir', id });
  await waitFor(
    a,
    (s) =>
      s.matches({ declarations: { detail: 'lecture' } }) ||
      s.matches({ declarations: { detail: 'echec' } }),
    attendre,
  );
}

/** « Relances », then taken further. */
export const relances = (
  world: WorldOptions,
  ensuite: (a: AgentActor) => Promise<unknown> = async () => undefined,
) =>
  espaceCaf(world, async (a) => {
    a.send({ type: 'onglet.relances' });
    await waitFor(
      a,
      (s) => s.matches({ relances: 'choix' }) || s.matches({ relances: 'echec' }),
      attendre,
    );
    await ensuite(a);
  });

/** The preview of a reminder to the Esat given (or every late one). */
export async function apercu(a: AgentActor, sirets: string[] | 'retard') {
  if (sirets === 'retard') a.send({ type: 'relances.toutes' });
  else for (const siret of sirets) a.send({ type: 'relances.basculer', siret });
  a.send({ type: 'relances.apercu' });
  await waitFor(
    a,
    (s) => s.matches({ relances: { apercu: 'lecture' } }) || s.matches({ relances: 'choix' }),
    attendre,
  );
}
