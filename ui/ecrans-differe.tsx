/**
 * The screens after the login, and « Mot de passe oublié ? », each in its own chunk: the login
 * page loads only its own screen (issue 16: the first screen under 100 kB gzip; the forgotten
 * password's chunk when asked for). Once someone is logged in, the chunks of the
 * screens their role reaches, and of the portal's children (acteurs-differe.ts), are prefetched
 * so that no screen waits for its code on a normal connection.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { Role } from '../machines/types.ts';
import { agentDiffere, declarationDiffere, jetonsDiffere } from './acteurs-differe.ts';
import { Notice, Spinner } from './components/index.ts';
import { BoutonNatif } from './components/BoutonNatif.tsx';
import { chargerImport } from './import-differe.ts';
import { Connexion } from './screens/Connexion.tsx';
import type { EcransPortail } from './screens/PortailCadre.tsx';

/** A screen in its own chunk, and how to load it. */
export interface EcranDiffere<P extends object> {
  /** Rendered at once when its chunk is there (prefetched), else `attente` until it is. */
  Ecran: ComponentType<P>;
  /** Loads the chunk (once; again after a failure). */
  charger: () => Promise<unknown>;
}

/**
 * `importer` gives the screen from its chunk; `attente` is shown meanwhile (a dialog shows
 * nothing, and nothing either if its chunk fails). Not React.lazy: a lazy screen suspends on its
 * first render even when its chunk is already loaded.
 */
export function ecranDiffere<P extends object>(
  importer: () => Promise<ComponentType<P>>,
  attente: ReactNode = <Spinner />,
): EcranDiffere<P> {
  let charge: ComponentType<P> | undefined;
  let enCours: Promise<ComponentType<P>> | undefined;
  const charger = () =>
    (enCours ??= importer().then(
      (ecran) => (charge = ecran),
      (erreur: unknown) => {
        enCours = undefined;
        throw erreur;
      },
    ));
  function Ecran(props: P) {
    // A component kept in state: the setter takes a function returning it.
    const [Charge, setCharge] = useState(() => charge);
    const [echec, setEchec] = useState(false);
    // A screen says its failure and offers to try again; a dialog (`attente` null) tries again
    // at its next render (its state changed: it may be opening).
    const nouvelEssai = attente === null ? props : echec;
    useEffect(() => {
      if (Charge || echec) return;
      let monte = true;
      charger().then(
        (ecran) => monte && setCharge(() => ecran),
        () => monte && attente !== null && setEchec(true),
      );
      return () => {
        monte = false;
      };
    }, [Charge, echec, nouvelEssai]);
    if (Charge) return <Charge {...props} />;
    if (!echec || attente === null) return attente;
    return (
      <Notice type="error" title="Cette page n'a pas pu être chargée." live>
        <p>Le service ne répond pas. Vérifiez votre connexion puis réessayez.</p>
        <BoutonNatif variant="secondary" onPress={() => setEchec(false)}>
          Réessayer
        </BoutonNatif>
      </Notice>
    );
  }
  return { Ecran, charger };
}

// « Mot de passe oublié ? »: reached from the login, not part of it.
const oubli = ecranDiffere(async () => (await import('./screens/Oubli.tsx')).Oubli);
const cgu = ecranDiffere(async () => (await import('./screens/Cgu.tsx')).Cgu);
const motDePasse = ecranDiffere(async () => (await import('./screens/MotDePasse.tsx')).MotDePasse);
const utilisateurs = ecranDiffere(
  async () => (await import('./screens/Utilisateurs.tsx')).Utilisateurs,
);
const accueil = ecranDiffere(async () => (await import('./screens/Accueil.tsx')).Accueil);
const travailleurs = ecranDiffere(
  async () => (await import('./screens/Travailleurs.tsx')).Travailleurs,
);
const fiche = ecranDiffere(async () => (await import('./screens/Fiche.tsx')).Fiche);
const declaration = ecranDiffere(
  async () => (await import('./screens/Declaration.tsx')).Declaration,
);
const jetons = ecranDiffere(async () => (await import('./screens/jetons/Jetons.tsx')).Jetons);
const espaceCaf = ecranDiffere(
  async () => (await import('./screens/caf/EspaceCaf.tsx')).EspaceCaf,
  <Spinner label="Chargement de l'espace Caf…" />,
);
const importFichier = ecranDiffere(
  async () => (await import('./screens/import/Import.tsx')).Import,
  <Spinner label="Chargement de l'import…" />,
);
const dialogues = ecranDiffere(
  async () => (await import('./screens/Dialogues.tsx')).Dialogues,
  null,
);
const alerteSession = ecranDiffere(
  async () => (await import('./screens/Session.tsx')).AlerteSession,
  null,
);

/** R-SE-1: the session's warning and expiry, loaded with the space (they open long after). */
export const AlerteSessionDiffere = alerteSession.Ecran;

/** The Caf agent's space and the import, loaded when reached (the stories give them at once). */
export const espaceCafDiffere = espaceCaf.Ecran;
export const importDiffereEcran = importFichier.Ecran;

/** The product's screens: the login at once, every other one from its chunk. */
export const ecransDiffere: EcransPortail = {
  Connexion,
  Oubli: oubli.Ecran,
  Cgu: cgu.Ecran,
  MotDePasse: motDePasse.Ecran,
  Utilisateurs: utilisateurs.Ecran,
  Accueil: accueil.Ecran,
  Travailleurs: travailleurs.Ecran,
  Fiche: fiche.Ecran,
  Declaration: declaration.Ecran,
  Jetons: jetons.Ecran,
  EspaceCaf: espaceCaf.Ecran,
  Import: importFichier.Ecran,
  Dialogues: dialogues.Ecran,
};

/** The next idle moment of the page (a timer where requestIdleCallback is missing). */
const inactif = () =>
  new Promise<void>((resolve) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(() => resolve(), { timeout: 1000 })
      : setTimeout(resolve, 0),
  );

/**
 * Prefetch after the login (or a reload while logged in), once the first screen is shown and
 * the page is idle: the chunks of what `role` reaches, all at once (on a slow connection one
 * after the other would take a latency each, and land while the user goes on). A failure is
 * left to the screen that needs the chunk.
 */
export async function prechargerApresConnexion(role: Role): Promise<void> {
  const communs = [dialogues.charger, alerteSession.charger, cgu.charger];
  const chargeurs =
    role === 'agent'
      ? [...communs, agentDiffere.charger, espaceCaf.charger, motDePasse.charger]
      : [
          ...communs,
          accueil.charger,
          travailleurs.charger,
          fiche.charger,
          declarationDiffere.charger,
          declaration.charger,
          motDePasse.charger,
          jetonsDiffere.charger,
          ...(role === 'referent' ? [utilisateurs.charger, jetons.charger] : []),
          chargerImport,
          importFichier.charger,
        ];
  await inactif();
  await Promise.all(chargeurs.map((charger) => charger().catch(() => undefined)));
}
