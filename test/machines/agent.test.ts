/** The agent's space (SPEC §10) through the machine's actor, with the fake Caf of fixtures-caf.ts. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import type { agentMachine } from '../../machines/agent.machine.ts';
import { TAILLE_PAGE_CAF } from '../../machines/agent.machine.ts';
import { erreurs } from './fixtures.ts';
import { fakeAgent, filtrer, mondeCaf, type OptionsCaf } from './fixtures-caf.ts';

type Etat = Parameters<SnapshotFrom<typeof agentMachine>['matches']>[0];

function demarrer(options: OptionsCaf = {}) {
  const fake = fakeAgent(options);
  const actor = createActor(fake.machine).start();
  const atteindre = (etat: Etat) => waitFor(actor, (s) => s.matches(etat), { timeout: 2000 });
  return { ...fake, actor, atteindre };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('R-CA-1: Suivi de la campagne', () => {
  it('opens on the campaign of the server, sorted by ascending share done, paged by the server', async () => {
    const { actor, atteindre, calls } = demarrer();
    await atteindre({ campagne: 'tableau' });
    expect(calls[0]).toEqual({
      name: 'chargerCampagne',
      input: { year: undefined, q: '', sort: 'part', page: 1, pageSize: TAILLE_PAGE_CAF },
    });
    const c = actor.getSnapshot().context.campagne!;
    expect(c.campaign.year).toBe(2026);
    expect(c.totals).toEqual({ esats: 6, attendus: 56, recus: 33, manquants: 23 });
    expect(c.items[0].name).toBe('Belleville Services');
    // The curve is cumulated and ends with every certificat received.
    expect(c.daily.at(-1)!.recus).toBe(33);
    expect(c.previous.daily.at(-1)!.recus).toBe(56);
  });

  it.each([
    [
      { type: 'campagne.trier', tri: '-part' },
      { sort: '-part', page: 1 },
    ],
    [
      { type: 'campagne.annee', annee: 2025 },
      { year: 2025, page: 1 },
    ],
    [{ type: 'campagne.page', page: 2 }, { page: 2 }],
  ] as const)('%o asks the server again with %o', async (event, attendu) => {
    const { actor, atteindre, calls } = demarrer();
    await atteindre({ campagne: 'tableau' });
    actor.send(event);
    expect(actor.getSnapshot().matches({ campagne: 'chargement' })).toBe(true);
    await atteindre({ campagne: 'tableau' });
    expect(calls.at(-1)!.input).toMatchObject(attendu);
  });

  it('the filter by name or SIRET waits for a pause in typing (delay filtrage)', async () => {
    vi.useFakeTimers();
    const { actor, calls } = demarrer();
    await vi.waitFor(() => expect(actor.getSnapshot().matches({ campagne: 'tableau' })).toBe(true));
    actor.send({ type: 'campagne.filtrer', q: 'vil' });
    actor.send({ type: 'campagne.filtrer', q: 'villette' });
    await vi.advanceTimersByTimeAsync(299);
    expect(calls.filter((c) => c.name === 'chargerCampagne')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(actor.getSnapshot().matches({ campagne: 'tableau' })).toBe(true));
    expect(calls.filter((c) => c.name === 'chargerCampagne')).toHaveLength(2);
    expect(actor.getSnapshot().context.campagne!.items.map((l) => l.name)).toEqual([
      'Les Ateliers de la Villette',
    ]);
  });

  it('a loading failure shows the error, and « Réessayer » loads again', async () => {
    const { actor, atteindre } = demarrer({ pannes: { chargerCampagne: erreurs.reseau } });
    await atteindre({ campagne: 'echec' });
    expect(actor.getSnapshot().context.erreur?.code).toBe('reseau');
    actor.send({ type: 'chargement.reessayer' });
    expect(actor.getSnapshot().matches({ campagne: 'chargement' })).toBe(true);
  });
});

describe('R-CA-2 / R-CA-7: Fiche Esat and the access of its users', () => {
  it('opens an Esat with its users, workers and changements, and goes back', async () => {
    const { actor, atteindre, calls } = demarrer();
    await atteindre({ campagne: 'tableau' });
    actor.send({ type: 'campagne.ouvrir', siret: '12345678900012' });
    await atteindre({ esat: 'fiche' });
    expect(calls.at(-1)).toEqual({
      name: 'chargerEsat',
      input: { siret: '12345678900012', year: 2026 },
    });
    const f = actor.getSnapshot().context.fiche!;
    expect(f.workers.filter((t) => t.certificat)).toHaveLength(9);
    expect(f.workers.filter((t) => t.dossier !== 'actif').map((t) => t.dossier)).toEqual(['radie']);
    expect(f.changements.map((d) => d.kind)).toEqual(['depart']);
    actor.send({ type: 'esat.retour' });
    expect(actor.getSnapshot().matches('campagne')).toBe(true);
  });

  it('« Désactiver » asks for confirmation; « Annuler » changes nothing, « Confirmer » deactivates', async () => {
    const { actor, atteindre, calls } = demarrer();
    await atteindre({ campagne: 'tableau' });
    actor.send({ type: 'campagne.ouvrir', siret: '12345678900012' });
    await atteindre({ esat: 'fiche' });
    const email = 'declarant@12345678900012.test';
    actor.send({ type: 'esat.desactiver', email });
    expect(actor.getSnapshot().matches({ esat: 'confirmationDesactivation' })).toBe(true);
    actor.send({ type: 'desactivation.annuler' });
    expect(actor.getSnapshot().matches({ esat: 'fiche' })).toBe(true);
    expect(calls.some((c) => c.name === 'changerActivation')).toBe(false);
    actor.send({ type: 'esat.desactiver', email });
    actor.send({ type: 'desactivation.confirmer' });
    await atteindre({ esat: 'fiche' });
    expect(calls.find((c) => c.name === 'changerActivation')?.input).toEqual({
      email,
      active: false,
    });
    expect(actor.getSnapshot().context.succes).toMatch(/est désactivé/);
    expect(actor.getSnapshot().context.fiche!.users.find((u) => u.email === email)!.active).toBe(
      false,
    );
    // « Réactiver » needs no confirmation.
    actor.send({ type: 'esat.reactiver', email });
    await atteindre({ esat: 'fiche' });
    expect(actor.getSnapshot().context.succes).toBe(`Le compte ${email} est réactivé.`);
  });

  it('« Créer le référent »: a refused address stays in the dialog with its message, a good one creates it', async () => {
    const { actor, atteindre } = demarrer();
    await atteindre({ campagne: 'tableau' });
    actor.send({ type: 'campagne.ouvrir', siret: '42345678900019' });
    await atteindre({ esat: 'fiche' });
    actor.send({ type: 'esat.creerReferent' });
    actor.send({ type: 'creation.valider', email: 'pas-une-adresse' });
    await atteindre({ esat: { creation: 'saisie' } });
    expect(actor.getSnapshot().context.erreur?.fields?.[0].path).toBe('/email');
    actor.send({ type: 'creation.valider', email: 'Direction@Belleville.test' });
    await atteindre({ esat: 'fiche' });
    expect(actor.getSnapshot().context.fiche!.users).toEqual([
      expect.objectContaining({
        email: 'direction@belleville.test',
        role: 'referent',
        provisional: true,
      }),
    ]);
  });
});

describe('R-CA-3 / R-CA-4 / R-CA-5: Déclarations reçues, export, traitement', () => {
  async function liste(options: OptionsCaf = {}) {
    const r = demarrer(options);
    await r.atteindre({ campagne: 'tableau' });
    r.actor.send({ type: 'onglet.declarations' });
    await r.atteindre({ declarations: 'liste' });
    return r;
  }

  it('a filter asks the server from page 1, and forgets the selection and the last export', async () => {
    const { actor, atteindre, calls } = await liste();
    actor.send({ type: 'declarations.page', page: 2 });
    await atteindre({ declarations: 'liste' });
    actor.send({
      type: 'declarations.basculer',
      id: actor.getSnapshot().context.declarations!.items[0].id,
    });
    actor.send({ type: 'declarations.exporter', format: 'json' });
    await atteindre({ declarations: 'liste' });
    const filtre = {
      kind: 'certificat',
      etat: 'a-traiter',
      from: '2026-12-01',
      to: '2027-01-08',
    } as const;
    actor.send({ type: 'declarations.filtrer', filtre });
    await atteindre({ declarations: 'liste' });
    expect(calls.at(-1)).toEqual({
      name: 'chargerDeclarations',
      input: { filtre, page: 1, pageSize: TAILLE_PAGE_CAF },
    });
    const c = actor.getSnapshot().context;
    expect(c.selection).toEqual([]);
    expect(c.export).toBeUndefined();
    expect(c.declarations!.total).toBe(filtrer(mondeCaf(), filtre).length);
  });

  it('exports the current filter, then marks that export traitée by its id', async () => {
    const { actor, atteindre, calls } = await liste();
    const filtre = { etat: 'a-traiter' } as const;
    actor.send({ type: 'declarations.filtrer', filtre });
    await atteindre({ declarations: 'liste' });
    // Nothing to mark before an export.
    actor.send({ type: 'declarations.marquerExport' });
    expect(actor.getSnapshot().matches({ declarations: 'liste' })).toBe(true);
    actor.send({ type: 'declarations.exporter', format: 'xlsx' });
    await atteindre({ declarations: 'liste' });
    expect(calls.find((c) => c.name === 'exporter')?.input).toEqual({ format: 'xlsx', filtre });
    const n = filtrer(mondeCaf(), filtre).length;
    expect(actor.getSnapshot().context.export).toEqual({
      exportId: 'exp-1',
      format: 'xlsx',
      nombre: n,
    });
    actor.send({ type: 'declarations.marquerExport' });
    await atteindre({ declarations: 'liste' });
    expect(calls.find((c) => c.name === 'traiter')?.input).toEqual({
      exportId: 'exp-1',
      etat: 'traitee',
    });
    expect(actor.getSnapshot().context.succes).toBe(`${n} déclarations marquées comme traitées.`);
    expect(actor.getSnapshot().context.declarations!.total).toBe(0);
  });

  it('marks a selection traitée (not an empty one)', async () => {
    const { actor, atteindre, calls } = await liste();
    actor.send({ type: 'declarations.marquerSelection' });
    expect(actor.getSnapshot().matches({ declarations: 'liste' })).toBe(true);
    const [a, b, c] = actor
      .getSnapshot()
      .context.declarations!.items.filter((d) => d.etat === 'a-traiter');
    for (const d of [a, b, c]) actor.send({ type: 'declarations.basculer', id: d.id });
    actor.send({ type: 'declarations.basculer', id: b.id });
    actor.send({ type: 'declarations.marquerSelection' });
    await atteindre({ declarations: 'liste' });
    expect(calls.find((x) => x.name === 'traiter')?.input).toEqual({
      ids: [a.id, c.id],
      etat: 'traitee',
    });
    expect(actor.getSnapshot().context.succes).toBe('2 déclarations marquées comme traitées.');
    expect(actor.getSnapshot().context.selection).toEqual([]);
  });

  it('opens one declaration, marks it traitée, and takes it back to « à traiter » only with a reason', async () => {
    const { actor, atteindre, calls } = await liste();
    const premiere = actor
      .getSnapshot()
      .context.declarations!.items.find((d) => d.etat === 'a-traiter')!;
    actor.send({ type: 'declarations.ouvrir', id: premiere.id });
    await atteindre({ declarations: { detail: 'lecture' } });
    expect(actor.getSnapshot().context.declaration).toMatchObject({
      id: premiere.id,
      etat: 'a-traiter',
    });
    // Going back needs it traitée first.
    actor.send({ type: 'declaration.retablir' });
    expect(actor.getSnapshot().matches({ declarations: { detail: 'lecture' } })).toBe(true);
    actor.send({ type: 'declaration.marquer' });
    await atteindre({ declarations: { detail: 'lecture' } });
    expect(actor.getSnapshot().context.declaration).toMatchObject({
      etat: 'traitee',
      traitement: { by: 'agent@caf-paris.test' },
    });
    actor.send({ type: 'declaration.retablir' });
    actor.send({ type: 'retablissement.valider', motif: '   ' });
    expect(actor.getSnapshot().matches({ declarations: { detail: 'motif' } })).toBe(true);
    expect(actor.getSnapshot().context.erreur?.code).toBe('motif-requis');
    actor.send({ type: 'retablissement.valider', motif: ' Montant à vérifier ' });
    await atteindre({ declarations: { detail: 'lecture' } });
    expect(calls.filter((c) => c.name === 'traiter').at(-1)!.input).toEqual({
      ids: [premiere.id],
      etat: 'a-traiter',
      motif: 'Montant à vérifier',
    });
    expect(actor.getSnapshot().context.declaration!.historiqueEtat.map((h) => h.etat)).toEqual([
      'traitee',
      'a-traiter',
    ]);
    actor.send({ type: 'declaration.retour' });
    await atteindre({ declarations: 'liste' });
  });

  it.each([
    ['exporter', { type: 'declarations.exporter', format: 'csv' }],
    ['traiter', { type: 'declarations.basculer', id: 'dcl-0013' }],
  ] as const)('a refused %s stays on the list with the server message', async (panne, event) => {
    const { actor, atteindre } = await liste({ pannes: { [panne]: erreurs.interne } });
    actor.send(event);
    if (panne === 'traiter') actor.send({ type: 'declarations.marquerSelection' });
    await atteindre({ declarations: 'liste' });
    expect(actor.getSnapshot().context.erreur?.message).toBe(erreurs.interne.message);
  });
});

describe('R-CA-6: Relances', () => {
  async function choix() {
    const r = demarrer();
    await r.atteindre({ campagne: 'tableau' });
    r.actor.send({ type: 'onglet.relances' });
    await r.atteindre({ relances: 'choix' });
    return r;
  }
  const VILLETTE = '32345678900010';

  it('offers the late Esat; nothing to preview before one is chosen', async () => {
    const { actor } = await choix();
    expect(
      actor
        .getSnapshot()
        .context.enRetard!.items.filter((l) => l.manquants > 0)
        .map((l) => l.siret),
    ).toHaveLength(4);
    actor.send({ type: 'relances.apercu' });
    expect(actor.getSnapshot().matches({ relances: 'choix' })).toBe(true);
  });

  it('« toutes les Esat en retard »: preview, send, then the table is read again', async () => {
    const { actor, atteindre, calls } = await choix();
    actor.send({ type: 'relances.toutes' });
    actor.send({ type: 'relances.apercu' });
    await atteindre({ relances: { apercu: 'lecture' } });
    expect(calls.at(-1)).toEqual({ name: 'chargerApercu', input: { year: 2026, esats: 'retard' } });
    expect(actor.getSnapshot().context.apercu!.destinataires).toHaveLength(4);
    actor.send({ type: 'relances.envoyer' });
    await atteindre({ relances: 'choix' });
    expect(calls.find((c) => c.name === 'envoyerRelances')?.input).toEqual({
      year: 2026,
      esats: 'retard',
    });
    expect(actor.getSnapshot().context.succes).toBe('Les relances ont été envoyées à 4 Esat.');
    expect(actor.getSnapshot().context.destinataires).toEqual([]);
    expect(
      actor
        .getSnapshot()
        .context.enRetard!.items.every(
          (l) => l.manquants === 0 || l.derniereRelance?.startsWith('2027-01-08'),
        ),
    ).toBe(true);
  });

  it('an Esat already reminded today asks for confirmation (409), then sends with confirmer', async () => {
    const { actor, atteindre, calls } = await choix();
    const envoyer = async () => {
      actor.send({ type: 'relances.basculer', siret: VILLETTE });
      actor.send({ type: 'relances.apercu' });
      await atteindre({ relances: { apercu: 'lecture' } });
      actor.send({ type: 'relances.envoyer' });
    };
    await envoyer();
    await atteindre({ relances: 'choix' });
    await envoyer();
    await atteindre({ relances: { apercu: 'confirmation' } });
    expect(actor.getSnapshot().context.apercu!.destinataires[0].dejaRelanceeAujourdhui).toBe(true);
    actor.send({ type: 'relance.annuler' });
    expect(actor.getSnapshot().matches({ relances: { apercu: 'lecture' } })).toBe(true);
    actor.send({ type: 'relances.envoyer' });
    await atteindre({ relances: { apercu: 'confirmation' } });
    actor.send({ type: 'relance.confirmer' });
    await atteindre({ relances: 'choix' });
    expect(calls.filter((c) => c.name === 'envoyerRelances').at(-1)!.input).toEqual({
      year: 2026,
      esats: [VILLETTE],
      confirmer: true,
    });
  });
});

describe('the tabs', () => {
  it.each([
    ['onglet.declarations', 'declarations'],
    ['onglet.relances', 'relances'],
    ['onglet.avis', 'avis'],
    ['onglet.campagne', 'campagne'],
  ] as const)('%s goes to %s from anywhere, forgetting the last message', async (type, etat) => {
    const { actor, atteindre } = demarrer();
    await atteindre({ campagne: 'tableau' });
    actor.send({ type: 'campagne.ouvrir', siret: '12345678900012' });
    await atteindre({ esat: 'fiche' });
    actor.send({ type });
    expect(actor.getSnapshot().matches(etat)).toBe(true);
    expect(actor.getSnapshot().context.succes).toBeUndefined();
  });
});
