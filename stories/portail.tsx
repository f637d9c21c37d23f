/** What every story shares: the `today` control, the loader that drives the machine, the render. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { Portail } from '../ui/screens/Portail.tsx';
import { AUJOURD_HUI, inspecter, type Inspection, type PortalActor } from './drive.ts';

/** The story args: the date the fake server gives as today (it decides the choice of téléprocédure). */
export interface ArgsPortail {
  today: string;
}

export type Histoire = StoryObj<ArgsPortail>;

/** Spread into each file's meta, next to its `title`. */
export const metaPortail = {
  args: { today: AUJOURD_HUI },
  argTypes: {
    today: {
      control: 'text',
      description:
        "Date du jour (AAAA-MM-JJ) donnée par le serveur : du 1er décembre à fin février, le certificat d'emploi est ouvert ; sinon le changement de situation seul.",
    },
  },
  render: (_args, { loaded }) => <Portail actor={loaded.actor as PortalActor} />,
  // A new actor is driven on every load (and when `today` changes): stop the previous one.
  beforeEach:
    ({ loaded }) =>
    () =>
      (loaded.actor as PortalActor | undefined)?.stop(),
} satisfies Partial<Meta<ArgsPortail>>;

let inspecteur: Promise<Inspection> | undefined;

/**
 * The Stately inspector, opened once per Storybook tab when the toolbar's « Inspecteur » is on
 * (.storybook/preview.tsx). Loaded on demand so that it stays out of every other story run
 * (TOOLCHAIN pitfall 4); its window is stately.ai/inspect, which needs the network.
 */
function inspecteurStately(): Promise<Inspection> {
  inspecteur ??= import('@statelyai/inspect').then(
    ({ createBrowserInspector }) => createBrowserInspector().inspect,
  );
  return inspecteur;
}

/**
 * The loader of a story: drives a new actor with `aller` in a world of `world` plus the `today`
 * arg, inspected when the « Inspecteur » global is on. (Story names stay literal in each file:
 * Storybook's indexer reads them statically.)
 */
export function charger(
  aller: (world: WorldOptions) => Promise<PortalActor>,
  world: Omit<WorldOptions, 'today'> = {},
): NonNullable<Histoire['loaders']> {
  return [
    async ({ args, globals }) => {
      inspecter(globals.inspecteur === 'on' ? await inspecteurStately() : undefined);
      return { actor: await aller({ ...world, today: args.today }) };
    },
  ];
}
