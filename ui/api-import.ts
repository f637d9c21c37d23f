/**
 * The real side effects of the import machine (SPEC §12): each actor is one call of the
 * `/api/imports/*` routes; every failure rejects with an ApiError carrying the server's French
 * message, as in ui/api.ts.
 */
import { fromPromise } from 'xstate';
import { importMachine, type ModificationLigne } from '../machines/import.machine.ts';
import type {
  AvancementEnvoi,
  Correspondance,
  FichierChoisi,
  ImportVue,
} from '../machines/import.types.ts';
import { call } from './api.ts';

const route = (id: string, suite = '') => `/api/imports/${encodeURIComponent(id)}${suite}`;

/** Where the template, the report as CSV and the summary PDF are downloaded (plain links). */
export const liensImport = {
  modeleCsv: '/api/imports/modele.csv',
  modeleXlsx: '/api/imports/modele.xlsx',
  rapportCsv: (id: string) => route(id, '/rapport.csv'),
  pdf: (id: string) => route(id, '/pdf'),
};

/** The import machine wired to the server. */
export const importServeur = importMachine.provide({
  actors: {
    envoyerFichier: fromPromise(({ input }: { input: { caf: string; fichier: FichierChoisi } }) =>
      call<ImportVue>(
        'POST',
        `/api/imports?${new URLSearchParams({ caf: input.caf })}`,
        input.fichier.contenu,
        {
          // A browser may give no type (or Windows' « vnd.ms-excel » for a CSV): the server reads
          // the bytes themselves.
          'Content-Type': input.fichier.type || 'application/octet-stream',
          'X-Filename': encodeURIComponent(input.fichier.nom),
        },
      ),
    ),
    chargerImport: fromPromise(({ input }: { input: { id: string } }) =>
      call<ImportVue>('GET', route(input.id)),
    ),
    changerCorrespondance: fromPromise(
      ({ input }: { input: { id: string; mapping: Correspondance } }) =>
        call<ImportVue>('PUT', route(input.id, '/mapping'), { mapping: input.mapping }),
    ),
    modifierLigne: fromPromise(
      ({
        input: { id, n, ...modification },
      }: {
        input: { id: string; n: number } & ModificationLigne;
      }) => call<ImportVue>('PATCH', route(id, `/lignes/${n}`), modification),
    ),
    envoyerLot: fromPromise(({ input }: { input: { id: string; lot: number } }) =>
      call<AvancementEnvoi>('POST', route(input.id, `/envoi?lot=${input.lot}`)),
    ),
    abandonnerImport: fromPromise(async ({ input }: { input: { id: string } }) => {
      await call('DELETE', route(input.id));
    }),
  },
});
