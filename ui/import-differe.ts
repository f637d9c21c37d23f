/**
 * R-IM: the import machine and its server calls live in their own chunk (with the import's
 * screens). The portal is provided with `importDiffere`, which stands for that machine once
 * `chargerImport()` has loaded it: the screens await it before asking the portal to start an
 * import, so that the Esat's first screen does not carry the import.
 */
import { acteurDiffere } from './acteurs-differe.ts';
import type { importServeur } from './api-import.ts';

const differe = acteurDiffere<typeof importServeur>(
  "L'import",
  async () => (await import('./api-import.ts')).importServeur,
);

/** Loads the import's chunk (once); resolves when an import can start. */
export const chargerImport = differe.charger;

/** The import machine as the portal invokes it: every use goes to the loaded machine. */
export const importDiffere = differe.logique;
