/**
 * The portal with every screen at once, for the stories and the jsdom tests; the product gives
 * the frame its screens from their chunks (ui/ecrans-differe.tsx, ui/App.tsx).
 */
import type { ComponentType } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { portalMachine } from '../../machines/portal.machine.ts';
import { espaceCafDiffere, importDiffereEcran } from '../ecrans-differe.tsx';
import { Accueil } from './Accueil.tsx';
import { Cgu } from './Cgu.tsx';
import { Connexion } from './Connexion.tsx';
import { Declaration } from './Declaration.tsx';
import { Dialogues } from './Dialogues.tsx';
import { Fiche } from './Fiche.tsx';
import { MotDePasse } from './MotDePasse.tsx';
import { Oubli } from './Oubli.tsx';
import { Travailleurs } from './Travailleurs.tsx';
import { Utilisateurs } from './Utilisateurs.tsx';
import type { EspaceCafProps } from './caf/EspaceCaf.tsx';
import type { ImportProps } from './import/Import.tsx';
import { Jetons } from './jetons/Jetons.tsx';
import { PortailCadre } from './PortailCadre.tsx';

/** Renders whatever state the portal machine is in; the screens only send it events. */
export function Portail({
  actor,
  espaceCaf = espaceCafDiffere,
  sessionProbable = false,
  importFichier = importDiffereEcran,
}: {
  actor: ActorRefFrom<typeof portalMachine>;
  /** The agent's screens (the stories give them at once, else loaded on demand). */
  espaceCaf?: ComponentType<EspaceCafProps>;
  /** This tab was logged in (a reload): the header keeps the user block's place meanwhile. */
  sessionProbable?: boolean;
  /** The import's screens (given at once by the stories, else loaded on demand). */
  importFichier?: ComponentType<ImportProps>;
}) {
  return (
    <PortailCadre
      actor={actor}
      sessionProbable={sessionProbable}
      ecrans={{
        Connexion,
        Oubli,
        Cgu,
        MotDePasse,
        Utilisateurs,
        Accueil,
        Travailleurs,
        Fiche,
        Declaration,
        Jetons,
        EspaceCaf: espaceCaf,
        Import: importFichier,
        Dialogues,
      }}
    />
  );
}
