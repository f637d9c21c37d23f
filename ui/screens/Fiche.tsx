import { kindLabels, type DeclarationKind } from '../../forms/index.ts';
import { blocageDossier } from '../../forms/dossiers.ts';
import { brouillonRepris, certificatDejaDeclare } from '../../machines/portal.machine.ts';
import {
  Button,
  ConfirmDialog,
  DownloadIcon,
  LinkButton,
  Notice,
  Spinner,
} from '../components/index.ts';
import { pdfUrl } from '../api.ts';
import { jour, jourHeure } from '../../forms/dates.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

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
  const dejaDeclare = certificatDejaDeclare(state.context);
  const certificat = fiche?.certificat;
  const nom = fiche ? `${fiche.nom.toUpperCase()} ${fiche.prenom}` : '';
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
                <dd>{jour(fiche.dateNaissance)}</dd>
              </div>
            </dl>
          </section>
          {certificat ? (
            <Notice
              type="success"
              title={
                certificat.etat === 'traitee'
                  ? "Certificat d'emploi de cette campagne traité par la Caf"
                  : "Certificat d'emploi de cette campagne déjà déclaré"
              }
            >
              <p>
                Déclaré le {jourHeure(certificat.submittedAt)}
                {certificat.reference ? ` (référence ${certificat.reference})` : ''}.{' '}
                <a href={pdfUrl(certificat.id)} download>
                  Télécharger le récapitulatif (PDF)
                </a>
              </p>
              {dejaDeclare ? (
                <p>
                  Un seul certificat est enregistré par campagne : pour corriger celui-ci, contactez
                  votre Caf. Vous pouvez passer au travailleur suivant ou déclarer un changement de
                  situation.
                </p>
              ) : null}
            </Notice>
          ) : null}
          {brouillon ? (
            <Notice type="info" title="Une saisie non terminée a été conservée">
              <p>
                Commencée ou modifiée le {jourHeure(brouillon.updatedAt)}, elle sera reprise telle
                que vous l'avez laissée.
              </p>
              <div className="actions actions--start">
                <Button
                  variant="secondary"
                  isDisabled={!state.can({ type: 'brouillon.supprimer', workerId: fiche.id })}
                  onPress={() => send({ type: 'brouillon.supprimer', workerId: fiche.id })}
                >
                  Supprimer ce brouillon
                </Button>
              </div>
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
                      {jourHeure(h.submittedAt)}
                      {h.reference ? ` (référence ${h.reference})` : ''}
                      {h.etat === 'traitee'
                        ? ` — traité par la Caf${h.traiteeLe ? ` le ${jourHeure(h.traiteeLe)}` : ''}`
                        : ''}
                    </span>
                    <LinkButton href={pdfUrl(h.id)} download icon={<DownloadIcon />}>
                      Télécharger
                      <span className="sr-only"> le PDF du {jourHeure(h.submittedAt)}</span>
                    </LinkButton>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
      <div className="actions">
        <Button variant="link" onPress={() => send({ type: 'fiche.retour' })}>
          Retour à Mes travailleurs
        </Button>
        {dernier ? null : (
          <Button
            variant={dejaDeclare ? 'primary' : 'link'}
            onPress={() => send({ type: 'fiche.passer' })}
          >
            Passer au travailleur suivant
          </Button>
        )}
        {dejaDeclare ? (
          <Button
            variant="secondary"
            isDisabled={!state.can({ type: 'fiche.changement' })}
            onPress={() => send({ type: 'fiche.changement' })}
          >
            Déclarer un changement de situation
          </Button>
        ) : (
          <Button
            isDisabled={!state.can({ type: 'fiche.declarer' })}
            onPress={() => send({ type: 'fiche.declarer' })}
          >
            {brouillon ? 'Reprendre la déclaration' : 'Commencer la déclaration'}
          </Button>
        )}
      </div>
      <ConfirmDialog
        isOpen={state.matches({ espace: { run: { fiche: 'confirmationSuppression' } } })}
        title="Supprimer ce brouillon ?"
        confirmLabel="Supprimer le brouillon"
        onCancel={() => send({ type: 'suppression.annuler' })}
        onConfirm={() => send({ type: 'suppression.confirmer' })}
      >
        <p>
          Ce qui a été saisi pour {nom} sera effacé. La déclaration n'a pas été envoyée à la Caf :
          vous pourrez la recommencer depuis le début.
        </p>
      </ConfirmDialog>
    </div>
  );
}
