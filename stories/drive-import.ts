/**
 * Drives the import machine, inside the real portal, with the fake import routes of
 * test/machines/fixtures-import.ts, to the state a story of the import shows.
 */
import { waitFor, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { importMachine } from '../machines/import.machine.ts';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { csvImport, fichierCsv } from '../test/machines/fixtures-import.ts';
import { accueil, type PortalActor } from './drive.ts';

export type ImportActor = ActorRefFrom<typeof importMachine>;
type ImportSnapshot = SnapshotFrom<typeof importMachine>;

const attendre = { timeout: 5000 };

/** The import child of the portal (id 'import'). */
export function enfantImport(actor: PortalActor): ImportActor {
  const child = actor.getSnapshot().children.import as ImportActor | undefined;
  if (!child) throw new Error('Aucun import en cours');
  return child;
}

/** The state the import must reach, by `matches`. */
export const attendreImport = (i: ImportActor, etat: Parameters<ImportSnapshot['matches']>[0]) =>
  waitFor(i, (s) => s.matches(etat), attendre);

/** « Importer un fichier de paie » from Mes travailleurs, then taken further by `conduire`. */
export async function importer(
  world: WorldOptions,
  conduire: (i: ImportActor) => Promise<unknown> = async () => undefined,
) {
  const actor = await accueil(world);
  actor.send({ type: 'accueil.travailleurs' });
  await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }), attendre);
  actor.send({ type: 'travailleurs.importer' });
  const i = enfantImport(actor);
  await attendreImport(i, { fichier: 'choix' });
  await conduire(i);
  return actor;
}

/** The file of 20 rows (3 in error) sent, its columns proposed. */
export async function envoyerFichier(i: ImportActor, csv = csvImport()) {
  i.send({ type: 'fichier.choisir', fichier: fichierCsv(csv) });
  await waitFor(
    i,
    (s) => s.matches({ correspondance: 'edition' }) || s.matches({ fichier: 'choix' }),
    attendre,
  );
}

/** Up to the report, the columns confirmed as proposed. */
export async function rapport(i: ImportActor, csv = csvImport()) {
  await envoyerFichier(i, csv);
  i.send({ type: 'correspondance.valider' });
  await attendreImport(i, { rapport: 'liste' });
}

/** Up to the récapitulatif of a file without errors. */
export async function recapitulatif(i: ImportActor) {
  await rapport(i, csvImport(30, []));
  i.send({ type: 'rapport.continuer' });
  await attendreImport(i, 'recapitulatif');
}
