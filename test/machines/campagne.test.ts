/**
 * Issue 12 on the portal machine: who is left (R-CA-8), a certificat already declared caught at
 * the fiche, drafts deleted, selecting many, a way out of every fiche and of a declaration, and
 * the browser's addresses (`navigation.aller`) decided by the machine.
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type ActorRefFrom } from 'xstate';
import type { declarationMachine } from '../../machines/declaration.machine.ts';
import type { Adresse, Brouillon } from '../../machines/types.ts';
import { fakePortal, travailleurs, type WorldOptions } from './fixtures.ts';

type Acteur = ReturnType<typeof demarrer>['actor'];

function demarrer(options: WorldOptions = {}) {
  const { machine, calls } = fakePortal(options);
  const actor = createActor(machine).start();
  return { actor, calls };
}

async function liste(options: WorldOptions = {}) {
  const r = demarrer(options);
  await waitFor(r.actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
  r.actor.send({ type: 'accueil.travailleurs' });
  await waitFor(r.actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
  return r;
}

/** Selects these workers (by id) and starts a certificat run on them. */
async function run(actor: Acteur, ids: string[], teleprocedure = 'certificat' as const) {
  for (const id of ids)
    actor.send({
      type: 'travailleurs.basculer',
      travailleur: travailleurs.find((t) => t.id === id)!,
    });
  actor.send({ type: 'travailleurs.declarer' });
  actor.send({ type: 'choix.choisir', teleprocedure });
  await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
}

const declaration = (actor: Acteur) =>
  actor.getSnapshot().children.declaration as ActorRefFrom<typeof declarationMachine>;

const aller = (actor: Acteur, adresse: Adresse) =>
  actor.send({ type: 'navigation.aller', adresse });

const brouillon = (id: string): Brouillon => ({
  teleprocedure: 'certificat',
  kind: 'certificat',
  reponses: {},
  saisie: { remunerationGarantie: '1200' },
  updatedAt: '2026-12-01T16:00:00.000Z',
  travailleur: travailleurs.find((t) => t.id === id),
});

describe('R-CA-8: who is left', () => {
  it('the accueil has the count of the chosen Caf during the campaign, none outside it', async () => {
    const { actor } = demarrer({ relance: { at: '2026-12-01T08:00:00.000Z', manquants: 26 } });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.cafs[0]!.suivi).toMatchObject({
      attendus: 29,
      declares: 3,
      restants: 26,
      relance: { manquants: 26 },
    });
    const hors = demarrer({ today: '2027-06-15' }).actor;
    await waitFor(hors, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(hors.getSnapshot().context.cafs[0]!.suivi).toBeNull();
  });

  it('« sans certificat pour cette campagne » filters the list from page 1 and is kept with q', async () => {
    const { actor, calls } = await liste();
    actor.send({ type: 'travailleurs.page', page: 2 });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && s.context.page === 2,
    );
    actor.send({ type: 'travailleurs.sansCertificat', actif: true });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    const { context } = actor.getSnapshot();
    expect(context.page).toBe(1);
    expect(context.sansCertificat).toBe(true);
    expect(calls.at(-1)?.input).toMatchObject({ sansCertificat: true, page: 1 });
    expect(context.liste?.total).toBe(27);
    expect(context.liste?.items.some((t) => t.certificat)).toBe(false);
  });
});

describe('a certificat already declared is caught at the fiche', () => {
  it('no « Commencer » for it: the next worker, or a changement de situation instead', async () => {
    const { actor } = await liste();
    await run(actor, ['w6', 'w1']);
    const s = actor.getSnapshot();
    expect(s.context.fiche?.certificat?.submittedAt).toBe('2026-12-01T09:30:00.000Z');
    expect(s.can({ type: 'fiche.declarer' })).toBe(false);
    expect(s.can({ type: 'fiche.passer' })).toBe(true);
    expect(s.can({ type: 'fiche.changement' })).toBe(true);
    actor.send({ type: 'fiche.changement' });
    expect(actor.getSnapshot().matches({ espace: { run: 'declaration' } })).toBe(true);
    expect(declaration(actor).getSnapshot().context.teleprocedure).toBe('changement');
  });

  it('a worker without certificat can be started; a changement run is not concerned', async () => {
    const { actor } = await liste();
    await run(actor, ['w1']);
    expect(actor.getSnapshot().can({ type: 'fiche.declarer' })).toBe(true);
    expect(actor.getSnapshot().can({ type: 'fiche.changement' })).toBe(false);
    const autre = (await liste()).actor;
    await run(autre, ['w6'], 'changement' as never);
    expect(autre.getSnapshot().can({ type: 'fiche.declarer' })).toBe(true);
  });
});

describe('R-SE-2: a draft is deleted after confirmation', () => {
  it.each(['suppression.annuler', 'suppression.confirmer'] as const)(
    'from the accueil: %s',
    async (reponse) => {
      const { actor, calls } = demarrer({ brouillons: [brouillon('w1')] });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'brouillon.supprimer', workerId: 'w1' });
      expect(actor.getSnapshot().matches({ espace: { accueil: 'confirmationSuppression' } })).toBe(
        true,
      );
      actor.send({ type: reponse });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      const supprime = reponse === 'suppression.confirmer';
      expect(calls.filter((c) => c.name === 'supprimerBrouillon')).toHaveLength(supprime ? 1 : 0);
      expect(actor.getSnapshot().context.brouillons).toHaveLength(supprime ? 0 : 1);
    },
  );

  it('from the fiche: the draft goes, « Commencer » starts empty', async () => {
    const { actor } = await liste({ brouillons: [brouillon('w1')] });
    await run(actor, ['w1']);
    expect(actor.getSnapshot().context.fiche?.brouillon).toBeDefined();
    actor.send({ type: 'brouillon.supprimer', workerId: 'w1' });
    actor.send({ type: 'suppression.confirmer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    expect(actor.getSnapshot().context.fiche?.brouillon).toBeUndefined();
    actor.send({ type: 'fiche.declarer' });
    expect(declaration(actor).getSnapshot().context.saisie).toEqual({});
  });
});

describe('selecting many', () => {
  it('this page, every matching worker (blocked files excepted), none', async () => {
    const { actor } = await liste();
    actor.send({ type: 'travailleurs.toutSelectionner', portee: 'page' });
    // 12 tiles, w3 is radié.
    expect(actor.getSnapshot().context.selection).toHaveLength(11);
    actor.send({ type: 'travailleurs.toutSelectionner', portee: 'filtre' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    const ids = actor.getSnapshot().context.selection.map((t) => t.id);
    expect(ids).toHaveLength(29);
    expect(new Set(ids).size).toBe(29);
    expect(ids).not.toContain('w3');
    actor.send({ type: 'travailleurs.toutDeselectionner' });
    expect(actor.getSnapshot().context.selection).toEqual([]);
  });

  it('every worker matching the filter means the filter: q and sans certificat', async () => {
    const { actor, calls } = await liste();
    actor.send({ type: 'travailleurs.sansCertificat', actif: true });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    actor.send({ type: 'travailleurs.toutSelectionner', portee: 'filtre' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(calls.at(-1)).toEqual({
      name: 'chargerTousTravailleurs',
      input: { caf: '751', q: '', sansCertificat: true },
    });
    expect(actor.getSnapshot().context.selection).toHaveLength(26);
  });
});

describe('a way out of every fiche and of a declaration', () => {
  it('« Retour à Mes travailleurs » from the first of three keeps the workers not declared', async () => {
    const { actor } = await liste();
    await run(actor, ['w1', 'w2', 'w4']);
    expect(actor.getSnapshot().can({ type: 'fiche.retour' })).toBe(true);
    actor.send({ type: 'fiche.retour' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1', 'w2', 'w4']);
  });

  it('the header’s « Quitter » on a fiche asks, then logs out (one Caf)', async () => {
    const { actor } = await liste();
    await run(actor, ['w1']);
    actor.send({ type: 'portail.quitter' });
    expect(actor.getSnapshot().matches({ espace: { run: { fiche: 'confirmationQuitter' } } })).toBe(
      true,
    );
    actor.send({ type: 'quitter.annuler' });
    expect(actor.getSnapshot().matches({ espace: { run: { fiche: 'affichage' } } })).toBe(true);
    actor.send({ type: 'portail.quitter' });
    actor.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches('connexion'));
  });

  it('« Quitter » on Fin with workers left asks first; the declared one leaves the selection', async () => {
    const { actor } = await liste();
    await run(actor, ['w1', 'w2', 'w4']);
    actor.send({ type: 'fiche.passer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    actor.send({ type: 'fiche.declarer' });
    const child = declaration(actor);
    for (const [name, value] of Object.entries({
      moisRemunerationGarantie: '12',
      remunerationGarantie: '1200',
      aideAuPoste: '700',
    }))
      child.send({ type: 'saisie.changer', name, value });
    child.send({ type: 'saisie.valider' });
    child.send({ type: 'recapitulatif.valider' });
    await waitFor(child, (s) => s.matches('fin'));
    child.send({ type: 'fin.quitter' });
    expect(child.getSnapshot().matches({ fin: 'confirmationQuitter' })).toBe(true);
    child.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches({ espace: 'travailleurs' }));
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1', 'w4']);
  });
});

describe('the browser’s addresses, decided by the machine', () => {
  it('Back and Forward between the accueil, Mes travailleurs (page, filter) and a fiche', async () => {
    const { actor, calls } = await liste();
    aller(actor, { ecran: 'accueil' });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    aller(actor, { ecran: 'travailleurs', page: 2, q: 'ma', sansCertificat: true });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(calls.at(-1)?.input).toEqual({
      caf: '751',
      q: 'ma',
      page: 2,
      pageSize: 12,
      sansCertificat: true,
    });
    // Forward to a fiche outside a run: the list stays (the address bar is corrected).
    aller(actor, { ecran: 'fiche', id: 'w1' });
    expect(actor.getSnapshot().matches({ espace: 'travailleurs' })).toBe(true);
  });

  it('Back from a fiche leaves the run at once; from a saisie after the quit confirmation', async () => {
    const { actor } = await liste();
    await run(actor, ['w1', 'w2']);
    aller(actor, { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1', 'w2']);

    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    // Forward from the fiche to its saisie starts the declaration.
    aller(actor, { ecran: 'declaration', id: 'w1', etape: 'saisie' });
    expect(actor.getSnapshot().matches({ espace: { run: 'declaration' } })).toBe(true);
    // Back to the fiche: asked first; cancelled, the declaration goes on.
    aller(actor, { ecran: 'fiche', id: 'w1' });
    expect(
      actor.getSnapshot().matches({ espace: { run: { declaration: 'confirmationQuitter' } } }),
    ).toBe(true);
    actor.send({ type: 'quitter.annuler' });
    expect(actor.getSnapshot().matches({ espace: { run: { declaration: 'active' } } })).toBe(true);
    aller(actor, { ecran: 'fiche', id: 'w1' });
    actor.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    expect(actor.getSnapshot().context.run?.index).toBe(0);
  });

  it('Back from the récapitulatif goes to the saisie, through the declaration', async () => {
    const { actor } = await liste();
    await run(actor, ['w1']);
    actor.send({ type: 'fiche.declarer' });
    const child = declaration(actor);
    for (const [name, value] of Object.entries({
      moisRemunerationGarantie: '12',
      remunerationGarantie: '1200',
      aideAuPoste: '700',
    }))
      child.send({ type: 'saisie.changer', name, value });
    child.send({ type: 'saisie.valider' });
    expect(child.getSnapshot().matches('recapitulatif')).toBe(true);
    aller(actor, { ecran: 'declaration', id: 'w1', etape: 'saisie' });
    expect(child.getSnapshot().matches('saisie')).toBe(true);
    expect(child.getSnapshot().context.saisie.remunerationGarantie).toBe('1200');
  });

  it('a bookmark of Mes travailleurs is followed after the login', async () => {
    const { actor } = demarrer({ loggedIn: false });
    aller(actor, { ecran: 'travailleurs', page: 1, q: 'lef', sansCertificat: true });
    await waitFor(actor, (s) => s.matches('connexion'));
    actor.send({ type: 'connexion.soumettre', email: 'a@b.test', password: 'bon-mot-de-passe' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(actor.getSnapshot().context).toMatchObject({ q: 'lef', sansCertificat: true });
    // Followed once: back on the accueil, choosing a Caf again does not go there.
    expect(actor.getSnapshot().context.adresseVoulue).toBeUndefined();
  });

  it('a reload inside a run comes back to its worker, with the draft resumed in the saisie', async () => {
    const { actor } = demarrer({ brouillons: [brouillon('w2')] });
    const w = (id: string) => travailleurs.find((t) => t.id === id)!;
    actor.send({
      type: 'navigation.aller',
      adresse: { ecran: 'declaration', id: 'w2', etape: 'saisie' },
      reprise: {
        caf: '751',
        selection: [w('w1'), w('w2')],
        run: {
          teleprocedure: 'certificat',
          travailleurs: [w('w1'), w('w2')],
          index: 1,
          valides: ['w1'],
        },
      },
    });
    await waitFor(actor, (s) => s.matches({ espace: { run: 'declaration' } }));
    expect(declaration(actor).getSnapshot().context.saisie).toEqual({
      remunerationGarantie: '1200',
    });
    expect(actor.getSnapshot().context.run?.valides).toEqual(['w1']);
  });

  it('a reload with a run the tab did not keep lands on the accueil', async () => {
    const { actor } = demarrer();
    aller(actor, { ecran: 'fiche', id: 'w2' });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.adresseVoulue).toBeUndefined();
  });
});
