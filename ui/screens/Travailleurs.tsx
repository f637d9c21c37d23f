import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { blocageDossier } from '../../forms/dossiers.ts';
import { Button, CafSelect, Notice, Pagination, Spinner, WorkerTile } from '../components/index.ts';
import { statutCertificat } from '../format.ts';
import { chargerImport } from '../import-differe.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

const pluriel = (n: number, mot: string) => `${n} ${mot}${n > 1 ? 's' : ''}`;

/** How many are selected, « Tout sélectionner » (this page / every match), « Tout désélectionner »,
 * and a disclosure listing the selected workers, each removable (R-FL-2). */
function Selection({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { selection, liste } = state.context;
  const occupe = !state.matches({ espace: { travailleurs: 'liste' } });
  const page = (liste?.items ?? []).filter((t) => !blocageDossier(t.dossier));
  const selectionnes = new Set(selection.map((t) => t.id));
  const pageComplete = page.length > 0 && page.every((t) => selectionnes.has(t.id));
  return (
    <div className="selection">
      <Button
        variant="secondary"
        isDisabled={
          occupe ||
          pageComplete ||
          !state.can({ type: 'travailleurs.toutSelectionner', portee: 'page' })
        }
        onPress={() => send({ type: 'travailleurs.toutSelectionner', portee: 'page' })}
      >
        Tout sélectionner sur cette page
      </Button>
      {liste && liste.total > liste.items.length ? (
        <Button
          variant="secondary"
          isDisabled={
            occupe || !state.can({ type: 'travailleurs.toutSelectionner', portee: 'filtre' })
          }
          onPress={() => send({ type: 'travailleurs.toutSelectionner', portee: 'filtre' })}
        >
          {state.matches({ espace: { travailleurs: 'selectionTous' } })
            ? 'Sélection en cours…'
            : `Sélectionner les ${liste.total} travailleurs ${state.context.q || state.context.sansCertificat ? 'trouvés' : 'de la liste'}`}
        </Button>
      ) : null}
      {selection.length > 0 ? (
        <Button variant="link" onPress={() => send({ type: 'travailleurs.toutDeselectionner' })}>
          Tout désélectionner
        </Button>
      ) : null}
      {selection.length > 0 ? (
        <details className="selection__details">
          <summary>Voir la sélection ({pluriel(selection.length, 'travailleur')})</summary>
          <ul className="selection__list" aria-label="Travailleurs sélectionnés">
            {selection.map((t) => (
              <li key={t.id} className="selection__item">
                {t.nom.toUpperCase()} {t.prenom}
                <Button
                  variant="link"
                  aria-label={`Retirer ${t.nom.toUpperCase()} ${t.prenom} de la sélection`}
                  onPress={() => send({ type: 'travailleurs.basculer', travailleur: t })}
                >
                  Retirer
                </Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** R-FL-2: tiles, server-side filter, pagination, a selection kept across pages, « Déclarer ». */
export function Travailleurs({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { liste, q, selection, cafs, caf, erreur, sansCertificat, calendrier } = state.context;
  const chargement = state.matches({ espace: { travailleurs: 'chargement' } });
  const campagne = !!calendrier?.certificatOpen;
  const selectionnes = new Set(selection.map((t) => t.id));
  const cafCourante = cafs.find((c) => c.code === caf);
  return (
    <div className="screen">
      <div className="screen__head">
        <h1>Mes travailleurs</h1>
        <Button variant="link" onPress={() => send({ type: 'travailleurs.accueil' })}>
          Retour à l'accueil
        </Button>
      </div>
      <div className="toolbar">
        {cafs.length > 1 ? (
          <CafSelect
            id="liste-caf"
            inline
            label="✎ Caf concernée"
            cafs={cafs}
            value={caf}
            onChange={(code) => send({ type: 'travailleurs.changerCaf', code })}
          />
        ) : (
          <p className="muted">{cafCourante?.name}</p>
        )}
        <div className="field field--inline" role="search">
          <label className="field__label" htmlFor="filtre">
            Rechercher (nom, prénom ou n° allocataire)
          </label>
          <div className="field__row">
            <input
              id="filtre"
              className="field__input field__input--long"
              type="search"
              autoComplete="off"
              value={q}
              onChange={(e) => send({ type: 'travailleurs.filtrer', q: e.target.value })}
            />
            {q ? (
              <Button
                variant="secondary"
                onPress={() => send({ type: 'travailleurs.filtrer', q: '' })}
              >
                Effacer le filtre
              </Button>
            ) : null}
          </div>
        </div>
        {campagne ? (
          <div className="field field--inline">
            <label className="radio">
              <input
                type="checkbox"
                checked={sansCertificat}
                onChange={(e) =>
                  send({ type: 'travailleurs.sansCertificat', actif: e.target.checked })
                }
              />
              <span>Seulement les travailleurs sans certificat pour cette campagne</span>
            </label>
          </div>
        ) : null}
      </div>
      {erreur ? (
        <Notice type="error" live>
          <p>{erreur.message}</p>
        </Notice>
      ) : null}
      <p className="muted" aria-live="polite">
        {chargement || !liste
          ? 'Recherche en cours…'
          : `${liste.total} travailleur${liste.total > 1 ? 's' : ''}${q || sansCertificat ? ' trouvé' + (liste.total > 1 ? 's' : '') : ''}${sansCertificat ? ' sans certificat' : ''} · ${selection.length} sélectionné${selection.length > 1 ? 's' : ''}`}
      </p>
      <Selection state={state} send={send} />
      {liste && liste.total === 0 && !chargement ? (
        sansCertificat && !q ? (
          <Notice type="success" title="Tous les certificats de cette campagne sont déclarés">
            <p>Aucun travailleur de cette Caf n'attend son certificat d'emploi.</p>
          </Notice>
        ) : (
          <Notice type="info" title="Aucun travailleur ne correspond à votre recherche">
            <p>Vérifiez l'orthographe du nom ou le numéro d'allocataire, ou effacez le filtre.</p>
          </Notice>
        )
      ) : null}
      {!liste ? (
        <Spinner label="Chargement des travailleurs…" />
      ) : (
        <ul className="worker-grid" aria-busy={chargement}>
          {liste.items.map((t) => (
            <li key={t.id}>
              <WorkerTile
                nom={t.nom}
                prenom={t.prenom}
                numeroAllocataire={t.numeroAllocataire}
                isSelected={selectionnes.has(t.id)}
                blocage={blocageDossier(t.dossier)}
                statut={statutCertificat(t.certificat)}
                onChange={() => send({ type: 'travailleurs.basculer', travailleur: t })}
              />
            </li>
          ))}
        </ul>
      )}
      {liste && liste.total > liste.pageSize ? (
        <Pagination
          page={liste.page}
          total={liste.total}
          pageSize={liste.pageSize}
          onPage={(page) => send({ type: 'travailleurs.page', page })}
        />
      ) : null}
      <div className="actions actions--sticky">
        {campagne ? (
          <Button
            variant="secondary"
            isDisabled={!state.can({ type: 'travailleurs.importer' })}
            onPress={() => void chargerImport().then(() => send({ type: 'travailleurs.importer' }))}
          >
            Importer un fichier de paie
          </Button>
        ) : null}
        <Button
          isDisabled={!state.can({ type: 'travailleurs.declarer' })}
          onPress={() => send({ type: 'travailleurs.declarer' })}
        >
          Déclarer{selection.length > 0 ? ` (${selection.length})` : ''}
        </Button>
      </div>
      <ChoixTeleprocedure state={state} send={send} />
    </div>
  );
}

/** R-FL-3: the choice of téléprocédure, by today's date, for every selected worker. */
function ChoixTeleprocedure({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { calendrier, selection } = state.context;
  const ouvert = state.matches({ espace: { travailleurs: 'choix' } });
  // R-FL-3 is the machine's: the UI asks it which téléprocédure can be chosen now.
  const certificat = state.can({ type: 'choix.choisir', teleprocedure: 'certificat' });
  const changement = state.can({ type: 'choix.choisir', teleprocedure: 'changement' });
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={ouvert}
      isDismissable
      onOpenChange={(open) => !open && send({ type: 'choix.fermer' })}
    >
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            Quelle déclaration souhaitez-vous faire ?
          </Heading>
          <div className="dialog__body">
            <p>
              Votre choix s'applique{' '}
              {selection.length > 1
                ? `aux ${selection.length} travailleurs sélectionnés`
                : 'au travailleur sélectionné'}
              . Pour faire une autre déclaration, terminez ou quittez celle-ci, puis sélectionnez à
              nouveau.
            </p>
            <div className="choices">
              {calendrier?.certificatOpen ? (
                <Button
                  onPress={() => send({ type: 'choix.choisir', teleprocedure: 'certificat' })}
                  isDisabled={!certificat}
                >
                  Certificat d'emploi
                </Button>
              ) : null}
              <Button
                variant={calendrier?.certificatOpen ? 'secondary' : 'primary'}
                isDisabled={!changement}
                onPress={() => send({ type: 'choix.choisir', teleprocedure: 'changement' })}
              >
                Changement de situation{changement ? '' : ' (bientôt disponible)'}
              </Button>
            </div>
            {!calendrier?.certificatOpen ? (
              <p className="muted">
                Le certificat d'emploi se déclare du 1er décembre au dernier jour de février.
              </p>
            ) : null}
          </div>
          <div className="dialog__actions">
            <Button variant="secondary" onPress={() => send({ type: 'choix.fermer' })}>
              Annuler
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
