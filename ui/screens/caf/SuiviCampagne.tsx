import type { TriCampagne } from '../../../machines/agent.machine.ts';
import { Button, Pagination, Spinner } from '../../components/index.ts';
import { jourHeure, jourLong } from '../../../forms/dates.ts';
import { Courbe } from './Courbe.tsx';
import { Echec, Messages } from './Messages.tsx';
import { joursRestants, part } from './libelles.ts';
import type { EcranAgent } from './types.ts';

/** A column header that sorts the table by the server, saying its order (aria-sort). */
function EnTeteTri({
  libelle,
  croissant,
  decroissant,
  state,
  send,
}: EcranAgent & { libelle: string; croissant: TriCampagne; decroissant: TriCampagne }) {
  const tri = state.context.tri;
  const sens = tri === croissant ? 'ascending' : tri === decroissant ? 'descending' : 'none';
  const suivant = tri === croissant ? decroissant : croissant;
  return (
    <th scope="col" aria-sort={sens}>
      <button
        type="button"
        className="tri"
        onClick={() => send({ type: 'campagne.trier', tri: suivant })}
      >
        {libelle}
        <span aria-hidden="true">
          {sens === 'ascending' ? ' ▲' : sens === 'descending' ? ' ▼' : ' ↕'}
        </span>
        <span className="sr-only">
          {sens === 'ascending' ? ', trier par ordre décroissant' : ', trier par ordre croissant'}
        </span>
      </button>
    </th>
  );
}

/** R-CA-1: the agent's home — the campaign of a year, its totals, its chart, one row per Esat. */
export function SuiviCampagne({ state, send }: EcranAgent) {
  const { campagne, q } = state.context;
  if (state.matches({ campagne: 'echec' }))
    return <Echec titre="Suivi de la campagne" state={state} send={send} />;
  if (!campagne) return <Spinner label="Chargement de la campagne…" />;
  const { year, deadline } = campagne.campaign;
  const restants = joursRestants(campagne.today, deadline);
  const annees = [year + 1, year, year - 1, year - 2].filter(
    (a) => a <= Number(campagne.today.slice(0, 4)),
  );
  const chargement = !state.matches({ campagne: 'tableau' });
  return (
    <div className="screen">
      <div className="screen__head">
        <h1>Suivi de la campagne {year}</h1>
        <div className="field field--inline">
          <label className="field__label" htmlFor="champ-annee">
            Campagne
          </label>
          <select
            id="champ-annee"
            className="field__input"
            value={year}
            onChange={(e) => send({ type: 'campagne.annee', annee: Number(e.target.value) })}
          >
            {annees.map((a) => (
              <option key={a} value={a}>
                {`Campagne ${a} (certificats de novembre ${a})`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="lead">
        Date limite de déclaration : <strong>{jourLong(deadline)}</strong>
        {campagne.today <= deadline
          ? ` — ${restants === 0 ? "c'est aujourd'hui" : `il reste ${restants} jour${restants > 1 ? 's' : ''}`}.`
          : ' — la date limite est passée.'}
      </p>
      <Messages state={state} />
      <dl className="facts">
        <div>
          <dt>Esat</dt>
          <dd>{campagne.totals.esats}</dd>
        </div>
        <div>
          <dt>Certificats attendus</dt>
          <dd>{campagne.totals.attendus}</dd>
        </div>
        <div>
          <dt>Reçus</dt>
          <dd>
            {campagne.totals.recus} ({part(campagne.totals.recus, campagne.totals.attendus)})
          </dd>
        </div>
        <div>
          <dt>Manquants</dt>
          <dd>{campagne.totals.manquants}</dd>
        </div>
      </dl>
      <Courbe campagne={campagne} />
      <h2>Établissements</h2>
      <div className="field field--inline">
        <label className="field__label" htmlFor="champ-filtre-esat">
          Rechercher un Esat (nom ou SIRET)
        </label>
        <input
          id="champ-filtre-esat"
          className="field__input"
          type="search"
          defaultValue={q}
          onChange={(e) => send({ type: 'campagne.filtrer', q: e.target.value })}
        />
      </div>
      <p className="muted" aria-live="polite">
        {chargement
          ? 'Mise à jour…'
          : `${campagne.total} établissement${campagne.total > 1 ? 's' : ''}`}
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">
            {`Certificats de la campagne ${year} par établissement`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Établissement</th>
              <th scope="col">Attendus</th>
              <th scope="col">Reçus</th>
              <EnTeteTri
                libelle="Manquants"
                croissant="manquants"
                decroissant="-manquants"
                state={state}
                send={send}
              />
              <EnTeteTri
                libelle="Part réalisée"
                croissant="part"
                decroissant="-part"
                state={state}
                send={send}
              />
              <th scope="col">Dernier reçu</th>
              <th scope="col">Dernière relance</th>
            </tr>
          </thead>
          <tbody>
            {campagne.items.map((l) => (
              <tr key={l.siret}>
                <th scope="row">
                  <Button
                    variant="link"
                    onPress={() => send({ type: 'campagne.ouvrir', siret: l.siret })}
                  >
                    {l.name}
                  </Button>
                  <span className="caf__second">SIRET {l.siret}</span>
                </th>
                <td>{l.attendus}</td>
                <td>{l.recus}</td>
                <td>{l.manquants}</td>
                <td>{part(l.recus, l.attendus)}</td>
                <td>{l.dernierRecu ? jourHeure(l.dernierRecu) : '—'}</td>
                <td>{l.derniereRelance ? jourHeure(l.derniereRelance) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {campagne.items.length === 0 ? (
        <p className="muted">Aucun établissement ne correspond à votre recherche.</p>
      ) : null}
      <Pagination
        page={campagne.page}
        total={campagne.total}
        pageSize={campagne.pageSize}
        onPage={(page) => send({ type: 'campagne.page', page })}
      />
    </div>
  );
}
