import { useActorRef } from '@xstate/react';
import { useEffect } from 'react';
import type { InspectionEvent, Observer } from 'xstate';
import { agentServeur } from './api-caf.ts';
import { ecouteSession, portalServeur, sessionServeur } from './api.ts';
import { Portail } from './screens/Portail.tsx';
import { AlerteSession } from './screens/Session.tsx';

/** The portal with the Caf agent's space wired to the server too (ui/api-caf.ts). */
const portail = portalServeur.provide({ actors: { agent: agentServeur } });

/** The product: the portal machine wired to the server, rendered by the screens. */
export function App({
  inspect,
}: {
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
}) {
  const portal = useActorRef(portail, { inspect });
  const session = useActorRef(sessionServeur, { inspect, input: { idleMinutes: 30 } });

  useEffect(() => {
    // Every answer of the server is activity; a 401 on the way means the session has expired.
    ecouteSession.activite = () => session.send({ type: 'session.activite' });
    ecouteSession.expiree = () => session.send({ type: 'session.expiree' });
    // The session runs while someone is logged in (R-SE-1).
    const sub = portal.subscribe((state) => {
      const connecte =
        !state.matches('connexion') && !state.matches('demarrage') && !!state.context.profil;
      const active = !session.getSnapshot().matches('inactive');
      if (connecte && !active) {
        session.send({
          type: 'session.demarrer',
          idleMinutes: state.context.profil?.session?.idleMinutes,
        });
      }
      if (state.matches('connexion') && active && !session.getSnapshot().matches('expiree')) {
        session.send({ type: 'session.terminer' });
      }
    });
    return () => {
      sub.unsubscribe();
      ecouteSession.activite = undefined;
      ecouteSession.expiree = undefined;
    };
  }, [portal, session]);

  return (
    <>
      <Portail actor={portal} />
      <AlerteSession actor={session} onQuitter={() => portal.send({ type: 'session.terminee' })} />
    </>
  );
}
