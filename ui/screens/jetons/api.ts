/** R-API-2: the tokens machine wired to the server (GET, POST /api/tokens, DELETE /api/tokens/:id). */
import { fromPromise } from 'xstate';
import { jetonsMachine, type Jeton, type JetonCree } from '../../../machines/jetons.machine.ts';
import { client, lire } from '../../api.ts';

export const jetonsServeur = jetonsMachine.provide({
  actors: {
    chargerJetons: fromPromise<Jeton[]>(() => lire(client.api.tokens.$get())),
    creerJeton: fromPromise<JetonCree, { name: string; expiresAt: string }>(({ input }) =>
      lire(client.api.tokens.$post({ json: input })),
    ),
    revoquerJeton: fromPromise<Jeton, { id: string }>(({ input }) =>
      lire(client.api.tokens[':id'].$delete({ param: { id: input.id } })),
    ),
  },
});
