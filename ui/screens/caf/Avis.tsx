import { kindLabels, type DeclarationKind } from '../../../forms/index.ts';
import { Spinner } from '../../components/index.ts';
import { jourHeure } from '../../../forms/dates.ts';
import { Echec } from './Messages.tsx';
import type { EcranAgent } from './types.ts';

/** The avis given by the Esat of the Caf on the Fin page. */
export function Avis({ state, send }: EcranAgent) {
  const { avis } = state.context;
  if (state.matches({ avis: 'echec' }))
    return <Echec titre="Avis des établissements" state={state} send={send} />;
  if (!avis || state.matches({ avis: 'chargement' }))
    return <Spinner label="Chargement des avis…" />;
  return (
    <div className="screen">
      <h1>Avis des établissements</h1>
      <p className="lead">
        Les avis donnés par les Esat de votre Caf à la fin de leurs déclarations.
      </p>
      {avis.length === 0 ? (
        <p className="muted">Aucun avis n'a encore été donné.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Avis reçus, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Établissement</th>
              <th scope="col">Déclaration</th>
              <th scope="col">Note sur 5</th>
              <th scope="col">Commentaire</th>
            </tr>
          </thead>
          <tbody>
            {avis.map((a) => (
              <tr key={a.declarationId}>
                <td>{jourHeure(a.submittedAt)}</td>
                <td>{a.esat ?? '—'}</td>
                <td>{a.kind ? (kindLabels[a.kind as DeclarationKind] ?? a.kind) : '—'}</td>
                <td>{a.note ?? '—'}</td>
                <td>{a.commentaire ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
