/**
 * The rules of the changements de situation (SPEC R-CS), one passing and one failing case each,
 * on 15 June 2027. Shared by the validator tests and the HTTP tests: the same table must hold
 * in the browser's validator and on the server.
 */
import type { DeclarationKind } from '../../forms/index.ts';

export const TODAY = '2027-06-15';

export interface Cas {
  rule: string;
  why: string;
  kind: DeclarationKind;
  data: Record<string, unknown>;
  /** Paths refused ([] = accepted). */
  errors: string[];
  /** A message that must be given, when the seeds fix its wording. */
  message?: string;
}

const mois = { remunerationGarantie: 900, aideAuPoste: 400 };
const reduction = { dateEffet: '2027-06-01', tauxAvant: 80, tauxApres: 50, ...mois };
const augmentation = { dateEffet: '2027-06-01', tauxAvant: 50, tauxApres: 80, ...mois };
const depart = { dateDepart: '2027-06-30', motif: 'retraite' };
const debut = {
  dateEffet: '2027-06-02',
  tauxEsatAvant: 100,
  tauxEsatApres: 60,
  tauxMilieuOrdinaire: 40,
};
const modification = { dateEffet: '2027-06-01', tauxEsatAvant: 60, tauxEsatApres: 50 };
const fin = {
  dateEffet: '2027-06-10',
  tauxEsatAvant: 40,
  tauxMilieuOrdinaireAvant: 60,
  tauxEsatApres: 0,
  tauxMilieuOrdinaireApres: 100,
  motif: 'autre',
};
const incoherent = "Le taux renseigné n'est pas cohérent.";

export const cas: Cas[] = [
  {
    rule: 'R-CS-1',
    why: 'a réduction lowers the rate',
    kind: 'reduction',
    data: reduction,
    errors: [],
  },
  {
    rule: 'R-CS-1',
    why: 'a réduction that raises the rate',
    kind: 'reduction',
    data: { ...reduction, tauxApres: 90 },
    errors: ['/tauxApres'],
    message: incoherent,
  },
  {
    rule: 'R-CS-1',
    why: 'an augmentation raises the rate',
    kind: 'augmentation',
    data: augmentation,
    errors: [],
  },
  {
    rule: 'R-CS-1',
    why: 'an augmentation that keeps the rate',
    kind: 'augmentation',
    data: { ...augmentation, tauxApres: 50 },
    errors: ['/tauxApres'],
    message: incoherent,
  },
  {
    rule: 'R-CS-1',
    why: 'a rate of 0',
    kind: 'reduction',
    data: { ...reduction, tauxApres: 0 },
    errors: ['/tauxApres'],
  },
  {
    rule: 'R-CS-1',
    why: 'a rate over 100',
    kind: 'augmentation',
    data: { ...augmentation, tauxApres: 100.5 },
    errors: ['/tauxApres'],
  },
  {
    rule: 'R-CS-1',
    why: 'the month’s pay: aide au poste missing',
    kind: 'reduction',
    data: { ...reduction, aideAuPoste: undefined },
    errors: ['/aideAuPoste'],
  },
  {
    rule: 'R-CS-1',
    why: 'the month’s pay: 2 of 3 (aide + salaire direct)',
    kind: 'reduction',
    data: { ...reduction, remunerationGarantie: undefined, salaireDirectPct: 30 },
    errors: [],
  },
  {
    rule: 'R-CS-1',
    why: 'the month’s pay: aide alone',
    kind: 'augmentation',
    data: { ...augmentation, remunerationGarantie: undefined },
    errors: ['/remunerationGarantie'],
  },
  {
    rule: 'R-CS-1',
    why: 'the month’s pay: aide above the garantie',
    kind: 'augmentation',
    data: { ...augmentation, aideAuPoste: 950 },
    errors: ['/aideAuPoste'],
  },
  { rule: 'R-CS-2', why: 'a departure this month', kind: 'depart', data: depart, errors: [] },
  {
    rule: 'R-CS-2',
    why: 'a departure after the end of this month',
    kind: 'depart',
    data: { ...depart, dateDepart: '2027-07-01' },
    errors: ['/dateDepart'],
  },
  {
    rule: 'R-CS-2',
    why: 'an unknown motif',
    kind: 'depart',
    data: { ...depart, motif: 'vacances' },
    errors: ['/motif'],
  },
  {
    rule: 'R-CS-2',
    why: 'no motif',
    kind: 'depart',
    data: { dateDepart: '2027-06-30' },
    errors: ['/motif'],
  },
  {
    rule: 'R-CS-2',
    why: 'a return date for a parental leave, after the departure',
    kind: 'depart',
    data: { ...depart, motif: 'conge-presence-parentale', dateRetourPrevue: '2027-12-01' },
    errors: [],
  },
  {
    rule: 'R-CS-2',
    why: 'the return date is optional for a parental leave',
    kind: 'depart',
    data: { ...depart, motif: 'conge-parental-temps-partiel' },
    errors: [],
  },
  {
    rule: 'R-CS-2',
    why: 'a return date for a retirement',
    kind: 'depart',
    data: { ...depart, dateRetourPrevue: '2027-12-01' },
    errors: ['/dateRetourPrevue'],
  },
  {
    rule: 'R-CS-2',
    why: 'a return date before the departure',
    kind: 'depart',
    data: { ...depart, motif: 'conge-parental-temps-plein', dateRetourPrevue: '2027-06-01' },
    errors: ['/dateRetourPrevue'],
  },
  {
    rule: 'R-CS-3',
    why: 'a début with an ordinary-work rate',
    kind: 'double-debut',
    data: debut,
    errors: [],
  },
  {
    rule: 'R-CS-3',
    why: 'a début without ordinary-work rate',
    kind: 'double-debut',
    data: { ...debut, tauxMilieuOrdinaire: undefined },
    errors: ['/tauxMilieuOrdinaire'],
  },
  {
    rule: 'R-CS-3',
    why: 'a début with an ordinary-work rate of 0',
    kind: 'double-debut',
    data: { ...debut, tauxMilieuOrdinaire: 0 },
    errors: ['/tauxMilieuOrdinaire'],
  },
  {
    rule: 'R-CS-3',
    why: 'a modification of the Esat rate',
    kind: 'double-modification',
    data: { ...modification, tauxMilieuOrdinaireApres: 50 },
    errors: [],
  },
  {
    rule: 'R-CS-3',
    why: 'a modification keeping the Esat rate',
    kind: 'double-modification',
    data: { ...modification, tauxEsatApres: 60 },
    errors: ['/tauxEsatApres'],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin leaving the Esat, with its motif',
    kind: 'double-fin',
    data: fin,
    errors: [],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin leaving the ordinary job (no motif)',
    kind: 'double-fin',
    data: { ...fin, tauxEsatApres: 60, tauxMilieuOrdinaireApres: 0, motif: undefined },
    errors: [],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin where no new rate is 0',
    kind: 'double-fin',
    data: { ...fin, tauxEsatApres: 60, motif: undefined },
    errors: ['/tauxMilieuOrdinaireApres'],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin leaving the Esat without motif',
    kind: 'double-fin',
    data: { ...fin, motif: undefined },
    errors: ['/motif'],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin with a motif while staying in the Esat',
    kind: 'double-fin',
    data: { ...fin, tauxEsatApres: 60, tauxMilieuOrdinaireApres: 0 },
    errors: ['/motif'],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin for a parental leave with its return date',
    kind: 'double-fin',
    data: { ...fin, motif: 'conge-parental-temps-plein', dateRetourPrevue: '2028-01-10' },
    errors: [],
  },
  {
    rule: 'R-CS-3',
    why: 'a fin with a return date for another motif',
    kind: 'double-fin',
    data: { ...fin, dateRetourPrevue: '2028-01-10' },
    errors: ['/dateRetourPrevue'],
  },
  {
    rule: 'R-CS-4',
    why: 'a date not older than 2 years',
    kind: 'reduction',
    data: { ...reduction, dateEffet: '2025-06-15' },
    errors: [],
  },
  {
    rule: 'R-CS-4',
    why: 'a date older than 2 years',
    kind: 'reduction',
    data: { ...reduction, dateEffet: '2025-06-14' },
    errors: ['/dateEffet'],
  },
  {
    rule: 'R-CS-4',
    why: 'a date that does not exist',
    kind: 'double-debut',
    data: { ...debut, dateEffet: '2027-02-30' },
    errors: ['/dateEffet'],
  },
  {
    rule: 'R-CS-4',
    why: 'a French date sent as is',
    kind: 'double-debut',
    data: { ...debut, dateEffet: '02/06/2027' },
    errors: ['/dateEffet'],
  },
  {
    rule: 'R-CS-4',
    why: 'a rate with 3 decimals',
    kind: 'double-debut',
    data: { ...debut, tauxEsatApres: 60.125 },
    errors: ['/tauxEsatApres'],
  },
  {
    rule: 'R-CS',
    why: 'a field of another declaration',
    kind: 'depart',
    data: { ...depart, tauxAvant: 50 },
    errors: ['/tauxAvant'],
  },
];

/** `undefined` members removed, as JSON would send them. */
export const sansVides = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
