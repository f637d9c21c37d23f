import { kindLabels, type DeclarationKind } from '../../forms/index.ts';
import { Notice, Spinner } from '../components/index.ts';
import { horodatage } from '../format.ts';
import type { PortalSnapshot } from './types.ts';

/** A Caf agent: the avis given by the Esat of its Caf on the Fin page (a simple list for now). */
export function Agent({ state }: { state: PortalSnapshot }) {
  const { avis, erreur } = state.context;
  if (state.matches({ agent: 'chargement' })) return <Spinner label="Chargement des avis…" />;
  return (
    <div className="screen">
      <h1>Avis des établissements</h1>
      <p className="lead">
        Les avis donnés par les Esat de votre Caf à la fin de leurs déclarations.
      </p>
      {erreur ? (
        <Notice type="error" live>
          <p>{erreur.message}</p>
        </Notice>
      ) : null}
      {avis && avis.length === 0 ? <p className="muted">Aucun avis n'a encore été donné.</p> : null}
      {avis && avis.length > 0 ? (
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
                <td>{horodatage(a.submittedAt)}</td>
                <td>{a.esat ?? '—'}</td>
                <td>{a.kind ? (kindLabels[a.kind as DeclarationKind] ?? a.kind) : '—'}</td>
                <td>{a.note ?? '—'}</td>
                <td>{a.commentaire ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
