/**
 * The real side effects of the declaration machine: recording a declaration, the Esat's opinion
 * (avis), and R-SE-2's draft kept on the server while typing. In its own chunk with the machine,
 * its validators and the schemas' labels (ui/acteurs-differe.ts): the login does not carry them.
 */
import { fromPromise } from 'xstate';
import {
  declarationMachine,
  type Avis,
  type EnvoiDeclaration,
} from '../machines/declaration.machine.ts';
import type { Brouillon } from '../machines/types.ts';
import { client, lire, sansContenu } from './api.ts';

/** `encodeURIComponent` for a path parameter (the client puts it in the path as given). */
const p = encodeURIComponent;

const brouillonsEnAttente = new Map<string, ReturnType<typeof setTimeout>>();
const brouillonsEnCours = new Map<string, Promise<unknown>>();

/** Before recording a declaration: no draft save may land after it and bring the draft back. */
async function arreterBrouillon(workerId: string) {
  clearTimeout(brouillonsEnAttente.get(workerId));
  brouillonsEnAttente.delete(workerId);
  await brouillonsEnCours.get(workerId);
}

/** R-SE-2: keeps what is typed on the server, at most every 400 ms per worker. */
function garderBrouillon({
  workerId,
  updatedAt: _,
  travailleur: __,
  ...brouillon
}: Brouillon & { workerId: string }) {
  clearTimeout(brouillonsEnAttente.get(workerId));
  brouillonsEnAttente.set(
    workerId,
    setTimeout(() => {
      brouillonsEnAttente.delete(workerId);
      // A failed save is retried with the next keystroke; the values stay on screen.
      const put = sansContenu(
        client.api.drafts[':workerId'].$put({ param: { workerId: p(workerId) }, json: brouillon }),
      ).catch(() => undefined);
      brouillonsEnCours.set(workerId, put);
      void put.then(
        () => brouillonsEnCours.get(workerId) === put && brouillonsEnCours.delete(workerId),
      );
    }, 400),
  );
}

/** The declaration machine wired to the server. */
export const declarationServeur = declarationMachine.provide({
  actions: {
    brouillonModifie: (_, params) => garderBrouillon(params),
  },
  actors: {
    enregistrerDeclaration: fromPromise(async ({ input }: { input: EnvoiDeclaration }) => {
      await arreterBrouillon(input.workerId);
      return lire(
        client.api.declarations.$post(
          { json: { workerId: input.workerId, kind: input.kind, data: input.data } },
          { headers: { 'Idempotency-Key': input.idempotencyKey } },
        ),
      );
    }),
    envoyerAvis: fromPromise(
      async ({ input }: { input: { declarationId: string; avis: Avis } }) => {
        await lire(
          client.api.declarations[':id'].avis.$post({
            param: { id: p(input.declarationId) },
            json: { ...input.avis },
          }),
        );
      },
    ),
  },
});
