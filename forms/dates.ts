/**
 * Dates as a French reader expects them, written once for the screens, the PDF and the mails
 * (issue 15). Days are ISO `YYYY-MM-DD` (a calendar day: no time zone); instants are full ISO,
 * read in Paris. The formatters are built once: one per call cost seconds over 20 000 rows.
 */

const fr = (timeZone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone, ...options });
const jjmmaaaa = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
const PARIS = 'Europe/Paris';

const jourHeureParis = fr(PARIS, { ...jjmmaaaa, hour: '2-digit', minute: '2-digit' });
const jourParis = fr(PARIS, jjmmaaaa);
const jourMoisParis = fr(PARIS, { day: '2-digit', month: '2-digit' });
const jourHeureEnLettres = fr(PARIS, { dateStyle: 'long', timeStyle: 'short' });
// A calendar day is read at midnight UTC and written in UTC: no zone moves it to the day before.
const jourEnLettres = fr('UTC', { day: 'numeric', month: 'long', year: 'numeric' });

/** A day `2026-12-10` → « 10/12/2026 » (of an instant, its first ten characters: its UTC day). */
export function jour(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant → its day in Paris, « 10/12/2026 ». */
export function jourDe(iso: string): string {
  return jourParis.format(new Date(iso));
}

/** An instant → its day and month in Paris, « 10/12 ». */
export function jourMoisDe(iso: string): string {
  return jourMoisParis.format(new Date(iso));
}

/** An instant → « 10/12/2026 à 14:05 » in Paris. */
export function jourHeure(iso: string): string {
  return jourHeureParis.format(new Date(iso)).replace(' ', ' à ');
}

/** A day `2027-02-28` → « 28 février 2027 ». */
export function jourLong(iso: string): string {
  return jourEnLettres.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** An instant → « 2 décembre 2026 à 10:15 » in Paris (the mails). */
export function jourHeureLong(iso: string): string {
  return jourHeureEnLettres.format(new Date(iso));
}

/** R-API-2: the last day a token created on `today` may be valid, the same day one year later
 * (29 February: the 28th). */
export function unAnApres(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y + 1, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/**
 * A day as typed, « 05/03/2027 » (or `05.03.2027`, `5-3-2027`), read as `2027-03-05`; any other
 * text (ISO included) is kept as typed, for the validator to judge.
 */
export function lireJour(text: string): string {
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (fr) return `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
  return text;
}
