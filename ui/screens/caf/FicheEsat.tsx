import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { kindLabels } from '../../../forms/index.ts';
import { Button, ConfirmDialog, ErrorSummary, Spinner } from '../../components/index.ts';
import { BoutonActivation } from '../../components/BoutonActivation.tsx';
import { jour, jourDe, jourHeure } from '../../../forms/dates.ts';
import { pdfCafUrl } from '../../api-caf.ts';
import { errorAt, fieldErrors, TextField } from '../../form/FieldFrame.tsx';
import { Echec, Messages } from './Messages.tsx';
import { etats, roles, statutDossier } from './libelles.ts';
import type { EcranAgent } from './types.ts';

/** R-CA-7: « Créer le référent » — one address; the server mails a provisional password. */
function CreationReferent({ state, send }: EcranAgent) {
  const [email, setEmail] = useState('');
  const ouvert = state.matches({ esat: 'creation' });
  const erreur = ouvert ? state.context.erreur : undefined;
  const fields = fieldErrors(erreur, '/email');
  const message = errorAt(fields, '/email');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'creation.valider', email });
  };
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={ouvert}
      isDismissable
      onOpenChange={(open) => {
        if (!open) send({ type: 'creation.annuler' });
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog">
          <form onSubmit={submit} noValidate className="form-stack">
            <Heading slot="title" className="dialog__title">
              Créer le référent de {state.context.fiche?.esat.name}
            </Heading>
            <ErrorSummary errors={fields} />
            <TextField
              id="champ-email"
              label="Adresse e-mail du référent"
              help="Il recevra un mot de passe provisoire, à changer à sa première connexion, puis gérera les comptes de ses collègues."
              error={message}
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
            />
            <div className="dialog__actions">
              <Button variant="secondary" onPress={() => send({ type: 'creation.annuler' })}>
                Annuler
              </Button>
              <Button type="submit" isPending={state.matches({ esat: { creation: 'envoi' } })}>
                Créer le référent
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** R-CA-2: an Esat of the Caf — identity, users, workers with their certificat, changements. */
export function FicheEsat({ state, send }: EcranAgent) {
  const { fiche, cible } = state.context;
  if (state.matches({ esat: 'echec' }))
    return <Echec titre="Fiche établissement" state={state} send={send} />;
  if (!fiche || state.matches({ esat: 'chargement' }))
    return <Spinner label="Chargement de l'établissement…" />;
  const occupe = !state.matches({ esat: 'fiche' });
  return (
    <div className="screen">
      <div>
        <Button variant="link" onPress={() => send({ type: 'esat.retour' })}>
          ← Retour au suivi de la campagne
        </Button>
      </div>
      <h1>
        {fiche.esat.name}
        <span className="subtitle">Fiche établissement — campagne {fiche.year}</span>
      </h1>
      <Messages state={state} />
      <dl className="facts">
        <div>
          <dt>SIRET</dt>
          <dd>{fiche.esat.siret}</dd>
        </div>
        <div>
          <dt>Adresse</dt>
          <dd>{fiche.esat.address}</dd>
        </div>
        <div>
          <dt>Dernière relance</dt>
          <dd>
            {fiche.relances[0]
              ? `${jourHeure(fiche.relances[0].at)} (${fiche.relances[0].manquants} manquants)`
              : 'Aucune'}
          </dd>
        </div>
      </dl>

      <h2>Utilisateurs</h2>
      {fiche.users.length === 0 ? (
        <p className="muted">Cet établissement n'a encore aucun compte.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Comptes de l'établissement</caption>
          <thead>
            <tr>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fiche.users.map((u) => (
              <tr key={u.email}>
                <td>{u.email}</td>
                <td>{roles[u.role]}</td>
                <td>
                  {!u.active
                    ? 'Désactivé'
                    : u.provisional
                      ? 'Actif (mot de passe provisoire)'
                      : 'Actif'}
                </td>
                <td>{u.lastLoginAt ? jourHeure(u.lastLoginAt) : 'Jamais connecté'}</td>
                <td>
                  <BoutonActivation
                    compte={u}
                    isDisabled={occupe}
                    onPress={() =>
                      send({
                        type: u.active ? 'esat.desactiver' : 'esat.reactiver',
                        email: u.email,
                      })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions actions--start">
        <Button
          variant="secondary"
          isDisabled={occupe}
          onPress={() => send({ type: 'esat.creerReferent' })}
        >
          Créer le référent
        </Button>
      </div>

      <h2>Travailleurs de la Caf</h2>
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">
            {`Travailleurs de l'établissement et leur certificat de la campagne ${fiche.year}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Travailleur</th>
              <th scope="col">N° allocataire</th>
              <th scope="col">Né(e) le</th>
              <th scope="col">Certificat {fiche.year}</th>
            </tr>
          </thead>
          <tbody>
            {fiche.workers.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  {t.nom} {t.prenom}
                </th>
                <td>{t.numeroAllocataire}</td>
                <td>{jour(t.dateNaissance)}</td>
                <td>
                  {t.certificat ? (
                    <>
                      {`Déclaré le ${jourDe(t.certificat.submittedAt)} (${etats[t.certificat.etat].toLowerCase()}) — `}
                      <a href={pdfCafUrl(t.certificat.id)}>
                        PDF{' '}
                        <span className="sr-only">
                          du certificat de {t.prenom} {t.nom}
                        </span>
                      </a>
                    </>
                  ) : t.dossier === 'actif' ? (
                    <strong>Manquant</strong>
                  ) : (
                    <span className="muted">{statutDossier(t.dossier)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Changements de situation des deux dernières années</h2>
      {fiche.changements.length === 0 ? (
        <p className="muted">Aucun changement de situation reçu.</p>
      ) : (
        <ul className="history">
          {fiche.changements.map((d) => (
            <li key={d.id} className="history__item">
              {`${jourHeure(d.submittedAt)} — ${kindLabels[d.kind]} — ${d.worker.nom} ${d.worker.prenom} (${etats[d.etat].toLowerCase()}) — `}
              <a href={pdfCafUrl(d.id)}>
                PDF <span className="sr-only">de la déclaration {d.reference ?? d.id}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <CreationReferent state={state} send={send} />
      <ConfirmDialog
        isOpen={state.matches({ esat: 'confirmationDesactivation' })}
        title="Désactiver ce compte ?"
        confirmLabel="Désactiver"
        onCancel={() => send({ type: 'desactivation.annuler' })}
        onConfirm={() => send({ type: 'desactivation.confirmer' })}
      >
        <p>
          {cible} ne pourra plus se connecter à l'Espace Esat. Ses déclarations déjà faites restent
          enregistrées. Vous pourrez réactiver ce compte.
        </p>
      </ConfirmDialog>
    </div>
  );
}
