import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { declarationMachine, type EnvoiDeclaration } from '../../machines/declaration.machine.ts';
import type { Accuse, ApiError } from '../../machines/types.ts';

const travailleur = {
  id: 'w1',
  nom: 'LEFÈVRE',
  prenom: 'Anne',
  numeroAllocataire: '1234567',
  dateNaissance: '1990-04-02',
};

const valide = {
  moisRemunerationGarantie: '12',
  remunerationGarantie: '1 200,50',
  aideAuPoste: '700',
};

function start(
  options: { estDernier?: boolean; enregistrer?: (e: EnvoiDeclaration) => Promise<Accuse> } = {},
) {
  const envois: EnvoiDeclaration[] = [];
  const avis: unknown[] = [];
  const machine = declarationMachine.provide({
    actors: {
      enregistrerDeclaration: fromPromise(async ({ input }: { input: EnvoiDeclaration }) => {
        envois.push(input);
        return options.enregistrer
          ? options.enregistrer(input)
          : {
              id: 'd1',
              kind: input.kind,
              workerId: input.workerId,
              submittedAt: '2026-12-02T10:00:00Z',
            };
      }),
      envoyerAvis: fromPromise(async ({ input }) => {
        avis.push(input);
      }),
    },
  });
  const actor = createActor(machine, {
    input: {
      teleprocedure: 'certificat',
      kind: 'certificat',
      travailleur,
      estDernier: options.estDernier ?? true,
    },
  }).start();
  const saisir = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values))
      actor.send({ type: 'saisie.changer', name, value });
  };
  return { actor, envois, avis, saisir };
}

describe('declaration machine (R-FL-5)', () => {
  it('starts on the Saisie without showing errors', () => {
    const { actor } = start();
    expect(actor.getSnapshot().matches({ saisie: 'edition' })).toBe(true);
    expect(actor.getSnapshot().context.showErrors).toBe(false);
  });

  it('refuses to go on with bad input, shows field messages and keeps what was typed', () => {
    const { actor, saisir } = start();
    saisir({ moisRemunerationGarantie: '13', aideAuPoste: 'douze' });
    actor.send({ type: 'saisie.valider' });
    const { context } = actor.getSnapshot();
    expect(actor.getSnapshot().matches('saisie')).toBe(true);
    expect(context.showErrors).toBe(true);
    expect(context.saisie.aideAuPoste).toBe('douze');
    expect(context.errors.map((e) => e.path).sort()).toEqual(
      ['/aideAuPoste', '/moisRemunerationGarantie', '/remunerationGarantie'].sort(),
    );
  });

  it('goes Saisie → Récapitulatif → Fin and sends the parsed data once', async () => {
    const { actor, envois, saisir } = start();
    saisir(valide);
    actor.send({ type: 'saisie.valider' });
    expect(actor.getSnapshot().matches({ recapitulatif: 'lecture' })).toBe(true);
    actor.send({ type: 'recapitulatif.valider' });
    await waitFor(actor, (s) => s.matches('fin'));
    expect(envois).toHaveLength(1);
    expect(envois[0].data).toEqual({
      moisRemunerationGarantie: 12,
      remunerationGarantie: 1200.5,
      aideAuPoste: 700,
    });
    expect(actor.getSnapshot().context.accuse?.id).toBe('d1');
  });

  it('the pencil goes back to the Saisie with the values kept', () => {
    const { actor, saisir } = start();
    saisir(valide);
    actor.send({ type: 'saisie.valider' });
    actor.send({ type: 'recapitulatif.modifier' });
    expect(actor.getSnapshot().matches({ saisie: 'edition' })).toBe(true);
    expect(actor.getSnapshot().context.saisie).toEqual(valide);
  });

  it.each([
    { from: 'saisie', quit: 'saisie.quitter', issue: 'travailleurs' },
    { from: 'recapitulatif', quit: 'recapitulatif.quitter', issue: 'fiche' },
  ] as const)(
    'Quitter on $from: Annuler stays, Confirmer ends towards $issue',
    ({ from, quit, issue }) => {
      const { actor, saisir } = start();
      saisir(valide);
      if (from === 'recapitulatif') actor.send({ type: 'saisie.valider' });
      actor.send({ type: quit });
      expect(actor.getSnapshot().matches({ [from]: 'confirmationQuitter' })).toBe(true);
      actor.send({ type: 'quitter.annuler' });
      expect(actor.getSnapshot().matches(from)).toBe(true);
      expect(actor.getSnapshot().context.saisie).toEqual(valide);
      actor.send({ type: quit });
      actor.send({ type: 'quitter.confirmer' });
      expect(actor.getSnapshot().status).toBe('done');
      expect(actor.getSnapshot().output).toEqual({ issue, accuse: undefined });
    },
  );

  it('a 422 from the server brings its field messages back to the Saisie', async () => {
    const refus: ApiError = {
      status: 422,
      code: 'validation',
      message: 'La déclaration comporte des erreurs.',
      fields: [{ path: '/aideAuPoste', message: 'Message du serveur' }],
    };
    const { actor, saisir } = start({ enregistrer: async () => Promise.reject(refus) });
    saisir(valide);
    actor.send({ type: 'saisie.valider' });
    actor.send({ type: 'recapitulatif.valider' });
    await waitFor(actor, (s) => s.matches('saisie'));
    expect(actor.getSnapshot().context.errors).toEqual(refus.fields);
    expect(actor.getSnapshot().context.saisie).toEqual(valide);
  });

  it('R-CE-6: a 409 stays on the Récapitulatif with the server message', async () => {
    const refus: ApiError = {
      status: 409,
      code: 'deja-declare',
      message: 'Déjà enregistré le 02/12/2026.',
    };
    const { actor, saisir } = start({ enregistrer: async () => Promise.reject(refus) });
    saisir(valide);
    actor.send({ type: 'saisie.valider' });
    actor.send({ type: 'recapitulatif.valider' });
    await waitFor(actor, (s) => s.matches({ recapitulatif: 'lecture' }));
    expect(actor.getSnapshot().context.erreurEnvoi?.message).toBe(refus.message);
  });

  it('R-FL-6: a retry after a network failure reuses the same Idempotency-Key', async () => {
    let tries = 0;
    const { actor, envois, saisir } = start({
      enregistrer: async (e) => {
        tries += 1;
        if (tries === 1) throw new Error('network');
        return {
          id: 'd1',
          kind: e.kind,
          workerId: e.workerId,
          submittedAt: '2026-12-02T10:00:00Z',
        };
      },
    });
    saisir(valide);
    actor.send({ type: 'saisie.valider' });
    actor.send({ type: 'recapitulatif.valider' });
    await waitFor(actor, (s) => s.matches({ recapitulatif: 'lecture' }) && !!s.context.erreurEnvoi);
    actor.send({ type: 'recapitulatif.valider' });
    await waitFor(actor, (s) => s.matches('fin'));
    expect(envois[0].idempotencyKey).toBe(envois[1].idempotencyKey);
  });

  it.each([
    { estDernier: false, allowed: 'fin.continuer', refused: 'fin.valider' },
    { estDernier: true, allowed: 'fin.valider', refused: 'fin.continuer' },
  ] as const)(
    'Fin offers $allowed when estDernier=$estDernier',
    async ({ estDernier, allowed, refused }) => {
      const { actor, saisir, avis } = start({ estDernier });
      saisir(valide);
      actor.send({ type: 'saisie.valider' });
      actor.send({ type: 'recapitulatif.valider' });
      await waitFor(actor, (s) => s.matches('fin'));
      actor.send({ type: 'fin.avis', avis: { note: 4, commentaire: 'Clair' } });
      await waitFor(actor, (s) => s.context.avis === 'envoye');
      expect(avis).toEqual([{ declarationId: 'd1', avis: { note: 4, commentaire: 'Clair' } }]);
      expect(actor.getSnapshot().can({ type: refused })).toBe(false);
      actor.send({ type: allowed });
      expect(actor.getSnapshot().output?.issue).toBe('suivant');
    },
  );
});
