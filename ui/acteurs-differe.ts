/**
 * The portal's children live in their own chunks, each with its server calls: the declaration
 * (its machine, the standalone validators and the schemas' labels), the Caf agent's space and
 * the API tokens. The portal is provided with their `logique`, which stands for the machine once
 * `charger()` has loaded it; the portal's own server calls wait for the chunk before the state
 * that invokes the child (ui/api.ts: the fiche before a declaration, the profile before the
 * agent's space, the accueil before the tokens), and the chunks are prefetched after the login
 * (ui/ecrans-differe.tsx), so that nobody waits for them on a normal connection.
 */
import type { agentServeur } from './api-caf.ts';
import type { declarationServeur } from './api-declaration.ts';
import type { jetonsServeur } from './screens/jetons/api.ts';

/** An actor logic in its own chunk, and how to load it. */
export interface ActeurDiffere<T extends object> {
  /** The logic as the portal invokes it: every use goes to the loaded one. */
  logique: T;
  /** Loads the chunk (once; again after a failure); resolves when the logic can be invoked. */
  charger: () => Promise<void>;
}

/** `importer` gives the logic from its chunk; `nom` says which one in the error of a use too early. */
export function acteurDiffere<T extends object>(
  nom: string,
  importer: () => Promise<T>,
): ActeurDiffere<T> {
  let chargee: T | undefined;
  let enCours: Promise<void> | undefined;
  const charger = () =>
    (enCours ??= importer().then(
      (logique) => {
        chargee = logique;
      },
      (erreur: unknown) => {
        enCours = undefined;
        throw erreur;
      },
    ));
  const logique = new Proxy({} as T, {
    get(_, cle) {
      if (!chargee) throw new Error(`${nom} n'est pas chargé : appelez charger() d'abord.`);
      const valeur = Reflect.get(chargee, cle, chargee) as unknown;
      return typeof valeur === 'function' ? valeur.bind(chargee) : valeur;
    },
    has: (_, cle) => !!chargee && Reflect.has(chargee, cle),
  });
  return { logique, charger };
}

/** The declaration machine wired to the server (ui/api-declaration.ts). */
export const declarationDiffere = acteurDiffere<typeof declarationServeur>(
  'La déclaration',
  async () => (await import('./api-declaration.ts')).declarationServeur,
);

/** The Caf agent's machine wired to the server (ui/api-caf.ts). */
export const agentDiffere = acteurDiffere<typeof agentServeur>(
  "L'espace Caf",
  async () => (await import('./api-caf.ts')).agentServeur,
);

/** R-API-2: the tokens machine wired to the server (ui/screens/jetons/api.ts). */
export const jetonsDiffere = acteurDiffere<typeof jetonsServeur>(
  "L'accès pour le logiciel de paie",
  async () => (await import('./screens/jetons/api.ts')).jetonsServeur,
);
