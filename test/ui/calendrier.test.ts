/** The calendar beside a date field reads and writes the field's text (ui/form/Calendrier.tsx). */
import { describe, expect, it } from 'vitest';
import { dateDuTexte, texteDeLaDate } from '../../ui/form/Calendrier.tsx';

describe('the calendar of a date field', () => {
  it('opens on the day typed, and writes a chosen day as the field expects it', () => {
    const d = dateDuTexte('5/1/2027')!;
    expect([d.day, d.month, d.year]).toEqual([5, 1, 2027]);
    expect(texteDeLaDate(d)).toBe('05/01/2027');
    expect(texteDeLaDate(dateDuTexte(' 29/02/2028 ')!)).toBe('29/02/2028');
    // As the forms read a date (forms/dates.ts lireJour): « 15.01.2027 » and ISO too.
    expect(texteDeLaDate(dateDuTexte('15.01.2027')!)).toBe('15/01/2027');
    expect(texteDeLaDate(dateDuTexte('2027-01-15')!)).toBe('15/01/2027');
  });

  it('opens on today for what is not a real date (31/02, 29/02 of a common year, 13th month)', () => {
    for (const texte of ['', '31/02/2027', '29/02/2027', '01/13/2027', '00/01/2027', '15 janvier'])
      expect(dateDuTexte(texte), texte).toBeUndefined();
  });
});
