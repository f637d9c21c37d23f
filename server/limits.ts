/**
 * The counters behind every throttle of the service (issue 11): failed logins slowed then locked
 * (R-AC-4), wrong identifiants de communication per account (R-AC-7), « Mot de passe oublié ? »
 * per address and per client, anonymous writes per client. Each is
 * a small object with named methods over the store's `throttles` and `windows` tables, so that
 * several instances on one database count together (R-ST-2).
 */
import type { Store } from './store/index.ts';

/** How a key's failures are met: free ones, then a growing delay, then a lock. */
export interface Politique {
  /** Failures answered normally. */
  libres: number;
  /** From this many failures on, the key is locked for `dureeMs` after the last one. */
  verrou: number;
  /** How long failures are remembered after the last one, and how long a lock lasts. */
  dureeMs: number;
}

/** R-AC-4, per account: 3 failures free, then 2 s, 4 s, 8 s… before the next try, locked at 10. */
export const POLITIQUE_COMPTE: Politique = { libres: 3, verrou: 10, dureeMs: 15 * 60_000 };
/** R-AC-4, per client address (an office behind one address): locked at 30, slowed after 10. */
export const POLITIQUE_ADRESSE: Politique = { libres: 10, verrou: 30, dureeMs: 15 * 60_000 };
/** R-AC-7, per account: 5 wrong identifiants de communication within an hour, then locked. */
export const POLITIQUE_IDENTIFIANT: Politique = { libres: 5, verrou: 5, dureeMs: 60 * 60_000 };

/** Whether a key may try now; when not, for how many seconds (Retry-After) and whether locked. */
export type Etat = { bloque: false } | { bloque: true; verrouille: boolean; secondes: number };

/** Failures per key over time (R-AC-4 slowed then locked, R-AC-7), in the store's `throttles`. */
export function createThrottle(store: Store, clock: () => number) {
  const oubliees = (p: Politique, f: { last: number }) => clock() - f.last > p.dureeMs;
  return {
    /** Whether `key` may try now under `p`. */
    async etat(key: string, p: Politique): Promise<Etat> {
      const f = await store.get('throttles', key);
      if (!f) return { bloque: false };
      if (oubliees(p, f)) {
        await store.transaction((tx) => tx.remove('throttles', key));
        return { bloque: false };
      }
      const reste = (ms: number) => Math.max(1, Math.ceil((f.last + ms - clock()) / 1000));
      if (f.count >= p.verrou)
        return { bloque: true, verrouille: true, secondes: reste(p.dureeMs) };
      if (f.count > p.libres) {
        const delai = 1000 * 2 ** (f.count - p.libres);
        if (clock() - f.last < delai)
          return { bloque: true, verrouille: false, secondes: reste(delai) };
      }
      return { bloque: false };
    },
    /** One more failure of `key`, now (counted in one transaction: two instances add up). */
    async echec(key: string, p: Politique) {
      await store.transaction(async (tx) => {
        const f = await tx.get('throttles', key);
        const count = (f && !oubliees(p, f) ? f.count : 0) + 1;
        await tx.put('throttles', { key, count, last: clock() });
      });
    },
    /** A success: the key's failures are forgotten. */
    async oublier(key: string) {
      await store.transaction((tx) => tx.remove('throttles', key));
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;

/**
 * At most `max` events per key within `fenetreMs` (a fixed window starting at the first), in the
 * store's `windows` under `name:key`.
 */
export function createFenetre(
  store: Store,
  clock: () => number,
  name: string,
  max: number,
  fenetreMs: number,
) {
  return {
    /**
     * Records one event of `key` and tells whether it is within the limit; when it is not,
     * nothing is recorded and `secondes` says when the window ends.
     */
    accepter(key: string): Promise<{ ok: true } | { ok: false; secondes: number }> {
      const id = `${name}:${key}`;
      return store.transaction(async (tx) => {
        let h = await tx.get('windows', id);
        if (h && clock() - h.since >= fenetreMs) h = undefined;
        if (h && h.count >= max)
          return {
            ok: false as const,
            secondes: Math.max(1, Math.ceil((h.since + fenetreMs - clock()) / 1000)),
          };
        await tx.put('windows', {
          key: id,
          count: (h?.count ?? 0) + 1,
          since: h?.since ?? clock(),
        });
        return { ok: true as const };
      });
    },
  };
}
export type Fenetre = ReturnType<typeof createFenetre>;

/** Throttle counters and windows are all forgotten within an hour of their last event. */
const OUBLI_MS = 60 * 60_000;

/**
 * Removes the sessions idle past `idleMs` and the counters past any policy's memory: met ones
 * are removed when met, this sweeps those never met again (R-ST-2: not timers in one process,
 * whichever instance runs it). Returns how many rows went.
 */
export async function sweep(store: Store, idleMs: number, now = Date.now()) {
  const [sessions, throttles, windows] = await Promise.all([
    store.find('sessions', {}),
    store.find('throttles', {}),
    store.find('windows', {}),
  ]);
  return store.transaction(async (tx) => {
    const n = await tx.remove(
      'sessions',
      sessions.filter((s) => now - s.lastSeen > idleMs).map((s) => s.id),
    );
    const t = await tx.remove(
      'throttles',
      throttles.filter((f) => now - f.last > OUBLI_MS).map((f) => f.key),
    );
    const w = await tx.remove(
      'windows',
      windows.filter((h) => now - h.since > OUBLI_MS).map((h) => h.key),
    );
    return n + t + w;
  });
}

/** Runs `sweep` every `everyMs` (10 minutes by default) in the background. */
export function startSweep(store: Store, idleMs: number, everyMs = 10 * 60_000) {
  const timer = setInterval(() => void sweep(store, idleMs).catch(() => undefined), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
