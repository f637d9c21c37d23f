/** The French words of the agent's screens, kept out of the JSX. */
import { motifDossier, type Dossier } from '../../../forms/dossiers.ts';
import type { Etat } from '../../../machines/caf.types.ts';

export const etats: Record<Etat, string> = { 'a-traiter': 'À traiter', traitee: 'Traitée' };

export const roles = { declarant: 'Déclarant', referent: 'Référent' } as const;

/** R-WK: the short status of a file that cannot take a declaration. */
export const statutDossier = (d: Dossier) => motifDossier(d) ?? 'Dossier actif';

/** « 75 % » of certificats received (100 % when none is expected). */
export function part(recus: number, attendus: number): string {
  return `${attendus ? Math.floor((recus / attendus) * 100) : 100} %`;
}

/** Whole days from `today` to `deadline` (both `YYYY-MM-DD`), never below 0. */
export function joursRestants(today: string, deadline: string): number {
  const jour = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return Math.max(0, Math.round((jour(deadline) - jour(today)) / 86_400_000));
}

/** Days since 1 December of the campaign year (`YYYY-MM-DD`), the chart's « same day ». */
export function jourDeLaCampagne(date: string, annee: number): number {
  return joursRestants(`${annee}-12-01`, date);
}
