/** The expectation of a state, from the tables of attendus.ts, checked on the jsdom screen. */
import {
  attendusDeclaration,
  attendusPortail,
  attendusSession,
  feuille,
  PORTAIL,
  TRANSITOIRE,
  type Attendu,
  type Entree,
} from './attendus.ts';
import type { Snapshot } from './generateur.ts';
import { verifierDom } from './verifier-dom.ts';

export const tables: Record<'portail' | 'declaration' | 'session', Record<string, Entree>> = {
  portail: attendusPortail,
  declaration: attendusDeclaration,
  session: attendusSession,
};

/** The expectation for a snapshot's leaf state (fails for a leaf without one, or transient). */
export function attenduPour(table: keyof typeof tables, s: Snapshot): Attendu | typeof PORTAIL {
  const id = feuille(s);
  const entree = tables[table][id];
  if (!entree) throw new Error(`no expectation for the state ${id} in attendus.ts`);
  if (entree === TRANSITOIRE) throw new Error(`${id} is transient: no path may rest there`);
  if (entree === PORTAIL) return PORTAIL;
  return entree(s);
}

/**
 * Checks the screen for the state the real actor is in, `reel` (the model's state: the runner
 * has compared their keys). When a declaration is over, the portal's screen is checked for `portail`.
 */
export function attendre(
  table: keyof typeof tables,
  _attendu: Snapshot,
  reel: Snapshot,
  portail?: () => Snapshot,
) {
  // Read on the real snapshot: it is in the model's state (same key), with the real context
  // (the model's snapshot of that state may come from another route to it).
  const a = attenduPour(table, reel);
  if (a === PORTAIL) {
    const p = attenduPour('portail', portail!());
    if (p !== PORTAIL) verifierDom(p);
    return;
  }
  verifierDom(a);
}

/**
 * Checks the jsdom screen against the entry of `table` for the real snapshot's leaf (a machine
 * tested on its own: agent, import); a leaf handed back to the portal (PORTAIL) is not checked.
 */
export function verifierFeuille(table: Record<string, Entree>, nom: string, reel: Snapshot) {
  const id = feuille(reel);
  const entree = table[id];
  if (!entree) throw new Error(`no expectation for the state ${id} in ${nom}`);
  if (entree === TRANSITOIRE) throw new Error(`${id} is transient: no path may rest there`);
  if (entree === PORTAIL) return;
  verifierDom(entree(reel));
}
