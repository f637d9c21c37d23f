/** R-IM-1…3: the import's column dictionary, its readers of numbers and dates, the row check. */
import { describe, expect, it } from 'vitest';
import {
  champExact,
  colonnesImport,
  correspondanceProposee,
  dateExcel,
  lireDate,
  lireNombre,
  lireNumeroAllocataire,
  normaliserEntete,
  reconnaitreColonnes,
  verifierLigne,
} from '../../forms/import.ts';
import { validateDeclaration } from '../../forms/index.ts';

const TODAY = '2026-12-02';

describe('R-IM-2: headers recognised whatever the accents, case, spaces and punctuation', () => {
  it.each([
    ['N° allocataire', 'numeroAllocataire'],
    ['n°allocataire', 'numeroAllocataire'],
    ['NUMÉRO_ALLOCATAIRE', 'numeroAllocataire'],
    ['Numéro allocataire', 'numeroAllocataire'],
    ["Numéro d'allocataire", 'numeroAllocataire'],
    ['Num CAF', 'numeroAllocataire'],
    ['  N° CAF  ', 'numeroAllocataire'],
    ['Nom', 'nom'],
    ['NOM DE FAMILLE', 'nom'],
    ['Prénom', 'prenom'],
    ['PRENOM', 'prenom'],
    ['Date de naissance', 'dateNaissance'],
    ['Né(e) le', 'dateNaissance'],
    ['Mois', 'moisRemunerationGarantie'],
    ['Nb mois RG', 'moisRemunerationGarantie'],
    ['Rémunération garantie', 'remunerationGarantie'],
    ['RG nette', 'remunerationGarantie'],
    ['rémunération  garantie (€)', 'remunerationGarantie'],
    ['Aide au poste', 'aideAuPoste'],
    ['AIDE AU POSTE (€)', 'aideAuPoste'],
    ['Salaire direct', 'salaireDirectPct'],
    ['% Smic', 'salaireDirectPct'],
    ['Salaire direct (% du Smic)', 'salaireDirectPct'],
  ])('« %s » → %s', (header, field) => {
    expect(reconnaitreColonnes([header])).toEqual([field]);
  });

  it('normalises to plain words', () => {
    expect(normaliserEntete(' N° Allocataire ')).toBe('n allocataire');
    expect(normaliserEntete('Né(e) le')).toBe('ne e le');
    expect(normaliserEntete('Cœur')).toBe('coeur');
  });

  it('the template headers are all recognised, each as its own field', () => {
    const headers = colonnesImport.map((c) => c.entete);
    expect(reconnaitreColonnes(headers)).toEqual(colonnesImport.map((c) => c.champ));
  });

  it('a real-looking payroll export: longer headers containing a synonym, unknown columns left out', () => {
    const headers = [
      'Matricule',
      'Nom du salarié',
      'Prénom du salarié',
      'Date de naissance du salarié',
      'N° allocataire CAF',
      'Service',
      'Nombre de mois de RG perçus',
      'Montant net de la rémunération garantie (€)',
      "Montant net de l'aide au poste (€)",
      'Salaire direct en % du Smic',
      'Mois de paie',
    ];
    expect(reconnaitreColonnes(headers)).toEqual([
      null,
      'nom',
      'prenom',
      'dateNaissance',
      'numeroAllocataire',
      null,
      'moisRemunerationGarantie',
      'remunerationGarantie',
      'aideAuPoste',
      'salaireDirectPct',
      // « Mois » alone is a synonym, but is not looked for inside a longer header.
      null,
    ]);
  });

  it('a field goes to one column only, the exact name winning over a longer header', () => {
    expect(reconnaitreColonnes(['Montant aide au poste brut', 'Aide au poste'])).toEqual([
      null,
      'aideAuPoste',
    ]);
    expect(reconnaitreColonnes(['Nom', 'Nom'])).toEqual(['nom', null]);
  });

  it('a header naming two fields equally is left to the user', () => {
    expect(reconnaitreColonnes(['Nom et prénom'])).toEqual([null]);
    expect(champExact('Nom et prénom')).toBeNull();
  });

  it('the proposed mapping gives each field its column index, or null', () => {
    expect(correspondanceProposee(['Nom', 'Prénom', 'Aide au poste'])).toEqual({
      numeroAllocataire: null,
      nom: 0,
      prenom: 1,
      dateNaissance: null,
      moisRemunerationGarantie: null,
      remunerationGarantie: null,
      aideAuPoste: 2,
      salaireDirectPct: null,
    });
  });
});

describe('French numbers as files write them', () => {
  it.each([
    ['1 234,56', 1234.56],
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234,56', 1234.56],
    ['1234,56', 1234.56],
    ['1234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['1.234.567', 1234567],
    ['680,00 €', 680],
    ['€ 680', 680],
    ['680 EUR', 680],
    ['35 %', 35],
    ['35,5%', 35.5],
    ['12', 12],
    ['-5', -5],
    ["1'234.50", 1234.5],
  ])('« %s » → %d', (text, value) => {
    expect(lireNombre(text)).toBe(value);
  });

  it.each(['abc', '12,5,3x', '1.23.4', '1 234,', 'douze', '12-3'])(
    '« %s » is kept as text, for the validator to name',
    (text) => {
      expect(lireNombre(text)).toBe(text);
    },
  );

  it('empty is absent; a typed cell is read as the spreadsheet shows it', () => {
    expect(lireNombre('')).toBeUndefined();
    expect(lireNombre('   ')).toBeUndefined();
    expect(lireNombre(null)).toBeUndefined();
    expect(lireNombre(1234.56)).toBe(1234.56);
    expect(lireNombre(1200 * 0.55)).toBe(660);
    expect(lireNombre(0.1 + 0.2)).toBe(0.3);
  });
});

describe('dates of birth as files write them', () => {
  it.each([
    ['14/03/1988', '1988-03-14'],
    ['4/3/1988', '1988-03-04'],
    ['14-03-1988', '1988-03-14'],
    ['14.03.1988', '1988-03-14'],
    ['1988-03-14', '1988-03-14'],
    ['1988/03/14', '1988-03-14'],
    ['14/03/1988 00:00', '1988-03-14'],
    ['1988-03-14T00:00:00.000Z', '1988-03-14'],
    ['14 mars 1988', '1988-03-14'],
    ['1er février 1990', '1990-02-01'],
    ['19880314', '1988-03-14'],
    ['32216', '1988-03-14'],
  ])('« %s » → %s', (text, iso) => {
    expect(lireDate(text)).toBe(iso);
  });

  it('Excel serial numbers and date cells', () => {
    expect(lireDate(32216)).toBe('1988-03-14');
    expect(dateExcel(61)).toBe('1900-03-01');
    expect(dateExcel(45627)).toBe('2024-12-01');
    expect(lireDate(new Date(Date.UTC(1988, 2, 14)))).toBe('1988-03-14');
    expect(lireDate(19880314)).toBe('1988-03-14');
  });

  it.each(['31/02/1988', '14/03/88', '1988-13-01', 'hier', '14 brumaire 1988', '00/00/0000'])(
    '« %s » is not a date',
    (text) => {
      expect(lireDate(text)).toBeNull();
    },
  );

  it('empty is absent', () => {
    expect(lireDate('')).toBeUndefined();
    expect(lireDate(null)).toBeUndefined();
  });
});

describe('n° allocataire', () => {
  it.each([
    ['7510001', '7510001'],
    ['751 0001', '7510001'],
    ['751-0001', '7510001'],
    [7510001, '7510001'],
  ] as const)('%s → %s', (value, digits) => {
    expect(lireNumeroAllocataire(value)).toBe(digits);
  });
  it('letters are not a number; empty is absent', () => {
    expect(lireNumeroAllocataire('75A0001')).toBeNull();
    expect(lireNumeroAllocataire(' ')).toBeUndefined();
  });
});

describe('R-IM-3: one row checked by the certificat’s one validator, messages under the file’s columns', () => {
  const colonnes = {
    aideAuPoste: 'AAP (€)',
    remunerationGarantie: 'RG nette',
    moisRemunerationGarantie: 'Nb mois RG',
  };
  const ok = {
    numeroAllocataire: '7510001',
    nom: 'LEFEVRE',
    prenom: 'Anne',
    dateNaissance: '14/03/1988',
    moisRemunerationGarantie: '12',
    remunerationGarantie: '1 234,56',
    aideAuPoste: '680,00',
  };

  it('a good row: the certificat data, the identity, no error', () => {
    const lu = verifierLigne(ok, colonnes, TODAY);
    expect(lu.erreurs).toEqual([]);
    expect(lu.data).toEqual({
      moisRemunerationGarantie: 12,
      remunerationGarantie: 1234.56,
      aideAuPoste: 680,
    });
    expect(lu.identite).toEqual({
      numeroAllocataire: '7510001',
      nom: 'LEFEVRE',
      prenom: 'Anne',
      dateNaissance: '1988-03-14',
    });
  });

  it.each([
    {
      rule: 'R-CE-4',
      why: 'aide au poste above the garantie',
      row: { ...ok, aideAuPoste: '1 500' },
      champ: 'aideAuPoste',
      colonne: 'AAP (€)',
    },
    {
      rule: 'R-CE-3',
      why: 'aide au poste missing',
      row: { ...ok, aideAuPoste: '' },
      champ: 'aideAuPoste',
      colonne: 'AAP (€)',
    },
    {
      rule: 'R-CE-2',
      why: '13 months',
      row: { ...ok, moisRemunerationGarantie: '13' },
      champ: 'moisRemunerationGarantie',
      colonne: 'Nb mois RG',
    },
    {
      rule: 'R-CE-4',
      why: 'an amount in words',
      row: { ...ok, remunerationGarantie: 'mille' },
      champ: 'remunerationGarantie',
      colonne: 'RG nette',
    },
    {
      rule: 'R-CE-4',
      why: 'three decimals',
      row: { ...ok, remunerationGarantie: '1234,567' },
      champ: 'remunerationGarantie',
      colonne: 'RG nette',
    },
    {
      rule: 'R-CE-4',
      why: 'a percentage above 100, in an unmapped column (the template’s name)',
      row: { ...ok, salaireDirectPct: '120' },
      champ: 'salaireDirectPct',
      colonne: 'Salaire direct (% du Smic)',
    },
  ])('$rule: $why — the saisie’s message, under its column', ({ row, champ, colonne }) => {
    const lu = verifierLigne(row, colonnes, TODAY);
    // The very message a saisie of the same data gets.
    const saisie = validateDeclaration('certificat', lu.data, TODAY).find(
      (e) => e.path === `/${champ}`,
    );
    expect(saisie).toBeDefined();
    expect(lu.erreurs).toEqual([{ champ, colonne, message: saisie!.message }]);
  });

  it('identity columns that cannot be read are errors of their own', () => {
    const lu = verifierLigne(
      { ...ok, numeroAllocataire: 'A12', dateNaissance: '31/02/1988' },
      { numeroAllocataire: 'Num CAF' },
      TODAY,
    );
    expect(lu.erreurs.map((e) => [e.colonne, e.message])).toEqual([
      ['Num CAF', 'Le n° allocataire ne comporte que des chiffres (7 à 13).'],
      ['Date de naissance', 'Saisissez une date de naissance qui existe, au format JJ/MM/AAAA.'],
    ]);
  });
});
