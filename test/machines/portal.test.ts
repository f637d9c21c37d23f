import { describe, expect, it, vi, afterEach } from 'vitest';
import { createActor, waitFor, type ActorRefFrom } from 'xstate';
import type { agentMachine } from '../../machines/agent.machine.ts';
import type { declarationMachine } from '../../machines/declaration.machine.ts';
import { messagesIdentifiant } from '../../forms/identifiant.ts';
import { fakePortal, travailleurs, type WorldOptions } from './fixtures.ts';

const valide = { moisRemunerationGarantie: '12', remunerationGarantie: '1200', aideAuPoste: '700' };

async function startAt(state: 'connexion' | 'travailleurs', options: WorldOptions = {}) {
  const { machine, calls } = fakePortal(options);
  const actor = createActor(machine).start();
  if (state === 'travailleurs') {
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    actor.send({ type: 'accueil.travailleurs' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
  } else {
    await waitFor(actor, (s) => s.matches('connexion'));
  }
  return { actor, calls };
}

/** From the fiche: declares a valid certificat and waits for the Fin page. */
async function declarerJusquaFin(
  actor: Parameters<typeof declaration>[0] & { send: (e: { type: 'fiche.declarer' }) => void },
) {
  actor.send({ type: 'fiche.declarer' });
  const child = declaration(actor);
  for (const [name, value] of Object.entries(valide))
    child.send({ type: 'saisie.changer', name, value });
  child.send({ type: 'saisie.valider' });
  child.send({ type: 'recapitulatif.valider' });
  await waitFor(child, (s) => s.matches('fin'));
  return child;
}

function declaration(actor: { getSnapshot(): { children: Record<string, unknown> } }) {
  return actor.getSnapshot().children.declaration as ActorRefFrom<typeof declarationMachine>;
}

afterEach(() => vi.useRealTimers());

describe('portal machine', () => {
  it('R-AC: a wrong password stays on the connexion with the server message', async () => {
    const { actor } = await startAt('connexion', { loggedIn: false });
    actor.send({ type: 'connexion.soumettre', email: 'a@b.test', password: 'faux' });
    await waitFor(actor, (s) => s.matches({ connexion: 'saisie' }) && !!s.context.erreur);
    expect(actor.getSnapshot().context.erreur?.message).toBe(
      'Identifiant ou mot de passe incorrect.',
    );
  });

  it.each([
    { cguAccepted: false, answer: 'cgu.accepter', expected: 'espace' },
    { cguAccepted: false, answer: 'cgu.refuser', expected: 'connexion' },
  ] as const)(
    'R-AC-5: first login shows the CGU; $answer → $expected',
    async ({ cguAccepted, answer, expected }) => {
      const { actor } = await startAt('connexion', { loggedIn: false, cguAccepted });
      actor.send({ type: 'connexion.soumettre', email: 'a@b.test', password: 'bon-mot-de-passe' });
      await waitFor(actor, (s) => s.matches('cgu'));
      actor.send({ type: answer });
      await waitFor(actor, (s) => s.matches(expected));
      expect(actor.getSnapshot().matches(expected)).toBe(true);
    },
  );

  it('R-FL-2: the selection is kept across pages and the filter waits for a pause in typing', async () => {
    const { actor, calls } = await startAt('travailleurs');
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.page', page: 2 });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && s.context.liste?.page === 2,
    );
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[13] });
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1', 'w14']);

    vi.useFakeTimers();
    const before = calls.filter((c) => c.name === 'chargerTravailleurs').length;
    actor.send({ type: 'travailleurs.filtrer', q: 'le' });
    actor.send({ type: 'travailleurs.filtrer', q: 'lef' });
    await vi.advanceTimersByTimeAsync(299);
    expect(calls.filter((c) => c.name === 'chargerTravailleurs')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    expect(calls.at(-1)).toEqual({
      name: 'chargerTravailleurs',
      input: { caf: '751', q: 'lef', page: 1, pageSize: 12, sansCertificat: false },
    });
    expect(actor.getSnapshot().context.selection).toHaveLength(2);
  });

  it.each([
    { today: '2026-12-02', certificat: true },
    { today: '2027-02-28', certificat: true },
    { today: '2028-02-29', certificat: true },
    { today: '2027-03-01', certificat: false },
    { today: '2027-06-15', certificat: false },
    { today: '2026-11-30', certificat: false },
  ])(
    'R-FL-3 / R-CE-1: on $today the certificat can be chosen: $certificat',
    async ({ today, certificat }) => {
      const { actor } = await startAt('travailleurs', { today });
      actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
      actor.send({ type: 'travailleurs.declarer' });
      expect(actor.getSnapshot().matches({ espace: { travailleurs: 'choix' } })).toBe(true);
      expect(actor.getSnapshot().can({ type: 'choix.choisir', teleprocedure: 'certificat' })).toBe(
        certificat,
      );
    },
  );

  it('« Déclarer » needs a selection', async () => {
    const { actor } = await startAt('travailleurs');
    expect(actor.getSnapshot().can({ type: 'travailleurs.declarer' })).toBe(false);
  });

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

  it.each([
    { cafs: 1, expected: { espace: { travailleurs: 'confirmationQuitter' } } },
    { cafs: 2, expected: { espace: { accueil: 'chargement' } } },
  ] as const)(
    'R-SE-3: Quitter from the list with $cafs Caf → $expected',
    async ({ cafs, expected }) => {
      const list = [
        { code: '751', name: 'Caf de Paris', workerCount: 30 },
        { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4 },
      ].slice(0, cafs);
      const { actor, calls } = await startAt('travailleurs', { cafs: list });
      actor.send({ type: 'portail.quitter' });
      expect(actor.getSnapshot().matches(expected)).toBe(true);
      if (cafs === 1) {
        actor.send({ type: 'quitter.annuler' });
        expect(actor.getSnapshot().matches({ espace: { travailleurs: 'liste' } })).toBe(true);
        actor.send({ type: 'portail.quitter' });
        actor.send({ type: 'quitter.confirmer' });
        await waitFor(actor, (s) => s.matches('connexion'));
        expect(calls.some((c) => c.name === 'deconnecter')).toBe(true);
      } else {
        // From the Caf choice itself, Quitter asks for the confirmation.
        await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
        actor.send({ type: 'portail.quitter' });
        expect(actor.getSnapshot().matches({ espace: { accueil: 'confirmationQuitter' } })).toBe(
          true,
        );
      }
    },
  );

  it('R-FL-5: a Caf agent goes to its own space (the campaign), not to an Esat space, and can quit', async () => {
    const { machine, calls } = fakePortal({ agent: true, today: '2027-01-08' });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    const agent = actor.getSnapshot().children.agent as ActorRefFrom<typeof agentMachine>;
    await waitFor(agent, (s) => s.matches({ campagne: 'tableau' }));
    actor.send({ type: 'portail.quitter' });
    expect(actor.getSnapshot().matches({ agent: 'confirmationQuitter' })).toBe(true);
    actor.send({ type: 'quitter.annuler' });
    // The agent's screen is kept under the confirmation.
    expect(actor.getSnapshot().children.agent).toBe(agent);
    actor.send({ type: 'portail.quitter' });
    actor.send({ type: 'quitter.confirmer' });
    await waitFor(actor, (s) => s.matches('connexion'));
    expect(calls.some((c) => c.name === 'deconnecter')).toBe(true);
  });

  it('R-AC-5: a Caf agent accepts the CGU before its space, like everyone', async () => {
    const { machine, calls } = fakePortal({ agent: true, cguAccepted: false });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ cgu: 'lecture' }));
    actor.send({ type: 'cgu.accepter' });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    expect(calls.map((c) => c.name)).toContain('accepterCgu');
  });

  it('R-AC-2: a Caf agent with a provisional password changes it first', async () => {
    const { machine } = fakePortal({ agent: true, provisoire: true });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ motDePasse: 'saisie' }));
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'Provisoire-2026!',
      newPassword: 'Un-mot-de-passe-solide-2027',
    });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
  });

  it('R-AC-4: « Mon mot de passe » from the agent space, and back to the same screen', async () => {
    const { machine, calls } = fakePortal({ agent: true, today: '2027-01-08' });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    const agent = actor.getSnapshot().children.agent as ActorRefFrom<typeof agentMachine>;
    agent.send({ type: 'onglet.relances' });
    await waitFor(agent, (s) => s.matches({ relances: 'choix' }));
    actor.send({ type: 'portail.motDePasse' });
    actor.send({ type: 'motDePasse.annuler' });
    expect(actor.getSnapshot().matches({ agent: 'travail' })).toBe(true);
    actor.send({ type: 'portail.motDePasse' });
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'bon-mot-de-passe',
      newPassword: 'Un-mot-de-passe-solide-2027',
    });
    await waitFor(actor, (s) => s.matches({ agent: 'travail' }));
    expect(actor.getSnapshot().context.succes).toBe('Votre mot de passe a été changé.');
    expect(calls.some((c) => c.name === 'changerMotDePasse')).toBe(true);
    expect(agent.getSnapshot().matches('relances')).toBe(true);
  });

  describe('R-AC-7: a Caf that does not know the SIRET asks for the identifiant de communication', () => {
    const cafs = [
      { code: '751', name: 'Caf de Paris', workerCount: 30 },
      { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4, identifiantRequis: true },
    ];

    it('choosing that Caf asks for it; a malformed one is refused before any call, a wrong one by the server', async () => {
      const { machine, calls } = fakePortal({ cafs });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'accueil.choisirCaf', code: '921' });
      expect(
        actor.getSnapshot().matches({ espace: { accueil: { identification: 'saisie' } } }),
      ).toBe(true);
      expect(actor.getSnapshot().can({ type: 'accueil.travailleurs' })).toBe(false);
      actor.send({ type: 'identifiant.valider', identifiant: '123-45' });
      expect(actor.getSnapshot().context.erreur?.fields?.[0]).toEqual({
        path: '/identifiant',
        message: messagesIdentifiant.format,
      });
      expect(calls.some((c) => c.name === 'verifierIdentifiant')).toBe(false);
      actor.send({ type: 'identifiant.valider', identifiant: '99999' });
      await waitFor(actor, (s) => s.context.erreur?.code === 'identifiant-inconnu');
      expect(
        actor.getSnapshot().matches({ espace: { accueil: { identification: 'saisie' } } }),
      ).toBe(true);
      actor.send({ type: 'identifiant.valider', identifiant: '12345' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(calls.filter((c) => c.name === 'verifierIdentifiant').map((c) => c.input)).toEqual([
        { caf: '921', identifiant: '99999' },
        { caf: '921', identifiant: '12345' },
      ]);
      actor.send({ type: 'accueil.travailleurs' });
      await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
      // Back to Paris then Hauts-de-Seine again: given once, not asked again.
      actor.send({ type: 'travailleurs.changerCaf', code: '751' });
      actor.send({ type: 'travailleurs.changerCaf', code: '921' });
      await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
      expect(actor.getSnapshot().context.caf).toBe('921');
    });

    it('the pencil of Mes travailleurs to that Caf goes to the accueil for the identifiant; Quitter asks to confirm', async () => {
      const { actor } = await startAt('travailleurs', { cafs });
      actor.send({ type: 'travailleurs.changerCaf', code: '921' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'identification' } }));
      expect(actor.getSnapshot().context.caf).toBe('921');
      actor.send({ type: 'portail.quitter' });
      expect(
        actor
          .getSnapshot()
          .matches({ espace: { accueil: { identification: 'confirmationQuitter' } } }),
      ).toBe(true);
      actor.send({ type: 'quitter.annuler' });
      actor.send({ type: 'accueil.choisirCaf', code: '751' });
      expect(actor.getSnapshot().matches({ espace: { accueil: 'pret' } })).toBe(true);
    });
  });

  describe('the référent manages the users of its Esat', () => {
    async function gestion() {
      const { machine, calls } = fakePortal({ referent: true });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      actor.send({ type: 'accueil.utilisateurs' });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      return { actor, calls };
    }

    it('it opens from the accueil even while a Caf waits for its identifiant (users are not per Caf)', async () => {
      const { machine } = fakePortal({
        referent: true,
        cafs: [
          { code: '921', name: 'Caf des Hauts-de-Seine', workerCount: 4, identifiantRequis: true },
        ],
      });
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'identification' } }));
      actor.send({ type: 'accueil.utilisateurs' });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      expect(actor.getSnapshot().context.utilisateurs).toHaveLength(3);
    });

    it('a déclarant cannot open it', async () => {
      const { machine } = fakePortal();
      const actor = createActor(machine).start();
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(actor.getSnapshot().can({ type: 'accueil.utilisateurs' })).toBe(false);
    });

    it('creates an account: a refused address stays on the form with the message; a good one reloads the list and says so', async () => {
      const { actor, calls } = await gestion();
      expect(actor.getSnapshot().context.utilisateurs).toHaveLength(3);
      actor.send({ type: 'utilisateurs.creer' });
      actor.send({
        type: 'creation.valider',
        email: 'declarant@esat-des-tilleuls.test',
        role: 'declarant',
      });
      await waitFor(
        actor,
        (s) =>
          s.matches({ espace: { utilisateurs: { creation: 'saisie' } } }) && !!s.context.erreur,
      );
      expect(actor.getSnapshot().context.erreur?.fields?.[0].path).toBe('/email');
      actor.send({
        type: 'creation.valider',
        email: 'nouvelle@esat-des-tilleuls.test',
        role: 'referent',
      });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }));
      const { context } = actor.getSnapshot();
      expect(context.succes).toMatch(/nouvelle@esat-des-tilleuls.test a été créé/);
      expect(context.utilisateurs?.map((u) => u.email)).toContain(
        'nouvelle@esat-des-tilleuls.test',
      );
      expect(calls.filter((c) => c.name === 'chargerUtilisateurs')).toHaveLength(2);
    });

    it('deactivation asks first; cancel changes nothing, confirm deactivates; reactivation needs no confirmation', async () => {
      const { actor, calls } = await gestion();
      actor.send({ type: 'utilisateurs.desactiver', email: 'declarant@esat-des-tilleuls.test' });
      expect(
        actor.getSnapshot().matches({ espace: { utilisateurs: 'confirmationDesactivation' } }),
      ).toBe(true);
      actor.send({ type: 'desactivation.annuler' });
      expect(actor.getSnapshot().matches({ espace: { utilisateurs: 'liste' } })).toBe(true);
      expect(calls.some((c) => c.name === 'changerActivation')).toBe(false);
      actor.send({ type: 'utilisateurs.desactiver', email: 'declarant@esat-des-tilleuls.test' });
      actor.send({ type: 'desactivation.confirmer' });
      await waitFor(
        actor,
        (s) => s.matches({ espace: { utilisateurs: 'liste' } }) && !!s.context.succes,
      );
      expect(
        actor
          .getSnapshot()
          .context.utilisateurs?.find((u) => u.email === 'declarant@esat-des-tilleuls.test')
          ?.active,
      ).toBe(false);
      actor.send({ type: 'utilisateurs.reactiver', email: 'ancien@esat-des-tilleuls.test' });
      await waitFor(
        actor,
        (s) =>
          s.matches({ espace: { utilisateurs: 'liste' } }) &&
          /réactivé/.test(s.context.succes ?? ''),
      );
      expect(calls.filter((c) => c.name === 'changerActivation').map((c) => c.input)).toEqual([
        { email: 'declarant@esat-des-tilleuls.test', active: false },
        { email: 'ancien@esat-des-tilleuls.test', active: true },
      ]);
      actor.send({ type: 'utilisateurs.accueil' });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
      expect(actor.getSnapshot().context.succes).toBeUndefined();
    });
  });

  it('R-AC-4: « Mon mot de passe » from the espace: refused → message at the field; changed → accueil with a confirmation; not during a run', async () => {
    const { actor, calls } = await startAt('travailleurs');
    actor.send({ type: 'portail.motDePasse' });
    expect(actor.getSnapshot().matches({ espace: { motDePasse: 'saisie' } })).toBe(true);
    actor.send({ type: 'motDePasse.changer', currentPassword: 'ancien', newPassword: 'court' });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { motDePasse: 'saisie' } }) && !!s.context.erreur,
    );
    expect(actor.getSnapshot().context.erreur?.fields?.[0].path).toBe('/newPassword');
    actor.send({ type: 'motDePasse.annuler' });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.erreur).toBeUndefined();
    actor.send({ type: 'portail.motDePasse' });
    actor.send({
      type: 'motDePasse.changer',
      currentPassword: 'ancien',
      newPassword: 'une phrase assez longue',
    });
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().context.succes).toBe('Votre mot de passe a été changé.');
    expect(calls.filter((c) => c.name === 'changerMotDePasse')).toHaveLength(2);
    // During a run: from a fiche at once (the worker stays selected), from a declaration after
    // the quit confirmation.
    actor.send({ type: 'accueil.travailleurs' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    actor.send({ type: 'travailleurs.basculer', travailleur: travailleurs[0] });
    actor.send({ type: 'travailleurs.declarer' });
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(actor, (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }));
    actor.send({ type: 'fiche.declarer' });
    actor.send({ type: 'portail.motDePasse' });
    expect(
      actor.getSnapshot().matches({ espace: { run: { declaration: 'confirmationQuitter' } } }),
    ).toBe(true);
    actor.send({ type: 'quitter.confirmer' });
    expect(actor.getSnapshot().matches({ espace: 'motDePasse' })).toBe(true);
    expect(actor.getSnapshot().context.selection.map((t) => t.id)).toEqual(['w1']);
  });

  it('R-FL-1: a Caf with no worker keeps the user on the accueil', async () => {
    const { machine } = fakePortal({
      cafs: [{ code: '751', name: 'Caf de Paris', workerCount: 0 }],
    });
    const actor = createActor(machine).start();
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'pret' } }));
    expect(actor.getSnapshot().can({ type: 'accueil.travailleurs' })).toBe(false);
  });
});
