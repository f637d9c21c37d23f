/** The one fr-FR date formatter of the screens, the PDF and the mails (issue 15). */
import { describe, expect, it } from 'vitest';
import {
  jour,
  jourDe,
  jourHeure,
  jourHeureLong,
  jourLong,
  jourMoisDe,
  lireJour,
} from '../../forms/dates.ts';

describe('forms/dates.ts', () => {
  it.each([
    // [instant (UTC), jourHeure, jourDe, jourMoisDe, jourHeureLong] — read in Paris
    [
      '2026-12-10T13:05:00.000Z',
      '10/12/2026 à 14:05',
      '10/12/2026',
      '10/12',
      '10 décembre 2026 à 14:05',
    ],
    // 23:30 UTC is already the next day in Paris (winter, UTC+1).
    [
      '2026-12-31T23:30:00.000Z',
      '01/01/2027 à 00:30',
      '01/01/2027',
      '01/01',
      '1 janvier 2027 à 00:30',
    ],
    // Summer time (UTC+2).
    [
      '2027-07-13T22:10:00.000Z',
      '14/07/2027 à 00:10',
      '14/07/2027',
      '14/07',
      '14 juillet 2027 à 00:10',
    ],
  ])('the instant %s reads « %s » in Paris', (iso, heure, de, jourMois, long) => {
    expect(jourHeure(iso)).toBe(heure);
    expect(jourDe(iso)).toBe(de);
    expect(jourMoisDe(iso)).toBe(jourMois);
    expect(jourHeureLong(iso)).toBe(long);
  });

  it.each([
    ['2026-12-10', '10/12/2026', '10 décembre 2026'],
    ['2027-02-28', '28/02/2027', '28 février 2027'],
    ['2027-01-01', '01/01/2027', '1 janvier 2027'],
  ])('the day %s is « %s », « %s » in words (no time zone moves it)', (iso, court, long) => {
    expect(jour(iso)).toBe(court);
    expect(jourLong(iso)).toBe(long);
  });

  it.each([
    ['05/03/2027', '2027-03-05'],
    ['5/3/2027', '2027-03-05'],
    ['05.03.2027', '2027-03-05'],
    ['2027-03-05', '2027-03-05'],
    ['demain', 'demain'],
    ['05/03/27', '05/03/27'],
  ])('the day typed « %s » is read as %s', (typed, iso) => {
    expect(lireJour(typed)).toBe(iso);
  });
});
