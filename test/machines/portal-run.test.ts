/** The portal machine: machines/portal/run.ts and fiche.ts: fiches, declarations, the couple. */
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { travailleurs } from './fixtures.ts';
import { declaration, declarerJusquaFin, startAt, valide } from './portal-banc.ts';

describe('portal: a run over the selected workers', () => {
  it('R-FL-4/5: a run over three workers, the second skipped, ends on Mes travailleurs', async () => {
    const { actor, calls } = await startAt('travailleurs');
    for (const t of [travailleurs[0], travailleurs[1], travailleurs[3]]) {
      actor.send({ type: 'travailleurs.basculer', travailleur: t });
    }
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    const fiche = (id: string) =>
      waitFor(
        actor,
        (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }) && s.context.fiche?.id === id,
      );

    await fiche('w1');
    let child = await declarerJusquaFin(actor);
    expect(child.getSnapshot().can({ type: 'fin.continuer' })).toBe(true);
    child.send({ type: 'fin.continuer' });

    await fiche('w2');
    expect(actor.getSnapshot().context.run).toMatchObject({ index: 1, valides: ['w1'] });
    actor.send({ type: 'fiche.passer' });

    await fiche('w4');
    child = await declarerJusquaFin(actor);
    expect(child.getSnapshot().can({ type: 'fin.continuer' })).toBe(false);
    child.send({ type: 'fin.valider' });

    await waitFor(actor, (s) => s.matches({ espace: 'travailleurs' }));
    expect(actor.getSnapshot().context.selection).toEqual([]);
    expect(
      calls
        .filter((c) => c.name === 'enregistrerDeclaration')
        .map((c) => (c.input as { workerId: string }).workerId),
    ).toEqual(['w1', 'w4']);
  });

  it.each([
    { answer: 'conjoint.declarer', next: 'the partner’s fiche, 2 of 2' },
    { answer: 'conjoint.ignorer', next: 'Mes travailleurs' },
  ] as const)(
    'R-CS-5: after one member of a couple, the other is proposed; $answer → $next',
    async ({ answer }) => {
      const { actor } = await startAt('travailleurs');
      actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
      actor.send({ type: 'travailleurs.declarer' });
      actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
      await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
      const child = await declarerJusquaFin(actor);
      child.send({ type: 'fin.valider' });
      await waitFor(actor, (s) => s.matches({ espace: { run: 'proposerConjoint' } }));
      actor.send({ type: answer });
      if (answer === 'conjoint.declarer') {
        await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
        expect(actor.getSnapshot().context.fiche?.id).toBe('w2');
        expect(actor.getSnapshot().context.run).toMatchObject({ index: 1, valides: ['w1'] });
        expect(actor.getSnapshot().context.run?.travailleurs.map((t) => t.id)).toEqual([
          'w1',
          'w2',
        ]);
      } else {
        await waitFor(actor, (s) => s.matches({ espace: 'travailleurs' }));
        expect(actor.getSnapshot().context.run).toBeUndefined();
      }
    },
  );

  it('R-CS-5: behind the couple dialog the fiche shows the declaration just made, and « Oui » prefills the partner’s saisie', async () => {
    const { actor } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    expect(actor.getSnapshot().context.fiche?.history).toEqual([]);
    const child = await declarerJusquaFin(actor);
    child.send({ type: 'fin.valider' });
    await waitFor(actor, (s) => s.matches({ espace: { run: 'proposerConjoint' } }));
    const fiche = actor.getSnapshot().context.fiche!;
    expect(fiche.history.map((h) => h.id)).toEqual(['d-w1']);
    expect(fiche.certificat).toMatchObject({ id: 'd-w1', etat: 'a-traiter' });
    expect(fiche.brouillon).toBeUndefined();

    actor.send({ type: 'conjoint.declarer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    actor.send({ type: 'fiche.declarer' });
    const copie = declaration(actor).getSnapshot().context;
    expect(copie.travailleur.id).toBe('w2');
    expect(copie.saisie).toEqual(valide);
    expect(copie.copieDe).toBe(`${travailleurs[0].prenom} ${travailleurs[0].nom.toUpperCase()}`);
    // Checked, not sent: the user still validates the saisie and the récapitulatif.
    expect(declaration(actor).getSnapshot().matches('saisie')).toBe(true);
  });

  it('R-CS-5: « Non, continuer » drops the copy: the next worker’s saisie starts empty', async () => {
    const { actor } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[3] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    const child = await declarerJusquaFin(actor);
    child.send({ type: 'fin.continuer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: 'proposerConjoint' } }));
    actor.send({ type: 'conjoint.ignorer' });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }) && s.context.fiche?.id === 'w4',
    );
    expect(actor.getSnapshot().context.run?.copie).toBeUndefined();
    actor.send({ type: 'fiche.declarer' });
    expect(declaration(actor).getSnapshot().context.saisie).toEqual({});
    expect(declaration(actor).getSnapshot().context.copieDe).toBeUndefined();
  });

  it('R-WK: a blocked file cannot be declared from its fiche', async () => {
    const { actor } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[2] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    expect(actor.getSnapshot().can({ type: 'fiche.declarer' })).toBe(false);
  });

  it('R-FL-5: Quitter on the Récapitulatif, confirmed, returns to the fiche travailleur', async () => {
    const { actor } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    actor.send({ type: 'fiche.declarer' });
    const child = declaration(actor);
    for (const [name, value] of Object.entries(valide))
      child.send({ type: 'saisie.changer', name, value });
    child.send({ type: 'saisie.valider' });
    child.send({ type: 'recapitulatif.quitter' });
    child.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches({ espace: { run: 'fiche' } }));
    expect(actor.getSnapshot().context.run?.index).toBe(0);
  });
});
