import { useActorRef } from '@xstate/react';
import type { InspectionEvent, Observer } from 'xstate';
import { portalServeur } from './api.ts';
import { Portail } from './screens/Portail.tsx';

/** The product: the portal machine wired to the server, rendered by the screens. */
export function App({
  inspect,
}: {
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
}) {
  const actor = useActorRef(portalServeur, { inspect });
  return <Portail actor={actor} />;
}
