import { useState, type FormEvent } from 'react';
import { declarationKinds, kindLabels, type DeclarationKind } from '../../../forms/index.ts';
import { declarationsN, type FormatExport } from '../../../machines/agent.machine.ts';
import type { Etat, FiltreDeclarations } from '../../../machines/caf.types.ts';
import { Button, Pagination, Spinner } from '../../components/index.ts';
import { jourHeure } from '../../../forms/dates.ts';
import { Echec, Messages } from './Messages.tsx';
import { etats } from './libelles.ts';
import type { EcranAgent } from './types.ts';

const formats: { format: FormatExport; libelle: string }[] = [
  { format: 'csv', libelle: 'CSV (tableur)' },
  { format: 'xlsx', libelle: 'XLSX (Excel)' },
  { format: 'json', libelle: 'JSON' },
];

/** The filter form: kind, Esat, dates, état (R-CA-3); applied when « Filtrer » is pressed. */
function Filtre({ state, send }: EcranAgent) {
  const [f, setF] = useState<FiltreDeclarations>(state.context.filtre);
  const champ = (nom: keyof FiltreDeclarations) => (v: string) =>
    setF((avant) => ({ ...avant, [nom]: v || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'declarations.filtrer', filtre: f });
  };
  return (
    <form className="card toolbar" onSubmit={submit} aria-label="Filtrer les déclarations">
      <div className="field field--inline">
        <label className="field__label" htmlFor="filtre-kind">
          Déclaration
        </label>
        <select
          id="filtre-kind"
          className="field__input"
          value={f.kind ?? ''}
          onChange={(e) => champ('kind')(e.target.value as DeclarationKind)}
        >
          <option value="">Toutes</option>
          {declarationKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label className="field__label" htmlFor="filtre-esat">
          SIRET de l'Esat
        </label>
        <input
          id="filtre-esat"
          className="field__input"
          inputMode="numeric"
          value={f.esat ?? ''}
          onChange={(e) => champ('esat')(e.target.value.replace(/\s/g, ''))}
        />
      </div>
      <div className="field field--inline">
        <label className="field__label" htmlFor="filtre-from">
          Reçues du
        </label>
        <input
          id="filtre-from"
          className="field__input"
          type="date"
          value={f.from ?? ''}
          onChange={(e) => champ('from')(e.target.value)}
        />
      </div>
      <div className="field field--inline">
        <label className="field__label" htmlFor="filtre-to">
          au
        </label>
        <input
          id="filtre-to"
          className="field__input"
          type="date"
          value={f.to ?? ''}
          onChange={(e) => champ('to')(e.target.value)}
        />
      </div>
      <div className="field field--inline">
        <label className="field__label" htmlFor="filtre-etat">
          État
        </label>
        <select
          id="filtre-etat"
          className="field__input"
          value={f.etat ?? ''}
          onChange={(e) => champ('etat')(e.target.value as Etat)}
        >
          <option value="">Tous</option>
          <option value="a-traiter">{etats['a-traiter']}</option>
          <option value="traitee">{etats.traitee}</option>
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Filtrer
      </Button>
    </form>
  );
}

/** R-CA-3 to R-CA-5: the declarations received, their export and their traitement. */
export function Declarations({ state, send }: EcranAgent) {
  const { declarations, selection, export: fait } = state.context;
  if (state.matches({ declarations: 'echec' }))
    return <Echec titre="Déclarations reçues" state={state} send={send} />;
  if (!declarations) return <Spinner label="Chargement des déclarations…" />;
  const liste = state.matches({ declarations: 'liste' });
  const exportEnCours = state.matches({ declarations: 'exportation' });
  return (
    <div className="screen">
      <h1>Déclarations reçues</h1>
      <p className="lead">
        Les déclarations des Esat pour les travailleurs de votre Caf. Exportez-les pour les traiter,
        puis marquez-les comme traitées.
      </p>
      <Filtre state={state} send={send} />
      <Messages state={state} />
      <section className="card" aria-labelledby="export-titre">
        <h2 id="export-titre">Export pour traitement</h2>
        <p>{`Le filtre actuel compte ${declarationsN(declarations.total)}.`}</p>
        <div className="actions actions--start">
          {formats.map(({ format, libelle }) => (
            <Button
              key={format}
              variant="secondary"
              isDisabled={!liste || declarations.total === 0}
              isPending={exportEnCours}
              onPress={() => send({ type: 'declarations.exporter', format })}
            >
              {`Exporter en ${libelle}`}
            </Button>
          ))}
        </div>
        {fait ? (
          <div className="actions actions--start">
            <Button
              isDisabled={!liste}
              isPending={state.matches({ declarations: 'traitementExport' })}
              onPress={() => send({ type: 'declarations.marquerExport' })}
            >
              {`Marquer ces ${fait.nombre} déclarations comme traitées`}
            </Button>
          </div>
        ) : null}
      </section>
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">
            Déclarations reçues, de la plus récente à la plus ancienne
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Sélection</span>
              </th>
              <th scope="col">Reçue le</th>
              <th scope="col">Déclaration</th>
              <th scope="col">Travailleur</th>
              <th scope="col">Établissement</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {declarations.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <input
                    type="checkbox"
                    className="checkbox"
                    id={`choix-${d.id}`}
                    aria-label={`Sélectionner la déclaration ${d.reference ?? d.id} de ${d.worker.prenom} ${d.worker.nom}`}
                    checked={selection.includes(d.id)}
                    disabled={!liste}
                    onChange={() => send({ type: 'declarations.basculer', id: d.id })}
                  />
                </td>
                <td>{jourHeure(d.submittedAt)}</td>
                <td>
                  <Button
                    variant="link"
                    onPress={() => send({ type: 'declarations.ouvrir', id: d.id })}
                  >
                    {kindLabels[d.kind]}
                  </Button>
                  {d.reference ? <span className="caf__second">{d.reference}</span> : null}
                </td>
                <td>
                  {d.worker.nom} {d.worker.prenom}
                  <span className="caf__second">N° {d.worker.numeroAllocataire}</span>
                </td>
                <td>{d.esat.name}</td>
                <td>{etats[d.etat]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {declarations.items.length === 0 ? (
        <p className="muted">Aucune déclaration ne correspond à ce filtre.</p>
      ) : null}
      <div className="actions actions--start">
        <Button
          variant="secondary"
          isDisabled={!liste || selection.length === 0}
          isPending={state.matches({ declarations: 'traitementSelection' })}
          onPress={() => send({ type: 'declarations.marquerSelection' })}
        >
          {`Marquer la sélection comme traitée (${selection.length})`}
        </Button>
      </div>
      <Pagination
        page={declarations.page}
        total={declarations.total}
        pageSize={declarations.pageSize}
        onPage={(page) => send({ type: 'declarations.page', page })}
      />
    </div>
  );
}
