/**
 * The model of the session machine (R-SE-1), with a 6-second idle limit so the countdown's
 * 3 seconds are all traversed: the user starts the session, is active, presses « Continuer »
 * or « Quitter »; the server renews or refuses; the clock warns, counts down and expires.
 */
import type { AnyStateNode } from 'xstate';
import { sessionMachine } from '../../machines/session.machine.ts';
import type { Evenement, Modele, Snapshot } from './generateur.ts';
import { panne } from './portail.modele.ts';

/** 6 seconds of idle time: the alert shows 3 seconds before expiry (half the limit at most). */
export const IDLE_MINUTES = 0.1;

export function modeleSession(): Modele {
  return {
    nom: 'session',
    machine: sessionMachine,
    input: { idleMinutes: IDLE_MINUTES },
    issues: { renouveler: { sorties: () => [undefined], erreurs: () => [panne] } },
    evenements: (s: Snapshot) => {
      const renouvellement = s._nodes.some((n: AnyStateNode) => n.invoke.length > 0);
      const tous: Record<string, Evenement[]> = {
        'session.demarrer': [{ type: 'session.demarrer', idleMinutes: IDLE_MINUTES }],
      };
      const out: Partial<Record<string, Evenement[]>> = {};
      for (const type of new Set<string>(
        s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[]),
      )) {
        if (type.startsWith('xstate.')) continue;
        // While « Continuer » is being sent, the alert waits for the server.
        out[type] = renouvellement
          ? []
          : (tous[type] ?? [{ type }]).filter((e) => s.can(e as never));
      }
      return out;
    },
    cle: (s) => JSON.stringify([s.value, (s.context as { restant: number }).restant]),
    vue: (s) => JSON.stringify([s.value, (s.context as { restant: number }).restant]),
  };
}
