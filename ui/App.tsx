import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import type {
  ActorRefFrom,
  AnyActorRef,
  InspectionEvent,
  Observer,
  SnapshotFrom,
  Subscription,
} from 'xstate';
import type { portalMachine, Reprise } from '../machines/portal.machine.ts';
import { INACTIVITE_MINUTES } from '../machines/session.machine.ts';
import { ecouteSession, portalServeur, sessionServeur } from './api.ts';
import {
  AlerteSessionDiffere,
  ecransDiffere,
  prechargerApresConnexion,
} from './ecrans-differe.tsx';
import { adresse, lireAdresse, nouvelleEntree } from './routing.ts';
import { PortailCadre } from './screens/PortailCadre.tsx';

const REPRISE = 'espace-esat.reprise';

/**
 * Issue 12: the address bar follows the portal (pushed for a new screen, replaced otherwise) and
 * Back/Forward are sent to it as `navigation.aller`; the tab keeps the Caf, the selection and
 * the run in sessionStorage so that a reload comes back to the same screen (the values typed
 * come back from the server's draft). Returns the cleanup.
 */
function suivreAdresse(portal: ActorRefFrom<typeof portalMachine>) {
  let depuisHistorique = false;
  let enfant: unknown;
  let sousEnfant: Subscription | undefined;
  const synchroniser = () => {
    const state = portal.getSnapshot();
    const voulue = adresse(state);
    if (state.matches('connexion')) sessionStorage.removeItem(REPRISE);
    else if (state.matches('espace')) {
      const { caf, selection, run } = state.context;
      sessionStorage.setItem(REPRISE, JSON.stringify({ caf, selection, run } satisfies Reprise));
    }
    const actuelle = location.pathname + location.search;
    if (!voulue || voulue === actuelle) return;
    if (!depuisHistorique && nouvelleEntree(actuelle, voulue)) history.pushState(null, '', voulue);
    else history.replaceState(null, '', voulue);
    depuisHistorique = false;
  };
  const sub = portal.subscribe((state) => {
    const declaration = state.children.declaration as
      ActorRefFrom<typeof portalMachine> | undefined;
    if (declaration !== enfant) {
      sousEnfant?.unsubscribe();
      enfant = declaration;
      sousEnfant = declaration?.subscribe(() => queueMicrotask(synchroniser));
    }
    synchroniser();
  });
  const retour = () => {
    depuisHistorique = true;
    portal.send({
      type: 'navigation.aller',
      adresse: lireAdresse(location.pathname, location.search),
    });
    // The machine may refuse (or ask first): the address bar then shows its screen again.
    depuisHistorique = false;
    synchroniser();
  };
  window.addEventListener('popstate', retour);
  if (location.pathname !== '/') {
    let reprise: Reprise | undefined;
    try {
      reprise = JSON.parse(sessionStorage.getItem(REPRISE) ?? 'null') ?? undefined;
    } catch {
      reprise = undefined;
    }
    portal.send({
      type: 'navigation.aller',
      adresse: lireAdresse(location.pathname, location.search),
      reprise,
    });
  }
  return () => {
    sub.unsubscribe();
    sousEnfant?.unsubscribe();
    window.removeEventListener('popstate', retour);
  };
}

/** A server call of the portal is under way (an invoked promise: a snapshot without `value`). */
function appelEnCours(state: SnapshotFrom<typeof portalMachine>) {
  return Object.values(state.children).some((enfant) => {
    const s = (enfant as AnyActorRef | undefined)?.getSnapshot() as object | undefined;
    return !!s && 'status' in s && s.status === 'active' && !('value' in s);
  });
}

/** The product: the portal machine wired to the server, rendered by the screens. */
export function App({
  inspect,
}: {
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
}) {
  const portal = useActorRef(portalServeur, { inspect });
  const session = useActorRef(sessionServeur, {
    inspect,
    input: { idleMinutes: INACTIVITE_MINUTES },
  });

  // Mounted from the session's start on (and kept: a closing dialog fades out as before).
  const sessionActive = useSelector(session, (s) => !s.matches('inactive'));
  const [alerteMontee, setAlerteMontee] = useState(false);
  if (sessionActive && !alerteMontee) setAlerteMontee(true);

  useEffect(() => suivreAdresse(portal), [portal]);
  // The tab kept a run or a selection: it was logged in, /api/me will most likely say so.
  const [sessionProbable] = useState(() => sessionStorage.getItem(REPRISE) !== null);

  useEffect(() => {
    // Every answer of the server is activity; a 401 on the way means the session has expired.
    ecouteSession.activite = () => session.send({ type: 'session.activite' });
    ecouteSession.expiree = () => session.send({ type: 'session.expiree' });
    // Issue 16: once someone is logged in and their first screen is shown (no server call
    // under way), the chunks of the screens their role reaches (again for another role).
    let prechargePour: string | undefined;
    // The session runs while someone is logged in (R-SE-1).
    const sub = portal.subscribe((state) => {
      const role = state.context.profil?.user.role;
      if (role && role !== prechargePour && !appelEnCours(state)) {
        prechargePour = role;
        void prechargerApresConnexion(role);
      }
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
      <PortailCadre actor={portal} ecrans={ecransDiffere} sessionProbable={sessionProbable} />
      {/* R-SE-1: the warning opens minutes after the login; its code is not loaded before. */}
      {alerteMontee ? (
        <AlerteSessionDiffere
          actor={session}
          onQuitter={() => portal.send({ type: 'session.terminee' })}
        />
      ) : null}
    </>
  );
}
