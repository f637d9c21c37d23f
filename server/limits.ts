/**
 * The counters behind every throttle of the service (issue 11): failed logins slowed then locked
 * (R-AC-4), wrong identifiants de communication per account (R-AC-7), « Mot de passe oublié ? »
 * per address and per client, anonymous writes per client. Held in memory, one process; each is
 * a small object with named methods so that it can move to the database later (issue 13).
 */

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

/** More keys than this and the expired ones are swept (an attacker sending random keys). */
const BALAYAGE = 10_000;

/** Failures per key over time (R-AC-4 slowed then locked, R-AC-7). */
export function createThrottle(clock: () => number) {
  const failures = new Map<string, { count: number; last: number }>();
  const oubliees = (p: Politique, f: { last: number }) => clock() - f.last > p.dureeMs;
  return {
    /** Whether `key` may try now under `p`. */
    etat(key: string, p: Politique): Etat {
      const f = failures.get(key);
      if (!f) return { bloque: false };
      if (oubliees(p, f)) {
        failures.delete(key);
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
    /** One more failure of `key`, now. */
    echec(key: string, p: Politique) {
      const f = failures.get(key);
      failures.set(key, { count: (f && !oubliees(p, f) ? f.count : 0) + 1, last: clock() });
      if (failures.size > BALAYAGE) {
        for (const [k, v] of failures) if (clock() - v.last > 60 * 60_000) failures.delete(k);
      }
    },
    /** A success: the key's failures are forgotten. */
    oublier(key: string) {
      failures.delete(key);
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;

/** At most `max` events per key within `fenetreMs` (a fixed window starting at the first). */
export function createFenetre(clock: () => number, max: number, fenetreMs: number) {
  const hits = new Map<string, { count: number; since: number }>();
  return {
    /**
     * Records one event of `key` and tells whether it is within the limit; when it is not,
     * nothing is recorded and `secondes` says when the window ends.
     */
    accepter(key: string): { ok: true } | { ok: false; secondes: number } {
      let h = hits.get(key);
      if (h && clock() - h.since >= fenetreMs) h = undefined;
      if (h && h.count >= max)
        return {
          ok: false,
          secondes: Math.max(1, Math.ceil((h.since + fenetreMs - clock()) / 1000)),
        };
      hits.set(key, { count: (h?.count ?? 0) + 1, since: h?.since ?? clock() });
      if (hits.size > BALAYAGE) {
        for (const [k, v] of hits) if (clock() - v.since >= fenetreMs) hits.delete(k);
      }
      return { ok: true };
    },
  };
}
export type Fenetre = ReturnType<typeof createFenetre>;
