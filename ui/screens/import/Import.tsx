/**
 * R-IM (SPEC §12): the screens of the import of a payroll file, loaded on demand (React.lazy in
 * Portail.tsx) so that the first screen of the Esat does not carry them.
 */
import { useSelector } from '@xstate/react';
import type { SortieImport } from '../../../machines/import.machine.ts';
import { Breadcrumb, Button, ConfirmDialog, Notice, Spinner } from '../../components/index.ts';
import { Correspondance } from './Correspondance.tsx';
import { Envoi, FinImport, RecapitulatifImport } from './Envoi.tsx';
import { Fichier } from './Fichier.tsx';
import { Rapport } from './Rapport.tsx';
import type { EcranImport, ImportRef, ImportSnapshot } from './types.ts';
import '../../ecrans.css';
import './import.css';

const etapes = ['Fichier', 'Colonnes', 'Rapport', 'Récapitulatif', 'Envoi'] as const;
const etatsEtapes = ['fichier', 'correspondance', 'rapport', 'recapitulatif', 'envoi'] as const;

/** Where the user goes once the quit is confirmed, in words. */
const destinations: Record<SortieImport, string> = {
  travailleurs: 'Vous retournerez à la page « Mes travailleurs ».',
  accueil: "Vous retournerez à l'accueil.",
  portail: "Vous retournerez à l'accueil.",
  motDePasse: 'Vous irez au changement de votre mot de passe.',
};

/** What would be lost, in the state where the quit is asked. */
function perte(state: ImportSnapshot): string {
  if (state.matches({ correspondance: 'confirmationQuitter' }))
    return "Les changements de colonnes que vous n'avez pas confirmés seront perdus. L'import reste proposé sur l'accueil.";
  if (state.matches({ rapport: 'confirmationQuitter' }))
    return "Ce que vous avez saisi pour cette ligne n'est pas enregistré et sera perdu. L'import reste proposé sur l'accueil.";
  return "L'envoi s'arrête après le lot en cours : les certificats déjà envoyés sont enregistrés. Vous reprendrez l'envoi depuis l'accueil, sans qu'aucun travailleur soit déclaré deux fois.";
}

/** The quit confirmations of the import, and « Importer un autre fichier ». */
function Confirmations({ state, send }: EcranImport) {
  const quitter =
    state.matches({ correspondance: 'confirmationQuitter' }) ||
    state.matches({ rapport: 'confirmationQuitter' }) ||
    state.matches({ envoi: 'confirmationQuitter' });
  return (
    <>
      <ConfirmDialog
        isOpen={quitter}
        title={
          state.matches('envoi') ? "Interrompre l'envoi des certificats ?" : "Quitter l'import ?"
        }
        confirmLabel={state.matches('envoi') ? "Interrompre l'envoi" : 'Quitter'}
        onCancel={() => send({ type: 'quitter.annuler' })}
        onConfirm={() => send({ type: 'quitter.confirmer' })}
      >
        <p>{destinations[state.context.sortie ?? 'travailleurs']}</p>
        <p>{perte(state)}</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={state.matches({ rapport: 'confirmationAbandon' })}
        title="Importer un autre fichier ?"
        confirmLabel="Abandonner cet import"
        onCancel={() => send({ type: 'abandon.annuler' })}
        onConfirm={() => send({ type: 'abandon.confirmer' })}
      >
        <p>
          Cet import et les corrections faites dans la page seront abandonnés. Rien n'a été envoyé à
          la Caf : vous pourrez importer votre fichier corrigé.
        </p>
      </ConfirmDialog>
    </>
  );
}

export interface ImportProps {
  actor: ImportRef;
}

/** The step the import machine is in, drawn with its breadcrumb. */
export function Import({ actor }: ImportProps) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const etape = etatsEtapes.findIndex((e) => state.matches(e));
  let ecran;
  if (state.matches('fichier')) ecran = <Fichier state={state} send={send} />;
  else if (state.matches('correspondance')) ecran = <Correspondance state={state} send={send} />;
  else if (state.matches('rapport')) ecran = <Rapport state={state} send={send} />;
  else if (state.matches('recapitulatif'))
    ecran = <RecapitulatifImport state={state} send={send} />;
  else if (state.matches('envoi')) ecran = <Envoi state={state} send={send} />;
  else if (state.matches('fin')) ecran = <FinImport state={state} send={send} />;
  else if (state.matches('echec'))
    ecran = (
      <Notice type="error" title="Cet import n'a pas pu être ouvert" live>
        <p>{state.context.erreur?.message}</p>
        <div className="actions actions--start">
          <Button variant="secondary" onPress={() => send({ type: 'chargement.reessayer' })}>
            Réessayer
          </Button>
          <Button onPress={() => send({ type: 'rapport.autreFichier' })}>
            Importer un fichier
          </Button>
        </div>
      </Notice>
    );
  else ecran = <Spinner label="Chargement de l'import…" />;
  return (
    <div className="screen import">
      <div className="screen__head">
        <h1>Importer un fichier de paie</h1>
      </div>
      {etape >= 0 ? (
        <Breadcrumb etape={etape + 1} etapes={etapes} label="Étapes de l'import" />
      ) : null}
      {ecran}
      <Confirmations state={state} send={send} />
    </div>
  );
}

export default Import;
