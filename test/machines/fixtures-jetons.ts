/** R-API-2: a fake server for the tokens machine (tests and stories). */
import { fromPromise } from 'xstate';
import { jetonsMachine, type Jeton, type JetonCree } from '../../machines/jetons.machine.ts';

/** A token the fake server holds from the start. */
export const existant: Jeton = {
  id: 'j1',
  name: 'Paie Sage',
  createdBy: 'marc.petit@ateliers-villette.test',
  createdAt: '2026-11-02T09:00:00.000Z',
  expiresAt: '2027-11-02',
  lastUsedAt: '2026-12-01T08:00:00.000Z',
  revoked: false,
  revokedAt: null,
  expired: false,
};

/** The machine over a fake server that keeps its tokens in memory. */
export function fakeJetons() {
  const calls: { name: string; input?: unknown }[] = [];
  let jetons = [existant];
  const machine = jetonsMachine.provide({
    actors: {
      chargerJetons: fromPromise(async () => {
        calls.push({ name: 'chargerJetons' });
        return jetons.map((j) => ({ ...j }));
      }),
      creerJeton: fromPromise<JetonCree, { name: string; expiresAt: string }>(async ({ input }) => {
        calls.push({ name: 'creerJeton', input });
        if (!input.name.trim())
          throw {
            status: 422,
            code: 'jeton-invalide',
            message: 'Donnez un nom à ce jeton, par exemple celui de votre logiciel de paie.',
            fields: [{ path: '/name', message: 'Donnez un nom à ce jeton.' }],
          };
        const j: Jeton = { ...existant, id: 'j2', name: input.name, expiresAt: input.expiresAt };
        jetons = [j, ...jetons];
        return { ...j, token: 'esat_secret-shown-once' };
      }),
      revoquerJeton: fromPromise<Jeton, { id: string }>(async ({ input }) => {
        calls.push({ name: 'revoquerJeton', input });
        jetons = jetons.map((j) => (j.id === input.id ? { ...j, revoked: true } : j));
        return jetons.find((j) => j.id === input.id)!;
      }),
    },
  });
  return { machine, calls };
}
