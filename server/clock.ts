/**
 * The server's clock with "today" fixed (ESAT_TODAY, outside production): the fixed day in Paris
 * at the current Paris time of day, so that a declaration made at 00:53 in Paris on the fixed
 * 10/12 reads « 10/12 à 00:53 », never the next day.
 */

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris wall time of an instant, read as if it were UTC (milliseconds). */
function parisWall(ms: number): number {
  const p = Object.fromEntries(parisParts.formatToParts(ms).map((x) => [x.type, x.value]));
  return (
    Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) +
    (((ms % 1000) + 1000) % 1000)
  );
}

/** The instant whose Paris wall time is `wall` (milliseconds read as UTC), across DST changes. */
function fromParisWall(wall: number): number {
  let guess = wall - (parisWall(wall) - wall);
  guess = wall - (parisWall(guess) - guess);
  return guess;
}

/**
 * Returns a `now()` that stamps the day `fixedDay` (`YYYY-MM-DD`, a Paris day) at the Paris time
 * of day of `real()`.
 */
export function fixedDayClock(fixedDay: string, real: () => number = Date.now): () => Date {
  const [y, m, d] = fixedDay.split('-').map(Number);
  return () => {
    const timeOfDay = parisWall(real()) % 86_400_000;
    return new Date(fromParisWall(Date.UTC(y, m - 1, d) + timeOfDay));
  };
}
