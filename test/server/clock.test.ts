/** ESAT_TODAY's clock: the fixed day in Paris at the current Paris time of day (issue #12, point 10). */
import { describe, expect, it } from 'vitest';
import { fixedDayClock } from '../../server/clock.ts';
import { jourHeure } from '../../forms/dates.ts';
import { isoToday } from '../../forms/calendrier.ts';

describe('fixedDayClock', () => {
  it.each([
    // [fixed day, real instant (UTC), stamped instant (UTC), as read in Paris]
    ['2026-12-10', '2026-12-05T23:53:00.000Z', '2026-12-09T23:53:00.000Z', '10/12/2026 à 00:53'],
    ['2026-12-10', '2026-12-05T12:30:15.250Z', '2026-12-10T12:30:15.250Z', '10/12/2026 à 13:30'],
    ['2026-12-10', '2026-12-05T22:59:59.000Z', '2026-12-10T22:59:59.000Z', '10/12/2026 à 23:59'],
    // Summer time in Paris (UTC+2), winter fixed day (UTC+1): 01:10 Paris stays 01:10.
    ['2026-12-10', '2026-07-01T23:10:00.000Z', '2026-12-10T00:10:00.000Z', '10/12/2026 à 01:10'],
    // Winter real day, summer fixed day.
    ['2026-07-14', '2026-12-05T23:53:00.000Z', '2026-07-13T22:53:00.000Z', '14/07/2026 à 00:53'],
  ])('ESAT_TODAY=%s at %s stamps %s (%s in Paris)', (day, real, stamped, paris) => {
    const now = fixedDayClock(day, () => Date.parse(real))();
    expect(now.toISOString()).toBe(stamped);
    expect(jourHeure(now.toISOString())).toBe(paris);
    expect(isoToday(now)).toBe(day);
  });

  it('follows the real clock as it moves', () => {
    let t = Date.parse('2026-12-05T08:00:00.000Z');
    const now = fixedDayClock('2026-12-10', () => t);
    const first = now().getTime();
    t += 90_000;
    expect(now().getTime() - first).toBe(90_000);
  });
});
