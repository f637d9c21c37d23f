import { describe, expect, it } from 'vitest';
import {
  checkSaisie,
  formDefinition,
  validateDeclaration,
  champsVisibles,
} from '../../forms/index.ts';
import { bornesDates } from '../../forms/calendrier.ts';
import { cas, sansVides, TODAY } from './changement.cases.ts';

describe('changements de situation: the validator shared by browser and server', () => {
  it.each(cas)('$rule: $why', ({ kind, data, errors, message }) => {
    const found = validateDeclaration(kind, sansVides(data), TODAY);
    expect(found.map((e) => e.path).sort()).toEqual([...errors].sort());
    if (message) expect(found[0].message).toBe(message);
  });

  it.each([
    ['2027-06-15', { deuxAns: '2025-06-15', finDuMois: '2027-06-30' }],
    ['2028-02-29', { deuxAns: '2026-02-28', finDuMois: '2028-02-29' }],
    ['2027-12-31', { deuxAns: '2025-12-31', finDuMois: '2027-12-31' }],
  ])('R-CS-4 / R-CS-2: the date bounds of %s', (today, bounds) => {
    expect(bornesDates(today)).toEqual(bounds);
  });
});

describe('“appears when”: the form shows and declares only what applies', () => {
  it('R-CS-1: the month’s pay block appears once the new rate is entered', () => {
    const def = formDefinition('augmentation');
    const names = (saisie: Record<string, string>) =>
      champsVisibles(def, saisie).map((f) => f.name);
    expect(names({ tauxAvant: '50' })).not.toContain('aideAuPoste');
    expect(names({ tauxAvant: '50', tauxApres: '80' })).toEqual(
      expect.arrayContaining(['remunerationGarantie', 'aideAuPoste', 'salaireDirectPct']),
    );
    expect(def.fields.find((f) => f.name === 'remunerationGarantie')?.groupe?.notices[0]).toContain(
      '18,26 %',
    );
  });

  it('R-CS-2: the return date appears only for the three parental motifs, and is dropped otherwise', () => {
    const def = formDefinition('depart');
    for (const motif of def.fields.find((f) => f.name === 'motif')!.options!.map((o) => o.value)) {
      const visible = champsVisibles(def, { motif }).some((f) => f.name === 'dateRetourPrevue');
      expect(visible, motif).toBe(motif.startsWith('conge-'));
    }
    const { data } = checkSaisie(
      'depart',
      { dateDepart: '30/06/2027', motif: 'retraite', dateRetourPrevue: '01/09/2027' },
      TODAY,
    );
    expect(data).toEqual({ dateDepart: '2027-06-30', motif: 'retraite' });
  });

  it('R-CS-3: the rest of a modification appears once the new Esat rate differs', () => {
    const def = formDefinition('double-modification');
    const names = (saisie: Record<string, string>) =>
      champsVisibles(def, saisie).map((f) => f.name);
    expect(names({ tauxEsatAvant: '60', tauxEsatApres: '60' })).not.toContain(
      'tauxMilieuOrdinaireAvant',
    );
    expect(names({ tauxEsatAvant: '60', tauxEsatApres: '50' })).toContain(
      'tauxMilieuOrdinaireAvant',
    );
  });

  it('R-CS-3: the motif of a fin appears when the new Esat rate is 0', () => {
    const def = formDefinition('double-fin');
    expect(champsVisibles(def, { tauxEsatApres: '0' }).some((f) => f.name === 'motif')).toBe(true);
    expect(champsVisibles(def, { tauxEsatApres: '20' }).some((f) => f.name === 'motif')).toBe(
      false,
    );
  });

  it('R-CS-2: the ten motifs with the seeds’ labels', () => {
    expect(
      formDefinition('depart')
        .fields.find((f) => f.name === 'motif')!
        .options!.map((o) => o.label),
    ).toEqual([
      'Décès',
      'Retraite',
      'Invalidité',
      'Maladie',
      'Chômage',
      'Inactivité',
      "Congé parental d'éducation à temps plein",
      "Congé parental d'éducation à temps partiel",
      'Congé de présence parentale',
      'Autre',
    ]);
  });
});
