/** R-IM (SPEC §12): the import of a payroll file through the machine's actor, with the fake routes
 * of fixtures-import.ts (the real column dictionary and validator of forms/import.ts). */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type SnapshotFrom } from 'xstate';
import { TAILLE_LOT, type importMachine } from '../../machines/import.machine.ts';
import type { ImportVue } from '../../machines/import.types.ts';
import type { ImportView } from '../../server/routes/import.ts';
import { erreurs } from './fixtures.ts';
import { csvImport, fakeImport, fichierCsv, type OptionsImport } from './fixtures-import.ts';

type Etat = Parameters<SnapshotFrom<typeof importMachine>['matches']>[0];

/** The machine's types are the contract's: the server's view fits them (checked by tsc). */
const vueDuServeur = (v: ImportView): ImportVue => v;
void vueDuServeur;

function demarrer(options: OptionsImport = {}, reprise?: string) {
  const fake = fakeImport(options);
  const actor = createActor(fake.machine, { input: { caf: '751', reprise } }).start();
  const atteindre = (etat: Etat) => waitFor(actor, (s) => s.matches(etat), { timeout: 2000 });
  const contexte = () => actor.getSnapshot().context;
  return { ...fake, actor, atteindre, contexte };
}

/** The import of `csv` up to its report (mapping confirmed as proposed). */
async function jusquAuRapport(csv = csvImport(), options: OptionsImport = {}) {
  const d = demarrer(options);
  d.actor.send({ type: 'fichier.choisir', fichier: fichierCsv(csv) });
  await d.atteindre({ correspondance: 'edition' });
  d.actor.send({ type: 'correspondance.valider' });
  await d.atteindre({ rapport: 'liste' });
  return d;
}

describe('R-IM-1/2: the file and its columns', () => {
  it('sends the file for the Caf, then proposes the columns recognised by their header', async () => {
    const { actor, atteindre, calls, contexte } = demarrer();
    expect(actor.getSnapshot().matches({ fichier: 'choix' })).toBe(true);
    actor.send({ type: 'fichier.choisir', fichier: fichierCsv() });
    expect(actor.getSnapshot().matches({ fichier: 'envoi' })).toBe(true);
    await atteindre({ correspondance: 'edition' });
    expect(calls[0]).toEqual({
      name: 'envoyerFichier',
      input: { caf: '751', nom: 'paie-novembre.csv' },
    });
    // « RG nette », « Aide au poste », « % Smic »: every field found in the file.
    expect(contexte().correspondance).toEqual({
      numeroAllocataire: 0,
      nom: 1,
      prenom: 2,
      dateNaissance: 3,
      moisRemunerationGarantie: 4,
      remunerationGarantie: 5,
      aideAuPoste: 6,
      salaireDirectPct: 7,
    });
  });

  it("a file the server refuses stays on the file step with the server's French message", async () => {
    const { actor, atteindre, contexte } = demarrer();
    actor.send({ type: 'fichier.choisir', fichier: fichierCsv('x', 'paie.pdf') });
    await atteindre({ fichier: 'choix' });
    expect(contexte().erreur).toMatchObject({
      status: 415,
      message: 'Envoyez un fichier CSV ou Excel (.xlsx).',
    });
  });

  it('confirming the proposed mapping asks the server nothing; a changed one is sent', async () => {
    const { actor, atteindre, calls, contexte } = demarrer();
    actor.send({ type: 'fichier.choisir', fichier: fichierCsv() });
    await atteindre({ correspondance: 'edition' });
    actor.send({ type: 'correspondance.valider' });
    await atteindre({ rapport: 'liste' });
    expect(calls.map((c) => c.name)).toEqual(['envoyerFichier']);

    actor.send({ type: 'rapport.correspondance' });
    await atteindre({ correspondance: 'edition' });
    // One column holds one field: giving the RG's column to the aide au poste frees the RG.
    actor.send({ type: 'correspondance.choisir', champ: 'aideAuPoste', index: 5 });
    expect(contexte().correspondance).toMatchObject({ aideAuPoste: 5, remunerationGarantie: null });
    actor.send({ type: 'correspondance.valider' });
    expect(actor.getSnapshot().matches({ correspondance: 'enregistrement' })).toBe(true);
    await atteindre({ rapport: 'liste' });
    expect(calls.at(-1)).toMatchObject({ name: 'changerCorrespondance' });
    expect(contexte().vue!.mapping.aideAuPoste).toBe(5);
  });

  it('a mapping without any identity is refused with its message, and stays to be fixed', async () => {
    const { actor, atteindre, contexte } = demarrer();
    actor.send({ type: 'fichier.choisir', fichier: fichierCsv() });
    await atteindre({ correspondance: 'edition' });
    actor.send({ type: 'correspondance.choisir', champ: 'numeroAllocataire', index: null });
    actor.send({ type: 'correspondance.choisir', champ: 'nom', index: null });
    actor.send({ type: 'correspondance.valider' });
    await waitFor(actor, (s) => s.matches({ correspondance: 'edition' }) && !!s.context.erreur);
    expect(contexte().erreur!.fields![0].path).toBe('/mapping/numeroAllocataire');
    expect(contexte().erreur!.message).toMatch(/^Choisissez la colonne du n° allocataire/);
  });
});

describe('R-IM-3/4: the report before anything is sent', () => {
  it('counts the ready rows, the errors with their row and column, R-WK, R-CE-6 and the missing workers', async () => {
    const { contexte } = await jusquAuRapport();
    const { comptes, lignes } = contexte().vue!.report;
    // 20 rows: w3 radié, w6–w8 declared already, rows of w4, w9, w15 with an aide above the RG.
    expect(comptes).toMatchObject({
      lignes: 20,
      prets: 13,
      erreurs: 3,
      bloques: 1,
      dejaDeclares: 3,
      manquants: 10,
    });
    const erreur = lignes.find((l) => l.n === 5)!;
    expect(erreur.statut).toBe('erreur');
    expect(erreur.erreurs[0]).toMatchObject({ champ: 'aideAuPoste', colonne: 'Aide au poste' });
    expect(lignes.find((l) => l.travailleur?.id === 'w6')!.message).toMatch(
      /^Un certificat d'emploi a déjà été enregistré pour ce travailleur le /,
    );
  });

  it('R-IM-4: a row fixed in the page sends only what changed, and is ready', async () => {
    const { actor, atteindre, calls, contexte } = await jusquAuRapport();
    actor.send({ type: 'ligne.corriger', n: 5 });
    expect(actor.getSnapshot().matches({ rapport: 'correction' })).toBe(true);
    expect(contexte().saisie!.aideAuPoste).toBe('1 500,00');
    actor.send({ type: 'correction.changer', champ: 'aideAuPoste', valeur: '680' });
    actor.send({ type: 'correction.enregistrer' });
    await atteindre({ rapport: 'liste' });
    expect(calls.at(-1)).toEqual({
      name: 'modifierLigne',
      input: { id: 'imp-1', n: 5, valeurs: { aideAuPoste: '680' } },
    });
    expect(contexte().vue!.report.comptes).toMatchObject({ prets: 14, erreurs: 2 });
    expect(contexte().succes).toBe('La ligne 5 a été enregistrée : elle est prête à envoyer.');
    expect(contexte().ligne).toBeUndefined();
  });

  it('a fix still wrong comes back to the row with the validator’s message', async () => {
    const { actor, contexte } = await jusquAuRapport();
    actor.send({ type: 'ligne.corriger', n: 5 });
    actor.send({ type: 'correction.changer', champ: 'remunerationGarantie', valeur: 'mille' });
    actor.send({ type: 'correction.enregistrer' });
    await waitFor(actor, (s) => s.matches({ rapport: 'correction' }) && !s.context.modification);
    expect(contexte().saisie!.remunerationGarantie).toBe('mille');
    const ligne = contexte().vue!.report.lignes.find((l) => l.n === 5)!;
    expect(ligne.erreurs.some((e) => e.champ === 'remunerationGarantie')).toBe(true);
  });

  it('a row left out is not sent; it can be taken back', async () => {
    const { actor, atteindre, contexte } = await jusquAuRapport();
    actor.send({ type: 'ligne.ignorer', n: 10, ignorer: true });
    await atteindre({ rapport: 'liste' });
    expect(contexte().vue!.report.lignes.find((l) => l.n === 10)!.statut).toBe('ignoree');
    expect(contexte().succes).toBe('La ligne 10 ne sera pas envoyée.');
    actor.send({ type: 'ligne.ignorer', n: 10, ignorer: false });
    await waitFor(actor, (s) => s.context.vue!.report.comptes.ignorees === 0);
  });

  it("a failed fix keeps what was typed and says the server's message", async () => {
    const { actor, contexte } = await jusquAuRapport(csvImport(), {
      pannes: { modifierLigne: erreurs.reseau },
    });
    actor.send({ type: 'ligne.corriger', n: 5 });
    actor.send({ type: 'correction.changer', champ: 'aideAuPoste', valeur: '680' });
    actor.send({ type: 'correction.enregistrer' });
    await waitFor(actor, (s) => s.matches({ rapport: 'correction' }) && !!s.context.erreur);
    expect(contexte().saisie!.aideAuPoste).toBe('680');
    expect(contexte().erreur!.code).toBe('reseau');
  });

  it('« Continuer » needs a ready row', async () => {
    const seulementDesErreurs = csvImport(2, [1, 2]);
    const { actor } = await jusquAuRapport(seulementDesErreurs);
    expect(actor.getSnapshot().can({ type: 'rapport.continuer' })).toBe(false);
  });

  it('« Importer un autre fichier » abandons this import once confirmed', async () => {
    const { actor, atteindre, calls, imports } = await jusquAuRapport();
    actor.send({ type: 'rapport.autreFichier' });
    expect(actor.getSnapshot().matches({ rapport: 'confirmationAbandon' })).toBe(true);
    actor.send({ type: 'abandon.annuler' });
    expect(actor.getSnapshot().matches({ rapport: 'liste' })).toBe(true);
    actor.send({ type: 'rapport.autreFichier' });
    actor.send({ type: 'abandon.confirmer' });
    await atteindre({ fichier: 'choix' });
    expect(calls.at(-1)).toEqual({ name: 'abandonnerImport', input: { id: 'imp-1' } });
    expect(imports.size).toBe(0);
  });
});

describe('R-IM-5: récapitulatif, « Valider », envoi with its progress', () => {
  it('sends batch after batch until none is left, then shows the end with the count', async () => {
    const { actor, atteindre, calls, contexte } = await jusquAuRapport(csvImport(30, []));
    expect(contexte().vue!.report.comptes.prets).toBe(26);
    actor.send({ type: 'rapport.continuer' });
    expect(actor.getSnapshot().matches('recapitulatif')).toBe(true);
    const progres: number[] = [];
    actor.subscribe((s) => s.context.avancement && progres.push(s.context.avancement.envoyes));
    actor.send({ type: 'recapitulatif.valider' });
    expect(contexte().avancement).toMatchObject({ envoyes: 0, restants: 26 });
    await atteindre('fin');
    const lots = calls.filter((c) => c.name === 'envoyerLot');
    expect(lots).toHaveLength(2);
    expect(lots[0].input).toEqual({ id: 'imp-1', lot: TAILLE_LOT });
    expect([...new Set(progres)]).toEqual([0, 25, 26]);
    expect(contexte().vue!.status).toBe('termine');
    expect(contexte().vue!.report.comptes.envoyes).toBe(26);
    actor.send({ type: 'fin.travailleurs' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ issue: 'travailleurs', envoyes: 26 });
  });

  it('a batch that fails pauses the envoi with the message; « Reprendre » sends the rest once', async () => {
    const { actor, atteindre, declares, contexte } = await jusquAuRapport(csvImport(30, []), {
      pannes: { envoyerLot: erreurs.reseau },
      lotsAvantPanne: 1,
    });
    actor.send({ type: 'rapport.continuer' });
    actor.send({ type: 'recapitulatif.valider' });
    await atteindre({ envoi: 'pause' });
    expect(contexte().erreur!.message).toBe(erreurs.reseau.message);
    expect(contexte().avancement).toMatchObject({ envoyes: 25, restants: 1 });
    actor.send({ type: 'envoi.reprendre' });
    await atteindre('fin');
    expect(contexte().vue!.report.comptes.envoyes).toBe(26);
    // 26 sent + the 3 declared before: nobody twice.
    expect(declares.size).toBe(29);
  });
});

describe('Resuming an unfinished import (listed on the accueil)', () => {
  it.each([
    [{ envoyes: 0 }, { rapport: 'liste' }],
    [{ envoyes: 10 }, { envoi: 'pause' }],
    [{ termine: true }, 'fin'],
  ] as const)('an import left at %o opens at %o', async (existant, etat) => {
    const { atteindre, calls } = demarrer(
      { existant: { id: 'imp-9', csv: csvImport(30, []), ...existant } },
      'imp-9',
    );
    await atteindre(etat);
    expect(calls[0]).toEqual({ name: 'chargerImport', input: { id: 'imp-9' } });
  });

  it('an envoi resumed goes on from where it stopped, never declaring a worker twice', async () => {
    const { actor, atteindre, contexte, calls } = demarrer(
      { existant: { id: 'imp-9', csv: csvImport(30, []), envoyes: 10 } },
      'imp-9',
    );
    await atteindre({ envoi: 'pause' });
    expect(contexte().avancement).toMatchObject({ envoyes: 10, restants: 16 });
    actor.send({ type: 'envoi.reprendre' });
    await atteindre('fin');
    expect(calls.filter((c) => c.name === 'envoyerLot')).toHaveLength(1);
    expect(contexte().vue!.report.comptes.envoyes).toBe(26);
  });

  it('an import gone meanwhile says so, and offers another file', async () => {
    const { actor, atteindre, contexte } = demarrer({}, 'imp-disparu');
    await atteindre('echec');
    expect(contexte().erreur!.message).toBe('Cet import est introuvable.');
    actor.send({ type: 'rapport.autreFichier' });
    expect(actor.getSnapshot().matches({ fichier: 'choix' })).toBe(true);
  });
});

describe('« Quitter »: asked first only where something would be lost', () => {
  it('on the file step and the report it leaves at once (the import stays on the server)', async () => {
    const a = demarrer();
    a.actor.send({ type: 'import.quitter', vers: 'accueil' });
    expect(a.actor.getSnapshot().output).toEqual({ issue: 'accueil', envoyes: 0 });

    const b = await jusquAuRapport();
    b.actor.send({ type: 'import.quitter' });
    expect(b.actor.getSnapshot().output).toEqual({ issue: 'travailleurs', envoyes: 0 });
    expect(b.imports.size).toBe(1);
  });

  it('a changed mapping, a row being retyped, an envoi under way: confirmed first', async () => {
    const d = demarrer();
    d.actor.send({ type: 'fichier.choisir', fichier: fichierCsv(csvImport(30, [])) });
    await d.atteindre({ correspondance: 'edition' });
    d.actor.send({ type: 'correspondance.choisir', champ: 'salaireDirectPct', index: null });
    d.actor.send({ type: 'import.quitter', vers: 'portail' });
    expect(d.actor.getSnapshot().matches({ correspondance: 'confirmationQuitter' })).toBe(true);
    d.actor.send({ type: 'quitter.annuler' });
    expect(d.actor.getSnapshot().matches({ correspondance: 'edition' })).toBe(true);
    expect(d.contexte().sortie).toBeUndefined();
    d.actor.send({ type: 'correspondance.valider' });
    await d.atteindre({ rapport: 'liste' });

    d.actor.send({ type: 'ligne.corriger', n: 2 });
    // Nothing typed yet: nothing to lose.
    expect(d.actor.getSnapshot().can({ type: 'import.quitter' })).toBe(true);
    d.actor.send({ type: 'correction.changer', champ: 'nom', valeur: 'MARTINE' });
    d.actor.send({ type: 'import.quitter' });
    expect(d.actor.getSnapshot().matches({ rapport: 'confirmationQuitter' })).toBe(true);
    d.actor.send({ type: 'quitter.annuler' });
    expect(d.contexte().saisie!.nom).toBe('MARTINE');
    d.actor.send({ type: 'correction.annuler' });

    d.actor.send({ type: 'rapport.continuer' });
    d.actor.send({ type: 'recapitulatif.valider' });
    d.actor.send({ type: 'import.quitter', vers: 'motDePasse' });
    expect(d.actor.getSnapshot().matches({ envoi: 'confirmationQuitter' })).toBe(true);
    d.actor.send({ type: 'quitter.confirmer' });
    expect(d.actor.getSnapshot().output).toMatchObject({ issue: 'motDePasse' });
  });

  it('cancelling the quit of a paused envoi stays paused (nothing is sent unasked)', async () => {
    const { actor, atteindre, calls } = demarrer(
      { existant: { id: 'imp-9', csv: csvImport(30, []), envoyes: 10 } },
      'imp-9',
    );
    await atteindre({ envoi: 'pause' });
    actor.send({ type: 'import.quitter' });
    actor.send({ type: 'quitter.annuler' });
    expect(actor.getSnapshot().matches({ envoi: 'pause' })).toBe(true);
    expect(calls.some((c) => c.name === 'envoyerLot')).toBe(false);
  });
});
