/** What every story shares: the `today` control, the loader that drives the machine, the render. */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { Portail } from '../ui/screens/Portail.tsx';
import { AUJOURD_HUI, type PortalActor } from './drive.ts';

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

/** A story whose actor is driven by `aller` in a world of `world` plus the `today` arg. */
export function etat(
  name: string,
  aller: (world: WorldOptions) => Promise<PortalActor>,
  world: Omit<WorldOptions, 'today'> = {},
): Histoire {
  return {
    name,
    loaders: [async ({ args }) => ({ actor: await aller({ ...world, today: args.today }) })],
  };
}
