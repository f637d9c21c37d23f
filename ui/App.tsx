import { useActorRef } from '@xstate/react';
import { portalServeur } from './api.ts';
import { Portail } from './screens/Portail.tsx';

/** The product: the portal machine wired to the server, rendered by the screens. */
export function App({ inspect }: { inspect?: Parameters<typeof useActorRef>[1] extends infer O ? O extends { inspect?: infer I } ? I : never : never }) {
  const actor = useActorRef(portalServeur, { inspect });
  return <Portail actor={actor} />;
}
