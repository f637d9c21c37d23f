/** What the stories of the agent's space share: the campaign's « today », the eager screens. */
import type { Meta } from '@storybook/react-vite';
import { AUJOURD_HUI_CAF } from '../test/machines/fixtures-caf.ts';
import { EspaceCaf } from '../ui/screens/caf/EspaceCaf.tsx';
import { Portail } from '../ui/screens/Portail.tsx';
import type { PortalActor } from './drive.ts';
import { metaPortail, type ArgsPortail } from './portail.tsx';

/** Spread into each Caf file's meta: a week before the deadline of the campaign 2026. */
export const metaCaf = {
  ...metaPortail,
  args: { today: AUJOURD_HUI_CAF },
  // The screens are given at once (the product loads them lazily): a story is drawn in one go.
  render: (_args, { loaded }) => (
    <Portail actor={loaded.actor as PortalActor} espaceCaf={EspaceCaf} />
  ),
} satisfies Partial<Meta<ArgsPortail>>;
