import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { formDefinition, kindLabels } from '../../../forms/index.ts';
import { Button, ErrorSummary, Recapitulatif, Spinner } from '../../components/index.ts';
import { jour, jourHeure } from '../../../forms/dates.ts';
import { pdfCafUrl } from '../../api-caf.ts';
import { errorAt, FieldFrame, fieldErrors } from '../../form/FieldFrame.tsx';
import { Messages } from './Messages.tsx';
import { etats } from './libelles.ts';
import type { EcranAgent } from './types.ts';

/** R-CA-5: going back to « à traiter » asks for a reason. */
function Retablissement({ state, send }: EcranAgent) {
  const [motif, setMotif] = useState('');
  const ouvert =
    state.matches({ declarations: { detail: 'motif' } }) ||
    state.matches({ declarations: { detail: 'retablissement' } });
  const erreur = state.matches({ declarations: { detail: 'motif' } })
    ? state.context.erreur
    : undefined;
  const fields = fieldErrors(erreur, '/motif');
  const message = errorAt(fields, '/motif');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'retablissement.valider', motif });
  };
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={ouvert}
      isDismissable
      onOpenChange={(open) => {
        if (!open) send({ type: 'retablissement.annuler' });
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog">
          <form onSubmit={submit} noValidate className="form-stack">
            <Heading slot="title" className="dialog__title">
              Remettre cette déclaration à traiter ?
            </Heading>
            <ErrorSummary errors={fields} />
            <FieldFrame id="champ-motif" label="Motif" error={message}>
              {(aria) => (
                <textarea
                  {...aria}
                  className="field__textarea"
                  rows={3}
                  value={motif}
                  onChange={(e) => setMotif(e.target.value)}
                />
              )}
            </FieldFrame>
            <div className="dialog__actions">
              <Button variant="secondary" onPress={() => send({ type: 'retablissement.annuler' })}>
                Annuler
              </Button>
              <Button
                type="submit"
                isPending={state.matches({ declarations: { detail: 'retablissement' } })}
              >
                Remettre à traiter
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** R-CA-3: one declaration with all its values as the récapitulatif shows them, who and when. */
export function Detail({ state, send }: EcranAgent) {
  const d = state.context.declaration;
  const retour = (
    <div>
      <Button variant="link" onPress={() => send({ type: 'declaration.retour' })}>
        ← Retour aux déclarations reçues
      </Button>
    </div>
  );
  if (state.matches({ declarations: { detail: 'echec' } }))
    return (
      <div className="screen">
        {retour}
        <h1>Déclaration</h1>
        <Messages state={state} />
      </div>
    );
  if (!d) return <Spinner label="Chargement de la déclaration…" />;
  const lecture = state.matches({ declarations: { detail: 'lecture' } });
  return (
    <div className="screen">
      {retour}
      <h1>
        {kindLabels[d.kind]}
        <span className="subtitle">
          {d.worker.nom} {d.worker.prenom} — {d.reference ?? d.id}
        </span>
      </h1>
      <Messages state={state} />
      <dl className="facts">
        <div>
          <dt>État</dt>
          <dd>
            {etats[d.etat]}
            {d.traitement ? ` le ${jourHeure(d.traitement.at)} par ${d.traitement.by}` : ''}
          </dd>
        </div>
        <div>
          <dt>Reçue le</dt>
          <dd>{jourHeure(d.submittedAt)}</dd>
        </div>
        <div>
          <dt>Déclarée par</dt>
          <dd>{d.userEmail}</dd>
        </div>
        <div>
          <dt>Établissement</dt>
          <dd>
            {d.esat.name} (SIRET {d.esat.siret})
          </dd>
        </div>
        <div>
          <dt>Travailleur</dt>
          <dd>
            {d.worker.nom} {d.worker.prenom}, n° allocataire {d.worker.numeroAllocataire}, né(e) le{' '}
            {jour(d.worker.dateNaissance)}
          </dd>
        </div>
      </dl>
      <Recapitulatif definition={formDefinition(d.kind)} valeurs={d.data} />
      <p>
        <a href={pdfCafUrl(d.id)}>Télécharger le récapitulatif (PDF)</a>
      </p>
      {d.historiqueEtat.length > 0 ? (
        <>
          <h2>Historique du traitement</h2>
          <ul className="history">
            {d.historiqueEtat.map((h, i) => (
              <li key={i} className="history__item">
                {`${jourHeure(h.at)} — ${etats[h.etat]} par ${h.by}${h.motif ? ` — motif : ${h.motif}` : ''}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions actions--start">
        {d.etat === 'a-traiter' ? (
          <Button
            isDisabled={!lecture}
            isPending={state.matches({ declarations: { detail: 'traitement' } })}
            onPress={() => send({ type: 'declaration.marquer' })}
          >
            Marquer comme traitée
          </Button>
        ) : (
          <Button
            variant="secondary"
            isDisabled={!lecture}
            onPress={() => send({ type: 'declaration.retablir' })}
          >
            Remettre à traiter
          </Button>
        )}
      </div>
      <Retablissement state={state} send={send} />
    </div>
  );
}
