import { describe, expect, it } from 'vitest';
import {
  checkSaisie,
  formDefinition,
  formatValeur,
  parseNombre,
  toSaisie,
  validateDeclaration,
} from '../../forms/index.ts';
import { campagne, declarationOuverte, teleproceduresOuvertes } from '../../forms/calendrier.ts';
import { generate } from '../../scripts/gen-forms.ts';
import { readFileSync } from 'node:fs';

const base = { moisRemunerationGarantie: 12, remunerationGarantie: 1200, aideAuPoste: 700 };
const paths = (data: unknown) => validateDeclaration('certificat', data).map((e) => e.path);

describe('certificat d’emploi: the validator shared by browser and server', () => {
  it.each([
    { rule: 'R-CE-2', why: 'a complete certificat', data: base, errors: [] },
    {
      rule: 'R-CE-2',
      why: 'months missing',
      data: { ...base, moisRemunerationGarantie: undefined },
      errors: ['/moisRemunerationGarantie'],
    },
    {
      rule: 'R-CE-2',
      why: 'months 0',
      data: { ...base, moisRemunerationGarantie: 0 },
      errors: ['/moisRemunerationGarantie'],
    },
    {
      rule: 'R-CE-2',
      why: 'months 13',
      data: { ...base, moisRemunerationGarantie: 13 },
      errors: ['/moisRemunerationGarantie'],
    },
    {
      rule: 'R-CE-2',
      why: 'months 6.5',
      data: { ...base, moisRemunerationGarantie: 6.5 },
      errors: ['/moisRemunerationGarantie'],
    },
    { rule: 'R-CE-2', why: 'months 1', data: { ...base, moisRemunerationGarantie: 1 }, errors: [] },
    {
      rule: 'R-CE-3',
      why: 'aide au poste missing',
      data: { moisRemunerationGarantie: 12, remunerationGarantie: 1200, salaireDirectPct: 50 },
      errors: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-3',
      why: 'aide alone (1 of 3)',
      data: { moisRemunerationGarantie: 12, aideAuPoste: 700 },
      errors: ['/remunerationGarantie'],
    },
    {
      rule: 'R-CE-3',
      why: 'aide + salaire direct',
      data: { moisRemunerationGarantie: 12, aideAuPoste: 700, salaireDirectPct: 10.5 },
      errors: [],
    },
    { rule: 'R-CE-3', why: 'all three', data: { ...base, salaireDirectPct: 10.5 }, errors: [] },
    {
      rule: 'R-CE-4',
      why: 'negative amount',
      data: { ...base, aideAuPoste: -1 },
      errors: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-4',
      why: 'amount over 10 000',
      data: { ...base, remunerationGarantie: 10000.01 },
      errors: ['/remunerationGarantie'],
    },
    {
      rule: 'R-CE-4',
      why: 'amount of exactly 10 000',
      data: { ...base, remunerationGarantie: 10000 },
      errors: [],
    },
    {
      rule: 'R-CE-4',
      why: '3 decimals',
      data: { ...base, remunerationGarantie: 1200.125 },
      errors: ['/remunerationGarantie'],
    },
    {
      rule: 'R-CE-4',
      why: '2 decimals that floats get wrong',
      data: { ...base, remunerationGarantie: 1234.57, aideAuPoste: 0.29 },
      errors: [],
    },
    {
      rule: 'R-CE-4',
      why: 'percentage over 100',
      data: { ...base, salaireDirectPct: 100.5 },
      errors: ['/salaireDirectPct'],
    },
    { rule: 'R-CE-4', why: 'percentage 100', data: { ...base, salaireDirectPct: 100 }, errors: [] },
    {
      rule: 'R-CE-4',
      why: 'aide above the garantie',
      data: { ...base, aideAuPoste: 1300 },
      errors: ['/aideAuPoste'],
    },
    {
      rule: 'R-CE-4',
      why: 'aide equal to the garantie',
      data: { ...base, aideAuPoste: 1200 },
      errors: [],
    },
    {
      rule: 'R-CE-4',
      why: 'an amount as text',
      data: { ...base, aideAuPoste: '700' },
      errors: ['/aideAuPoste'],
    },
    { rule: 'R-CE-2', why: 'an unknown field', data: { ...base, bonus: 3 }, errors: ['/bonus'] },
  ])('$rule: $why', ({ data, errors }) => {
    expect(paths(data).sort()).toEqual([...errors].sort());
  });

  it('every message is French and names the problem', () => {
    const errors = validateDeclaration('certificat', {
      moisRemunerationGarantie: 13,
      aideAuPoste: 20000,
    });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/remunerationGarantie', message: expect.stringContaining('2 éléments sur les 3') },
        {
          path: '/moisRemunerationGarantie',
          message: 'Le nombre de mois est compris entre 1 et 12.',
        },
        { path: '/aideAuPoste', message: 'Le montant ne peut pas dépasser 10 000 €.' },
      ]),
    );
  });

  it('an unknown kind is refused', () => {
    expect(validateDeclaration('prime', {})).toEqual([
      { path: '/kind', message: 'Type de déclaration inconnu.' },
    ]);
  });
});

describe('what was typed, in French', () => {
  it.each([
    ['1 234,56', 1234.56],
    ['1234.56', 1234.56],
    ['1\u202f234,5 €', 1234.5],
    ['12', 12],
    ['12,3,4', Number.NaN],
    ['douze', Number.NaN],
  ])('parseNombre(%j) = %d', (text, expected) => {
    expect(parseNombre(text)).toBe(expected);
  });

  it('keeps unreadable text so the type message names it, and drops empty fields', () => {
    const { data, errors } = checkSaisie('certificat', {
      moisRemunerationGarantie: '12',
      aideAuPoste: 'abc',
      remunerationGarantie: ' ',
    });
    expect(data).toEqual({ moisRemunerationGarantie: 12, aideAuPoste: 'abc' });
    expect(errors.find((e) => e.path === '/aideAuPoste')?.message).toBe(
      'Saisissez un montant en chiffres, par exemple 1 234,56.',
    );
  });

  it('formats values for the récapitulatif and round-trips to the saisie', () => {
    const [mois, garantie, , pct] = formDefinition('certificat').fields;
    expect(formatValeur(garantie, 1234.5).replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatValeur(pct, 55.5)).toBe('55,5 %');
    expect(formatValeur(mois, undefined)).toBe('Non renseigné');
    const data = { moisRemunerationGarantie: 12, remunerationGarantie: 1234.5, aideAuPoste: 700 };
    expect(checkSaisie('certificat', toSaisie('certificat', data)).data).toEqual(data);
  });

  it('R-CE-5: the mutuelle notice is part of the form', () => {
    expect(formDefinition('certificat').notices).toContain(
      'Ne pas déduire la part imposable de la mutuelle obligatoire des montants saisis.',
    );
  });
});

describe('R-CE-1 / R-FL-3: the campaign calendar', () => {
  it.each([
    { today: '2026-11-30', open: false, year: 2026 },
    { today: '2026-12-01', open: true, year: 2026 },
    { today: '2027-01-15', open: true, year: 2026 },
    { today: '2027-02-28', open: true, year: 2026 },
    { today: '2027-03-01', open: false, year: 2027 },
    { today: '2028-02-29', open: true, year: 2027 },
    { today: '2027-06-15', open: false, year: 2027 },
  ])('$today: certificat open = $open (campaign $year)', ({ today, open, year }) => {
    expect(campagne(today)).toMatchObject({ certificatOpen: open, year });
    expect(declarationOuverte('certificat', today)).toBe(open);
    expect(teleproceduresOuvertes(today)).toEqual(
      open ? ['certificat', 'changement'] : ['changement'],
    );
  });

  it('closes on the 29th of February in leap years', () => {
    expect(campagne('2027-12-10').closes).toBe('2028-02-29');
    expect(campagne('2026-12-10').closes).toBe('2027-02-28');
  });
});

describe('generated files', () => {
  it('forms/generated is up to date with forms/schemas (npm run gen)', async () => {
    const files = await generate();
    for (const [name, text] of Object.entries(files)) {
      expect(
        readFileSync(new URL(`../../forms/generated/${name}`, import.meta.url), 'utf8'),
        name,
      ).toBe(text);
    }
  });
});
