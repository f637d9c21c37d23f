/**
 * The calendar rules of the declarations, with "today" always given (never read from a clock
 * here): R-CE-1 the certificat's campaign, R-FL-3 the choice offered by date.
 */
import type { DeclarationKind } from './index.ts';

/** A date as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Campagne {
  /** Year N: the certificat concerns the pay of November N. */
  year: number;
  /** 1 December N. */
  opens: IsoDate;
  /** Last day of February N+1 (29 in leap years). */
  closes: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfFebruary(year: number): number {
  return new Date(Date.UTC(year, 2, 0)).getUTCDate();
}

/**
 * R-CE-1: the campaign `today` belongs to, or the next one when it is closed. From 1 December N
 * to the end of February N+1 the campaign of year N is open.
 */
export function campagne(today: IsoDate): Campagne & { certificatOpen: boolean } {
  const [y, m] = today.split('-').map(Number);
  const year = m === 12 ? y : m <= 2 ? y - 1 : y;
  const opens = `${year}-12-01`;
  const closes = `${year + 1}-02-${pad(lastDayOfFebruary(year + 1))}`;
  return { year, opens, closes, certificatOpen: today >= opens && today <= closes };
}

/** The choice of téléprocédure (R-FL-3): which families can be declared today. */
export type Teleprocedure = 'certificat' | 'changement';

/** R-FL-3: from 1 December to the end of February both, otherwise the changement only. */
export function teleproceduresOuvertes(today: IsoDate): Teleprocedure[] {
  return campagne(today).certificatOpen ? ['certificat', 'changement'] : ['changement'];
}

/** Whether a declaration of this kind may be recorded on this day (R-CE-1; changes: all year). */
export function declarationOuverte(kind: DeclarationKind, today: IsoDate): boolean {
  return kind === 'certificat' ? campagne(today).certificatOpen : true;
}

/** Built once: a formatter per call made the Paris day of 20 000 declarations cost a second. */
const jourParis = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Today's date in Paris, as the Caf counts days. `now` is injected for tests. */
export function isoToday(now: Date = new Date()): IsoDate {
  return jourParis.format(now);
}

/**
 * The date bounds of the declarations for a given day (R-CS-4, R-CS-2), passed to the validator
 * as its context: the oldest date accepted, and the last day of the current month.
 */
export function bornesDates(today: IsoDate): { deuxAns: IsoDate; finDuMois: IsoDate } {
  const [y, m, d] = today.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const deuxAnsDay = m === 2 && d === 29 ? 28 : d;
  return {
    deuxAns: `${y - 2}-${pad(m)}-${pad(deuxAnsDay)}`,
    finDuMois: `${y}-${pad(m)}-${pad(lastDay)}`,
  };
}
