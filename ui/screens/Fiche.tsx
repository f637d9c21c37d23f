import { kindLabels, type DeclarationKind } from '../../forms/index.ts';
import { blocageDossier } from '../../forms/dossiers.ts';
import { brouillonRepris } from '../../machines/portal.machine.ts';
import { Button, DownloadIcon, LinkButton, Notice, Spinner } from '../components/index.ts';
import { pdfUrl } from '../api.ts';
import { dateCourte, horodatage } from '../format.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';

/** « Travailleur 2 sur 5 » when several are selected. */
export function Compteur({ state }: { state: PortalSnapshot }) {
  const run = state.context.run;
  if (!run || run.travailleurs.length < 2) return null;
  return (
    <p className="counter">
      Travailleur {run.index + 1} sur {run.travailleurs.length}
    </p>
  );
}

/** R-FL-4: the fiche travailleur, its history of two rolling years, « Passer au travailleur suivant ». */
export function Fiche({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { fiche, run, erreur } = state.context;
  if (state.matches({ espace: { run: { fiche: 'chargement' } } }))
    return <Spinner label="Chargement de la fiche…" />;
  const dernier = !!run && run.index + 1 >= run.travailleurs.length;
  const blocage = blocageDossier(fiche?.dossier);
  const brouillon = brouillonRepris(state.context);
  return (
    <div className="screen">
      <Compteur state={state} />
      <h1>Fiche travailleur</h1>
      {erreur ? (
        <Notice type="error" live>
          <p>{erreur.message}</p>
        </Notice>
      ) : null}
      {fiche ? (
        <>
          <section className="card" aria-labelledby="identite">
            <h2 id="identite">
              {fiche.nom.toUpperCase()} {fiche.prenom}
            </h2>
            <dl className="facts">
              <div>
                <dt>Nom</dt>
                <dd>{fiche.nom.toUpperCase()}</dd>
              </div>
              <div>
                <dt>Prénom</dt>
                <dd>{fiche.prenom}</dd>
              </div>
              <div>
                <dt>N° allocataire</dt>
                <dd>{fiche.numeroAllocataire}</dd>
              </div>
              <div>
                <dt>Date de naissance</dt>
                <dd>{dateCourte(fiche.dateNaissance)}</dd>
              </div>
            </dl>
          </section>
          {brouillon ? (
            <Notice type="info" title="Une saisie non terminée a été conservée">
              <p>
                Commencée ou modifiée le {horodatage(brouillon.updatedAt)}, elle sera reprise telle
                que vous l'avez laissée.
              </p>
            </Notice>
          ) : null}
          {blocage ? (
            <Notice type="error" title="Déclaration impossible" live>
              <p>{blocage}</p>
            </Notice>
          ) : null}
          <section className="card" aria-labelledby="historique">
            <h2 id="historique">Historique des déclarations (deux dernières années)</h2>
            {fiche.history.length === 0 ? (
              <p className="muted">
                Aucune déclaration n'a été faite pour ce travailleur au cours des deux dernières
                années.
              </p>
            ) : (
              <ul className="history">
                {fiche.history.map((h) => (
                  <li key={h.id} className="history__item">
                    <span>
                      {kindLabels[h.kind as DeclarationKind] ?? h.kind} — déclaré le{' '}
                      {horodatage(h.submittedAt)}
                    </span>
                    <LinkButton href={pdfUrl(h.id)} download icon={<DownloadIcon />}>
                      Télécharger
                      <span className="sr-only"> le PDF du {horodatage(h.submittedAt)}</span>
                    </LinkButton>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
      <div className="actions">
        <Button
          variant="link"
          onPress={() => send({ type: dernier ? 'fiche.retour' : 'fiche.passer' })}
        >
          {dernier ? 'Retour à Mes travailleurs' : 'Passer au travailleur suivant'}
        </Button>
        <Button
          isDisabled={!state.can({ type: 'fiche.declarer' })}
          onPress={() => send({ type: 'fiche.declarer' })}
        >
          {brouillon ? 'Reprendre la déclaration' : 'Commencer la déclaration'}
        </Button>
      </div>
    </div>
  );
}
