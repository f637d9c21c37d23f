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
import { client, lire, sansContenu } from './api.ts';

const route = (id: string, suite = '') => `/api/imports/${encodeURIComponent(id)}${suite}`;
const p = encodeURIComponent;

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
    envoyerFichier: fromPromise<ImportVue, { caf: string; fichier: FichierChoisi }>(({ input }) =>
      lire(
        client.api.imports.$post(
          { query: { caf: input.caf } },
          {
            headers: {
              // A browser may give no type (or Windows' « vnd.ms-excel » for a CSV): the
              // server reads the bytes themselves.
              'Content-Type': input.fichier.type || 'application/octet-stream',
              'X-Filename': encodeURIComponent(input.fichier.nom),
            },
            // The file is the request's body itself (R-IM-2).
            init: { body: input.fichier.contenu },
          },
        ),
      ),
    ),
    chargerImport: fromPromise<ImportVue, { id: string }>(({ input }) =>
      lire(client.api.imports[':id'].$get({ param: { id: p(input.id) } })),
    ),
    changerCorrespondance: fromPromise<ImportVue, { id: string; mapping: Correspondance }>(
      ({ input }) =>
        lire(
          client.api.imports[':id'].mapping.$put({
            param: { id: p(input.id) },
            json: { mapping: input.mapping },
          }),
        ),
    ),
    modifierLigne: fromPromise<ImportVue, { id: string; n: number } & ModificationLigne>(
      ({ input: { id, n, ...modification } }) =>
        lire(
          client.api.imports[':id'].lignes[':n'].$patch({
            param: { id: p(id), n: String(n) },
            json: { ...modification },
          }),
        ),
    ),
    envoyerLot: fromPromise<AvancementEnvoi, { id: string; lot: number }>(({ input }) =>
      lire(
        client.api.imports[':id'].envoi.$post({
          param: { id: p(input.id) },
          query: { lot: String(input.lot) },
        }),
      ),
    ),
    abandonnerImport: fromPromise(async ({ input }: { input: { id: string } }) => {
      await sansContenu(client.api.imports[':id'].$delete({ param: { id: p(input.id) } }));
    }),
  },
});
