import type { Campagne, PointJournalier } from '../../../machines/caf.types.ts';
import { jour } from '../../../forms/dates.ts';
import { jourDeLaCampagne } from './libelles.ts';

const L = 640;
const H = 260;
const marge = { haut: 16, droite: 92, bas: 36, gauche: 44 };

/** The cumulated curve as points (day of campaign, received), from 0 on 1 December. */
function points(daily: PointJournalier[], annee: number): [number, number][] {
  return [
    [0, 0],
    ...daily.map((p) => [jourDeLaCampagne(p.date, annee), p.recus] as [number, number]),
  ];
}

/** The cumulated value of a curve on a day of campaign (the last point on or before it). */
function valeurAu(pts: [number, number][], jour: number): number | undefined {
  let v: number | undefined;
  for (const [j, r] of pts) if (j <= jour) v = r;
  return v;
}

/**
 * R-CA-1: certificats received per day, cumulated, against the expected total, with the previous
 * campaign on the same day of campaign. Readable without colour: solid line for this campaign,
 * dashed for the previous one, dotted for the total, each named at its end; the same figures in
 * a table under « Voir les chiffres ».
 */
export function Courbe({ campagne }: { campagne: Campagne }) {
  const { year, deadline } = campagne.campaign;
  const actuelle = points(campagne.daily, year);
  const precedente = points(campagne.previous.daily, campagne.previous.year);
  const attendus = campagne.totals.attendus;
  const finJours = Math.max(
    jourDeLaCampagne(deadline, year),
    jourDeLaCampagne(campagne.today, year),
    ...actuelle.map(([j]) => j),
    ...precedente.map(([j]) => j),
  );
  const maxY = Math.max(
    1,
    attendus,
    ...actuelle.map(([, r]) => r),
    ...precedente.map(([, r]) => r),
  );
  const x = (j: number) => marge.gauche + (j / finJours) * (L - marge.gauche - marge.droite);
  const y = (r: number) => H - marge.bas - (r / maxY) * (H - marge.haut - marge.bas);
  const trace = (pts: [number, number][]) => pts.map(([j, r]) => `${x(j)},${y(r)}`).join(' ');
  const dernier = (pts: [number, number][]) => pts[pts.length - 1];
  const [ja, ra] = dernier(actuelle);
  const [jp, rp] = dernier(precedente);
  const graduations = [0, Math.round(maxY / 2), maxY];
  const semaines = Array.from({ length: Math.floor(finJours / 7) + 1 }, (_, i) => i * 7);
  const jours = [...new Set([...actuelle, ...precedente].map(([j]) => j))]
    .filter((j) => j > 0)
    .sort((a, b) => a - b);
  const aujourdhui = jourDeLaCampagne(campagne.today, year);
  const comparaison = valeurAu(precedente, aujourdhui) ?? 0;
  return (
    <figure className="courbe">
      <svg
        viewBox={`0 0 ${L} ${H}`}
        role="img"
        aria-labelledby="courbe-titre courbe-desc"
        className="courbe__svg"
      >
        <title id="courbe-titre">Certificats reçus par jour de campagne, en cumul</title>
        <desc id="courbe-desc">
          {`Campagne ${year} : ${ra} certificats reçus sur ${attendus} attendus au ${jour(campagne.today)}. ` +
            `Campagne ${campagne.previous.year} au même jour de campagne : ${comparaison}.`}
        </desc>
        {graduations.map((g) => (
          <g key={g} className="courbe__grille">
            <line x1={marge.gauche} x2={L - marge.droite} y1={y(g)} y2={y(g)} />
            <text x={marge.gauche - 6} y={y(g) + 4} textAnchor="end">
              {g}
            </text>
          </g>
        ))}
        {semaines.map((j) => (
          <text key={j} x={x(j)} y={H - marge.bas + 18} textAnchor="middle" className="courbe__axe">
            {`J+${j}`}
          </text>
        ))}
        <line
          className="courbe__attendus"
          x1={marge.gauche}
          x2={L - marge.droite}
          y1={y(attendus)}
          y2={y(attendus)}
        />
        <text x={L - marge.droite + 6} y={y(attendus) + 4} className="courbe__etiquette">
          {`Attendus ${attendus}`}
        </text>
        <line
          className="courbe__limite"
          x1={x(jourDeLaCampagne(deadline, year))}
          x2={x(jourDeLaCampagne(deadline, year))}
          y1={marge.haut}
          y2={H - marge.bas}
        />
        <text
          x={x(jourDeLaCampagne(deadline, year)) - 4}
          y={H - marge.bas - 6}
          textAnchor="end"
          className="courbe__axe"
        >
          {`Limite ${jour(deadline)}`}
        </text>
        <polyline className="courbe__precedente" points={trace(precedente)} />
        <polyline className="courbe__actuelle" points={trace(actuelle)} />
        <text x={x(jp) + 6} y={y(rp) + 14} className="courbe__etiquette">
          {`${campagne.previous.year} (${rp})`}
        </text>
        <text x={x(ja) + 6} y={y(ra) - 6} className="courbe__etiquette courbe__etiquette--fort">
          {`${year} (${ra})`}
        </text>
      </svg>
      <figcaption className="muted">
        Trait plein : campagne {year}. Tirets : campagne {campagne.previous.year}, au même jour de
        campagne (J+0 = 1er décembre). Pointillés : total attendu.
      </figcaption>
      <details className="courbe__chiffres">
        <summary>Voir les chiffres</summary>
        <table className="table">
          <caption>Certificats reçus en cumul, par jour de campagne</caption>
          <thead>
            <tr>
              <th scope="col">Jour de campagne</th>
              <th scope="col">Campagne {year}</th>
              <th scope="col">Campagne {campagne.previous.year}</th>
            </tr>
          </thead>
          <tbody>
            {jours.map((j) => (
              <tr key={j}>
                <th scope="row">{`J+${j}`}</th>
                <td>{j <= ja ? (valeurAu(actuelle, j) ?? 0) : '—'}</td>
                <td>{valeurAu(precedente, j) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
