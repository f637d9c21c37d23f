/**
 * A demo page of the UI kit, until the app (driven by the portal machine) takes its place.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { checkSaisie, formDefinition, type Saisie } from '../forms/index.ts';
import {
  AvisForm,
  Breadcrumb,
  Button,
  ConfirmDialog,
  DownloadIcon,
  Layout,
  LinkButton,
  Notice,
  Pagination,
  Recapitulatif,
  Spinner,
  WorkerTile,
} from './components/index.ts';
import { FormRenderer } from './form/FormRenderer.tsx';

const definition = formDefinition('certificat');

const travailleurs = [
  { id: 'w1', nom: 'Dupont', prenom: 'Marie', numeroAllocataire: '1234567' },
  { id: 'w2', nom: 'Martin', prenom: 'Karim', numeroAllocataire: '2345678' },
  { id: 'w3', nom: 'Lefèvre-Dubois', prenom: 'Anne-Sophie', numeroAllocataire: '3456789' },
  {
    id: 'w4',
    nom: 'Nguyen',
    prenom: 'Thi',
    numeroAllocataire: '4567890',
    blocage: 'Le dossier de ce travailleur est radié. Contactez votre Caf.',
  },
];

function Demo() {
  const [saisie, setSaisie] = useState<Saisie>({
    moisRemunerationGarantie: '12',
    aideAuPoste: '1 250,5',
  });
  const [showErrors, setShowErrors] = useState(false);
  const [selection, setSelection] = useState<Set<string>>(new Set(['w2']));
  const [page, setPage] = useState(2);
  const [dialog, setDialog] = useState(false);
  const [avisEnvoye, setAvisEnvoye] = useState(false);
  const { data, errors } = checkSaisie('certificat', saisie);

  return (
    <Layout
      caf="Caf de la Gironde"
      utilisateur="direction@esat-les-vignes.fr"
      quitter={
        <Button variant="secondary" onPress={() => setDialog(true)}>
          Quitter
        </Button>
      }
    >
      <h1>Kit d'interface</h1>
      <p className="lead">Démonstration des composants de l'Espace Esat.</p>

      <section className="stack" aria-labelledby="demo-travailleurs">
        <h2 id="demo-travailleurs">Mes travailleurs</h2>
        <ul className="worker-grid">
          {travailleurs.map((t) => (
            <li key={t.id}>
              <WorkerTile
                {...t}
                isSelected={selection.has(t.id)}
                onChange={(on) => {
                  const next = new Set(selection);
                  if (on) next.add(t.id);
                  else next.delete(t.id);
                  setSelection(next);
                }}
              />
            </li>
          ))}
        </ul>
        <Pagination page={page} total={93} pageSize={10} onPage={setPage} />
        <div className="actions">
          <Button isDisabled={selection.size === 0}>Déclarer</Button>
        </div>
      </section>

      <section className="stack" aria-labelledby="demo-saisie">
        <h2 id="demo-saisie">{definition.titre}</h2>
        <Breadcrumb etape={1} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setShowErrors(true);
          }}
        >
          <FormRenderer
            definition={definition}
            saisie={saisie}
            errors={errors}
            showErrors={showErrors}
            onChange={(name, value) => setSaisie({ ...saisie, [name]: value })}
          />
          <div className="actions">
            <Button type="submit">Suivant</Button>
            <Button variant="secondary" onPress={() => setDialog(true)}>
              Quitter
            </Button>
          </div>
        </form>
      </section>

      <section className="stack" aria-labelledby="demo-recap">
        <h2 id="demo-recap">Récapitulatif</h2>
        <Breadcrumb etape={2} />
        <Recapitulatif
          definition={definition}
          valeurs={data}
          onModifier={() => setShowErrors(false)}
        />
      </section>

      <section className="stack" aria-labelledby="demo-fin">
        <h2 id="demo-fin">Fin</h2>
        <Breadcrumb etape={3} />
        <Notice type="success" title="Votre déclaration a bien été enregistrée">
          <p>Un accusé de réception a été envoyé à direction@esat-les-vignes.fr.</p>
        </Notice>
        <div className="actions">
          <LinkButton href="#" icon={<DownloadIcon />}>
            Télécharger le récapitulatif (PDF)
          </LinkButton>
        </div>
        <AvisForm sent={avisEnvoye} onSubmit={() => setAvisEnvoye(true)} />
      </section>

      <section className="stack" aria-labelledby="demo-messages">
        <h2 id="demo-messages">Messages</h2>
        <Notice type="info">
          <p>
            Date cible pour garantir les paiements de janvier et février : entre le 15 et le 20
            janvier.
          </p>
        </Notice>
        <Notice type="warning" title="Votre session expire dans 3 minutes 49 secondes">
          <p>Sans action de votre part, vous serez déconnecté.</p>
        </Notice>
        <Notice type="error">
          <p>Aucun travailleur n'est connu pour cette Caf.</p>
        </Notice>
        <Spinner label="Chargement des travailleurs…" />
        <div className="actions">
          <Button>Principal</Button>
          <Button variant="secondary">Secondaire</Button>
          <Button variant="link">Lien</Button>
          <Button isDisabled>Désactivé</Button>
        </div>
      </section>

      <ConfirmDialog
        isOpen={dialog}
        title="Voulez-vous quitter ?"
        onCancel={() => setDialog(false)}
        onConfirm={() => setDialog(false)}
      >
        <p>
          Votre saisie est conservée comme brouillon : vous la retrouverez à votre prochaine
          connexion.
        </p>
      </ConfirmDialog>
    </Layout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
