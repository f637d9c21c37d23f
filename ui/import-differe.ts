/**
 * R-IM: the import machine and its server calls live in their own chunk (with the import's
 * screens). The portal is provided with `importDiffere`, which stands for that machine once
 * `chargerImport()` has loaded it: the screens await it before asking the portal to start an
 * import, so that the Esat's first screen does not carry the import.
 */
import type { importServeur } from './api-import.ts';

type MachineImport = typeof importServeur;
let chargee: MachineImport | undefined;

/** Loads the import's chunk (once); resolves when an import can start. */
export async function chargerImport(): Promise<void> {
  chargee ??= (await import('./api-import.ts')).importServeur;
}

/** The import machine as the portal invokes it: every use goes to the loaded machine. */
export const importDiffere = new Proxy({} as MachineImport, {
  get(_, cle) {
    if (!chargee) throw new Error("L'import n'est pas chargé : appelez chargerImport() d'abord.");
    const valeur = Reflect.get(chargee, cle, chargee) as unknown;
    return typeof valeur === 'function' ? valeur.bind(chargee) : valeur;
  },
  has: (_, cle) => !!chargee && Reflect.has(chargee, cle),
});
