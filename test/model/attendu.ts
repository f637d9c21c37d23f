/**
 * What an expectation of a screen is (attendus.ts, attendus-agent.ts, attendus-import.ts): its
 * shape and the markers of leaves without a screen of their own.
 */
import type { Snapshot } from './generateur.ts';

export type Texte = string | RegExp;

export interface Attendu {
  /** The h1 (null: no h1, e.g. while loading; absent: not checked). */
  titre?: Texte | null;
  /** The dialog open, by its title; absent: no dialog is open. */
  dialogue?: string;
  /** Fields, by label (a dialog's fields are looked for inside it). */
  champs?: Texte[];
  /** Groups of radio buttons (the questions), by legend. */
  groupes?: Texte[];
  /** Buttons, by accessible name (inside the dialog when one is open). */
  boutons?: Texte[];
  /** Texts shown somewhere on the page. */
  textes?: Texte[];
  /** A loading indicator (role status) with this text. */
  chargement?: string;
}

/** A leaf the machine never rests in (an `always` switch): being seen there is a failure. */
export const TRANSITOIRE = 'transitoire' as const;
/** The declaration is over: what shows is the portal's next screen (its own table). */
export const PORTAIL = 'portail' as const;

export type Entree = ((s: Snapshot) => Attendu) | typeof TRANSITOIRE | typeof PORTAIL;

export const echapper = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A text that starts the name (labels carry « (obligatoire) », titles a subtitle). */
export const debut = (s: string) => new RegExp(`^${echapper(s)}`);
