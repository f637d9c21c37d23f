import { useEffect, useRef } from 'react';
import { certificatsN } from '../../../machines/import.machine.ts';
import { Button, DownloadIcon, LinkButton, Notice } from '../../components/index.ts';
import { liensImport } from '../../api-import.ts';
import { Messages } from '../../components/Messages.tsx';
import type { EcranImport } from './types.ts';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** R-IM-5: what « Valider » will declare — how many certificats, and the totals of each amount. */
export function RecapitulatifImport({ state, send }: EcranImport) {
  const { vue } = state.context;
  if (!vue) return null;
  const { comptes, totaux } = vue.report;
  return (
    <section className="card form-stack" aria-labelledby="recap-import">
      <h2 id="recap-import">Récapitulatif avant envoi</h2>
      <dl className="recap__list">
        <div className="recap__row">
          <dt className="recap__label">Certificats d'emploi à envoyer</dt>
          <dd className="recap__value">{comptes.prets}</dd>
        </div>
        <div className="recap__row">
          <dt className="recap__label">Total des rémunérations garanties</dt>
          <dd className="recap__value">{euros.format(totaux.remunerationGarantie)}</dd>
        </div>
        <div className="recap__row">
          <dt className="recap__label">Total des aides au poste</dt>
          <dd className="recap__value">{euros.format(totaux.aideAuPoste)}</dd>
        </div>
        <div className="recap__row">
          {/* The server counts the ready rows giving a salaire direct (a % of the Smic, not euros). */}
          <dt className="recap__label">Certificats avec un salaire direct (% du Smic)</dt>
          <dd className="recap__value">{totaux.salaireDirect}</dd>
        </div>
        {comptes.lignes - comptes.prets - comptes.envoyes > 0 ? (
          <div className="recap__row">
            <dt className="recap__label">Lignes non envoyées</dt>
            <dd className="recap__value">{comptes.lignes - comptes.prets - comptes.envoyes}</dd>
          </div>
        ) : null}
      </dl>
      <Notice type="info">
        <p>
          Chaque certificat est une déclaration à la Caf, avec son propre récapitulatif PDF ; vous
          recevrez un seul accusé de réception pour cet import. En validant, vous certifiez
          l'exactitude de ces montants.
        </p>
      </Notice>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'recapitulatif.retour' })}>
          Revenir au rapport
        </Button>
        <Button onPress={() => send({ type: 'recapitulatif.valider' })}>
          Valider et envoyer {certificatsN(comptes.prets)}
        </Button>
      </div>
    </section>
  );
}

/** R-IM-5: the envoi batch by batch, as a live progress bar; a failed batch waits to be resumed. */
export function Envoi({ state, send }: EcranImport) {
  const { avancement, erreur } = state.context;
  const envoyes = avancement?.envoyes ?? 0;
  const total = envoyes + (avancement?.restants ?? 0);
  const pause = state.matches({ envoi: 'pause' });
  const fin = state.matches({ envoi: 'finalisation' });
  return (
    <section className="card form-stack" aria-labelledby="envoi-titre">
      <h2 id="envoi-titre">Envoi des certificats</h2>
      <div className="progression">
        <p id="progression-libelle">
          {fin
            ? 'Envoi terminé, préparation du résumé…'
            : pause
              ? 'Envoi interrompu'
              : 'Envoi en cours : ne fermez pas cette page.'}
        </p>
        <div
          className="progression__barre"
          role="progressbar"
          aria-labelledby="progression-libelle"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={envoyes}
          aria-valuetext={`${envoyes} certificat${envoyes > 1 ? 's' : ''} envoyé${envoyes > 1 ? 's' : ''} sur ${total}`}
        >
          <div
            className="progression__fait"
            style={{ width: `${total ? Math.round((envoyes / total) * 100) : 0}%` }}
          />
        </div>
        <p className="muted" aria-live="polite">
          {envoyes} sur {total} envoyé{envoyes > 1 ? 's' : ''}
          {avancement?.erreurs
            ? ` · ${avancement.erreurs} refusé${avancement.erreurs > 1 ? 's' : ''}`
            : ''}
        </p>
      </div>
      {erreur ? (
        <Notice type="error" title="Un lot n'a pas pu être envoyé" live>
          <p>{erreur.message}</p>
          <p>Les certificats déjà envoyés sont enregistrés ; aucun ne sera envoyé deux fois.</p>
        </Notice>
      ) : null}
      {pause && !erreur ? (
        <Notice type="warning" title="Cet envoi n'est pas terminé">
          <p>
            {certificatsN(envoyes)} déjà enregistré{envoyes > 1 ? 's' : ''}. Reprenez l'envoi pour
            les {avancement?.restants ?? 0} restants : aucun travailleur ne sera déclaré deux fois.
          </p>
        </Notice>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'import.quitter' })}>
          {pause ? "Quitter l'import" : "Interrompre l'envoi"}
        </Button>
        {pause ? (
          <Button onPress={() => send({ type: 'envoi.reprendre' })}>Reprendre l'envoi</Button>
        ) : null}
      </div>
    </section>
  );
}

/** R-IM-5: the end — how many certificats are recorded, the summary PDF, back to the list. */
export function FinImport({ state, send }: EcranImport) {
  const { vue, erreur } = state.context;
  const titre = useRef<HTMLHeadingElement>(null);
  useEffect(() => titre.current?.focus(), []);
  const c = vue?.report.comptes;
  const envoyes = c?.envoyes ?? state.context.avancement?.envoyes ?? 0;
  return (
    <section className="card form-stack" aria-labelledby="fin-import">
      <Notice type="success" title="Import terminé" live>
        <p>
          {certificatsN(envoyes)} d'emploi enregistré{envoyes > 1 ? 's' : ''} et transmis à la Caf.
          Un accusé de réception vous est envoyé par e-mail.
        </p>
        {vue?.reference ? (
          <p>
            Référence de l'import : <strong>{vue.reference}</strong>
          </p>
        ) : null}
      </Notice>
      <h2 id="fin-import" ref={titre} tabIndex={-1}>
        Et maintenant ?
      </h2>
      <Messages erreur={erreur} />
      {c && c.lignes - c.envoyes - c.ignorees > 0 ? (
        <p>
          {c.lignes - c.envoyes - c.ignorees} ligne
          {c.lignes - c.envoyes - c.ignorees > 1 ? 's' : ''} du fichier n'ont pas donné de
          certificat (déjà déclarés, dossiers bloqués, erreurs) : voyez le résumé.
        </p>
      ) : null}
      <p>
        Chaque certificat figure dans l'historique de son travailleur, avec son récapitulatif PDF.
      </p>
      <div className="actions actions--start">
        {vue ? (
          <LinkButton href={liensImport.pdf(vue.id)} download icon={<DownloadIcon />}>
            Télécharger le résumé de l'import (PDF)
          </LinkButton>
        ) : null}
        <Button onPress={() => send({ type: 'fin.travailleurs' })}>
          Retour à Mes travailleurs
        </Button>
      </div>
    </section>
  );
}
