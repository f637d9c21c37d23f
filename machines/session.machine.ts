/**
 * R-SE-1: the session's inactivity, as the user sees it. The server expires a session after
 * `idleMinutes` without a request; this machine warns 5 minutes before with a live countdown,
 * lets « Continuer » renew it (one request to the server), and says when it has expired.
 * Every call to the server counts as activity (`session.activite`).
 */
import { assign, fromPromise, setup } from 'xstate';

/** R-SE-1: the inactivity limit when nothing else is said (ESAT_SESSION_IDLE_MINUTES), written once. */
export const INACTIVITE_MINUTES = 30;

export interface SessionInput {
  /** The server's limit (ESAT_SESSION_IDLE_MINUTES). */
  idleMinutes: number;
  /** How long before expiry the alert shows (5 minutes; less when the limit is shorter). */
  warningMinutes?: number;
}

interface Context {
  idleMs: number;
  warningMs: number;
  /** Seconds left, shown in the alert. */
  restant: number;
}

type Event =
  | { type: 'session.demarrer'; idleMinutes?: number }
  | { type: 'session.activite' }
  | { type: 'session.prolonger' }
  | { type: 'session.expiree' }
  | { type: 'session.terminer' };

/** « 3 minutes 49 secondes », as the alert says it. */
export function dureeRestante(secondes: number): string {
  const m = Math.floor(secondes / 60);
  const s = secondes % 60;
  const parts = [];
  if (m > 0) parts.push(`${m} minute${m > 1 ? 's' : ''}`);
  if (s > 0 || m === 0) parts.push(`${s} seconde${s > 1 ? 's' : ''}`);
  return parts.join(' ');
}

export const sessionMachine = setup({
  types: { context: {} as Context, events: {} as Event, input: {} as SessionInput },
  actors: {
    /** One request to the server, which renews the session. */
    renouveler: fromPromise<void>(async () => {
      throw new Error('renouveler: actor not provided');
    }),
  },
  guards: {
    /** The countdown reached zero: the server has ended the session too. */
    decompteTermine: ({ context }) => context.restant <= 0,
  },
  delays: {
    avertissementSession: ({ context }) => context.idleMs - context.warningMs,
    seconde: 1000,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const idleMs = input.idleMinutes * 60_000;
    const warningMs = Math.min((input.warningMinutes ?? 5) * 60_000, idleMs / 2);
    // Kept for a later `session.demarrer` that brings the server's limit.
    return { idleMs, warningMs, restant: Math.round(warningMs / 1000) };
  },
  initial: 'inactive',
  on: {
    'session.terminer': '.inactive',
  },
  states: {
    inactive: {
      on: {
        'session.demarrer': {
          target: 'active',
          actions: assign(({ context, event }) => {
            if (!event.idleMinutes) return {};
            const idleMs = event.idleMinutes * 60_000;
            return { idleMs, warningMs: Math.min(context.warningMs, idleMs / 2) };
          }),
        },
      },
    },
    active: {
      entry: assign({ restant: ({ context }) => Math.round(context.warningMs / 1000) }),
      after: { avertissementSession: 'avertissement' },
      on: {
        'session.activite': { target: 'active', reenter: true },
        'session.expiree': 'expiree',
      },
    },
    avertissement: {
      initial: 'decompte',
      on: { 'session.expiree': 'expiree' },
      states: {
        decompte: {
          always: { guard: 'decompteTermine', target: '#session.expiree' },
          after: {
            seconde: {
              target: 'decompte',
              reenter: true,
              actions: assign({ restant: ({ context }) => context.restant - 1 }),
            },
          },
          on: { 'session.prolonger': 'renouvellement' },
        },
        renouvellement: {
          invoke: {
            src: 'renouveler',
            onDone: '#session.active',
            onError: '#session.expiree',
          },
        },
      },
    },
    expiree: {},
  },
});
