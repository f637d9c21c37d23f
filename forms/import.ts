/**
 * R-IM-1…3: what an import of a payroll file reads, as data and pure functions — the column
 * dictionary (the template's headers, the synonyms payroll exports use, the target field), the
 * readers of French numbers and dates as spreadsheets and payroll software write them, and the
 * check of one row with the certificat's one validator (the saisie's French messages), each
 * message given back under the file's own column name.
 */
import { validateDeclaration } from './index.ts';

/** The fields an import reads: the worker's identity, then the certificat (R-CE-2). */
export const champsImport = [
  'numeroAllocataire',
  'nom',
  'prenom',
  'dateNaissance',
  'moisRemunerationGarantie',
  'remunerationGarantie',
  'aideAuPoste',
  'salaireDirectPct',
] as const;
export type ChampImport = (typeof champsImport)[number];

/** The fields of the certificat itself (the rest identifies the worker). */
export const champsCertificat = [
  'moisRemunerationGarantie',
  'remunerationGarantie',
  'aideAuPoste',
  'salaireDirectPct',
] as const satisfies readonly ChampImport[];

/** R-IM-4: where a row of an import stands (`envoye`: its certificat is recorded). */
export const statutsLigne = [
  'pret',
  'erreur',
  'deja-declare',
  'dossier-bloque',
  'introuvable',
  'ambigu',
  'ignoree',
  'envoye',
] as const;
export type StatutLigne = (typeof statutsLigne)[number];

/** The French name of each status, for the report, its CSV and the summary PDF. */
export const libellesStatut: Record<StatutLigne, string> = {
  pret: 'Prête à envoyer',
  erreur: 'À corriger',
  'deja-declare': 'Déjà déclaré',
  'dossier-bloque': 'Dossier bloqué',
  introuvable: 'Travailleur non reconnu',
  ambigu: 'Plusieurs travailleurs possibles',
  ignoree: 'Ignorée',
  envoye: 'Envoyé',
};

/** A cell as a file gives it: text, a typed number, or nothing. */
export type Cellule = string | number | null;

/** One column of the template and what else a payroll export may call it. */
export interface ColonneImport {
  champ: ChampImport;
  /** The template's header (R-IM-1). */
  entete: string;
  /** Other headers seen in payroll exports (compared by `normaliserEntete`). */
  synonymes: string[];
  type: 'identifiant' | 'texte' | 'date' | 'entier' | 'montant' | 'pourcentage';
  /** The example row of the template, as typed in a French spreadsheet. */
  exemple: string;
  /** What the column holds, for the template's help sheet. */
  aide: string;
}

/** R-IM-1/2: the column dictionary, in the template's order. */
export const colonnesImport: readonly ColonneImport[] = [
  {
    champ: 'numeroAllocataire',
    entete: 'N° allocataire',
    synonymes: [
      'Numéro allocataire',
      "Numéro d'allocataire",
      'Num allocataire',
      'No allocataire',
      'N allocataire',
      'N° alloc',
      'Num alloc',
      'Allocataire',
      'N° CAF',
      'Num CAF',
      'Numéro CAF',
      'No CAF',
      'Matricule CAF',
      'N° dossier CAF',
      'Numéro de dossier CAF',
      'N° allocataire CAF',
      'Numéro allocataire CAF',
    ],
    type: 'identifiant',
    exemple: '1234567',
    aide: 'Le numéro du dossier du travailleur à la Caf (7 à 13 chiffres). Un couple a le même numéro : le prénom les distingue.',
  },
  {
    champ: 'nom',
    entete: 'Nom',
    synonymes: [
      'Nom de famille',
      "Nom d'usage",
      'Nom usuel',
      'Nom de naissance',
      'Nom patronymique',
      'Nom salarié',
      'Nom du salarié',
      'Nom travailleur',
      'Nom du travailleur',
      'Nom usager',
      'Nom agent',
    ],
    type: 'texte',
    exemple: 'DUPONT',
    aide: 'Le nom du travailleur. Avec le prénom et la date de naissance, il retrouve le travailleur quand le n° allocataire manque.',
  },
  {
    champ: 'prenom',
    entete: 'Prénom',
    synonymes: [
      'Prénoms',
      'Prénom salarié',
      'Prénom du salarié',
      'Prénom travailleur',
      'Prénom du travailleur',
      'Prénom usager',
    ],
    type: 'texte',
    exemple: 'Marie',
    aide: 'Le prénom du travailleur.',
  },
  {
    champ: 'dateNaissance',
    entete: 'Date de naissance',
    synonymes: [
      'Date naissance',
      'Date naiss',
      'Date de naiss',
      'Né le',
      'Née le',
      'Né(e) le',
      'DDN',
      'Naissance',
    ],
    type: 'date',
    exemple: '14/03/1988',
    aide: 'Au format JJ/MM/AAAA (ou une cellule date du tableur).',
  },
  {
    champ: 'moisRemunerationGarantie',
    entete: 'Mois de rémunération garantie',
    synonymes: [
      'Nb mois RG',
      'Nombre de mois RG',
      'Nb de mois RG',
      'Mois RG',
      'Nb mois',
      'Nombre de mois',
      'Mois',
      'Mois de RG',
      'Nombre de mois de rémunération garantie',
      'Nombre de mois de perception de la rémunération garantie',
      'Mois de perception de la rémunération garantie',
      'Mois de perception',
    ],
    type: 'entier',
    exemple: '12',
    aide: "Le nombre de mois de l'année où le travailleur a perçu la rémunération garantie (nombre entier de 1 à 12).",
  },
  {
    champ: 'remunerationGarantie',
    entete: 'Rémunération garantie',
    synonymes: [
      'RG',
      'RG nette',
      'Montant RG',
      'Montant net RG',
      'Rémunération garantie nette',
      'Montant rémunération garantie',
      'Montant de la rémunération garantie',
      'Montant net de la rémunération garantie',
      'Rémunération garantie novembre',
      'Garantie de ressources',
      'GRTH',
    ],
    type: 'montant',
    exemple: '1234,56',
    aide: 'Le montant net de la rémunération garantie de novembre, en euros (au plus 2 décimales, au plus 10 000 €).',
  },
  {
    champ: 'aideAuPoste',
    entete: 'Aide au poste',
    synonymes: [
      'Aide au poste nette',
      'Montant aide au poste',
      "Montant de l'aide au poste",
      "Montant net de l'aide au poste",
      'Aide au poste novembre',
      'Aide poste',
      'AAP',
    ],
    type: 'montant',
    exemple: '680,00',
    aide: "Le montant net de l'aide au poste de novembre, en euros (obligatoire ; au plus la rémunération garantie, qui la comprend).",
  },
  {
    champ: 'salaireDirectPct',
    entete: 'Salaire direct (% du Smic)',
    synonymes: [
      'Salaire direct',
      'Salaire direct % Smic',
      'Salaire direct en % du Smic',
      'Salaire direct en pourcentage du Smic',
      '% Smic',
      '% du Smic',
      'Pourcentage Smic',
      'Pourcentage du Smic',
      'Taux Smic',
      'Part salaire direct',
      'SD % Smic',
    ],
    type: 'pourcentage',
    exemple: '35',
    aide: 'Le salaire direct versé par l’Esat, en pourcentage du Smic (de 0 à 100, au plus 2 décimales).',
  },
];

/** Notices of the template's help sheet (R-CE-3, R-CE-5). */
export const noticesImport = [
  'Une ligne par travailleur. La ligne des titres de colonnes peut être précédée de lignes de titre.',
  'Ne pas déduire la part imposable de la mutuelle obligatoire des montants saisis.',
  "L'aide au poste est obligatoire, ainsi que la rémunération garantie ou le salaire direct : 2 éléments sur les 3.",
  'Les montants s’écrivent en chiffres, avec une virgule ou un point décimal : 1 234,56 ou 1234.56.',
  'Les lignes sont vérifiées avant tout envoi : un rapport indique les lignes prêtes et les erreurs à corriger.',
];

/** The dictionary's entry of a field. */
export const colonneDe = (champ: ChampImport): ColonneImport =>
  colonnesImport.find((c) => c.champ === champ)!;

/**
 * A header (or a name) without what varies between exports: accents, case, spaces, punctuation.
 * « N° Allocataire », « n°allocataire » and « NUMÉRO_ALLOCATAIRE » read the same words.
 */
export function normaliserEntete(text: string): string {
  let words = normalises.get(text);
  if (words === undefined) {
    // Names repeat from row to row and check to check: each is normalised once.
    if (normalises.size > 50_000) normalises.clear();
    words = normaliser(text);
    normalises.set(text, words);
  }
  return words;
}
const normalises = new Map<string, string>();
const normaliser = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const exacts = new Map<string, ChampImport>();
const contenus: { mots: string; champ: ChampImport }[] = [];
for (const colonne of colonnesImport) {
  for (const nom of [colonne.entete, ...colonne.synonymes]) {
    const mots = normaliserEntete(nom);
    exacts.set(mots, colonne.champ);
    // Only a synonym of several words is looked for inside a longer header: « Mois » or « RG »
    // alone would catch « Mois de paie » or « RG brute ».
    if (mots.includes(' ')) contenus.push({ mots, champ: colonne.champ });
  }
}

/** The field a header names alone, exactly (one of the dictionary's names), or null. */
export function champExact(entete: string): ChampImport | null {
  return exacts.get(normaliserEntete(entete)) ?? null;
}

/**
 * The field a longer header contains (« Montant net de l'aide au poste (€) »): the longest
 * synonym found wins; null when none, or when two fields tie.
 */
function champContenu(entete: string): ChampImport | null {
  const mots = ` ${normaliserEntete(entete)} `;
  let best: { longueur: number; champ: ChampImport | null } = { longueur: 0, champ: null };
  for (const c of contenus) {
    if (!mots.includes(` ${c.mots} `)) continue;
    if (c.mots.length > best.longueur) best = { longueur: c.mots.length, champ: c.champ };
    else if (c.mots.length === best.longueur && c.champ !== best.champ)
      best = { ...best, champ: null };
  }
  return best.champ;
}

/**
 * R-IM-2: the field of each header, or null. Exact names first, then headers that contain a
 * synonym; a field goes to one column only (the first that names it).
 */
export function reconnaitreColonnes(entetes: readonly string[]): (ChampImport | null)[] {
  const result: (ChampImport | null)[] = entetes.map(() => null);
  const pris = new Set<ChampImport>();
  entetes.forEach((entete, i) => {
    const champ = champExact(entete);
    if (champ && !pris.has(champ)) {
      result[i] = champ;
      pris.add(champ);
    }
  });
  entetes.forEach((entete, i) => {
    if (result[i] || champExact(entete)) return;
    const champ = champContenu(entete);
    if (champ && !pris.has(champ)) {
      result[i] = champ;
      pris.add(champ);
    }
  });
  return result;
}

/** Which column holds each field: field → column index, or null when no column does. */
export type Correspondance = Record<ChampImport, number | null>;

/** The mapping of recognised headers (R-IM-2), for the user to confirm or change. */
export function correspondanceProposee(entetes: readonly string[]): Correspondance {
  const champs = reconnaitreColonnes(entetes);
  return Object.fromEntries(
    champsImport.map((champ) => {
      const i = champs.indexOf(champ);
      return [champ, i < 0 ? null : i];
    }),
  ) as Correspondance;
}

const espaces = /[\s\u00a0\u202f\u2007'’]/g;
const milliers: Record<string, RegExp> = {
  '.': /^[+-]?\d{1,3}(?:\.\d{3})+$/,
  ',': /^[+-]?\d{1,3}(?:,\d{3})+$/,
};
const groupes = (entier: string, sep: string) => milliers[sep].test(entier);

/**
 * Reads an amount, a percentage or a count as a French file writes it: « 1 234,56 » (spaces,
 * non-breaking or narrow), « 1234.56 », « 1.234,56 », « 1,234.56 », « 680,00 € », « 35 % »; a
 * typed cell as the spreadsheet shows it (15 significant digits, so that 660.0000000000001 from
 * a formula reads 660). Undefined when empty; the text itself when it is not a number, so that
 * the validator's message names it (« Saisissez un montant en chiffres… »).
 */
export function lireNombre(value: Cellule | undefined): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Number(value.toPrecision(15)) : String(value);
  }
  const text = value.trim();
  if (text === '') return undefined;
  const compact = text
    .replace(espaces, '')
    .replace(/^(?:€|EUR)/i, '')
    .replace(/(?:€|EUR|%)$/i, '');
  if (!/^[+-]?\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return text;
  const point = compact.lastIndexOf('.');
  const virgule = compact.lastIndexOf(',');
  let decimal: string | undefined;
  let millier: string | undefined;
  if (point >= 0 && virgule >= 0) {
    decimal = point > virgule ? '.' : ',';
    millier = decimal === '.' ? ',' : '.';
  } else if (point >= 0 || virgule >= 0) {
    const sep = point >= 0 ? '.' : ',';
    // Once: the decimal separator (« 1234,56 », « 1234.56 »); several times: thousands.
    if (compact.split(sep).length > 2) millier = sep;
    else decimal = sep;
  }
  const [brut, fraction] = decimal ? compact.split(decimal) : [compact, undefined];
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return text;
  if (millier && !groupes(brut, millier)) return text;
  const entier = millier ? brut.split(millier).join('') : brut;
  return Number(fraction === undefined ? entier : `${entier}.${fraction}`);
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A calendar date that exists, as ISO; null otherwise. */
function dateReelle(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? iso(y, m, d) : null;
}

/** Excel's day 0 (its 1900 system counts a 29 February 1900 that never was: from day 61 on it is right). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The date of an Excel serial number (days since 30 December 1899), for dates after 1 March 1900. */
export function dateExcel(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2_958_466) return null;
  const day = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  return iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

const moisFr = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

/**
 * Reads a date of birth: « 14/03/1988 » (also with - or . and one-digit day or month),
 * « 1988-03-14 », « 14 mars 1988 », a time after it (« 14/03/1988 00:00 », an Excel export), an
 * Excel serial number (32216) or a date cell (read in UTC, as exceljs gives them), 19880314.
 * Undefined when empty, null when it is not a real date in one of these forms.
 */
export function lireDate(value: Cellule | Date | undefined): string | null | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return dateReelle(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 29_991_231) {
      return dateReelle(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    }
    return dateExcel(value);
  }
  const text = value
    .trim()
    .replace(/(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/, '');
  if (text === '') return undefined;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return dateReelle(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (m) return dateReelle(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:er)?\s+([\p{L}]+)\.?\s+(\d{4})$/u.exec(text);
  if (m) {
    const nom = normaliserEntete(m[2]);
    const mois = moisFr.findIndex((x) => x === nom || (nom.length >= 3 && x.startsWith(nom)));
    return mois < 0 ? null : dateReelle(Number(m[3]), mois + 1, Number(m[1]));
  }
  if (/^\d{8}$/.test(text) && /^(19|2\d)/.test(text)) return lireDate(Number(text));
  // A date column saved as a number by a spreadsheet (« 32216 »).
  if (/^\d{5}(?:[.,]\d+)?$/.test(text)) return dateExcel(Number(text.replace(',', '.')));
  return null;
}

/**
 * The allocataire number as digits, whatever separates them (« 751 0001 », « 751-0001 », a
 * number cell). Undefined when empty, null when it holds something else than digits.
 */
export function lireNumeroAllocataire(value: Cellule | undefined): string | null | undefined {
  if (value === null || value === undefined) return undefined;
  const text = (typeof value === 'number' ? String(value) : value).replace(/[\s\u00a0.\-/]/g, '');
  if (text === '') return undefined;
  return /^\d{1,13}$/.test(text) ? text : null;
}

/** A name as text (a number cell becomes its digits), undefined when empty. */
function lireTexte(value: Cellule | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The French messages of the import's own checks (the certificat's come from its schema). */
export const messagesImport = {
  numeroIllisible: 'Le n° allocataire ne comporte que des chiffres (7 à 13).',
  dateIllisible: 'Saisissez une date de naissance qui existe, au format JJ/MM/AAAA.',
} as const;

/** A message of one row, under the file's column name (the template's when no column holds it). */
export interface ErreurLigne {
  champ: ChampImport;
  colonne: string;
  message: string;
}

/** What a row says once read: who it is about, the certificat's data, the errors. */
export interface LigneVerifiee {
  identite: {
    numeroAllocataire?: string;
    nom?: string;
    prenom?: string;
    dateNaissance?: string;
  };
  /** The certificat's data, numbers read the French way (unreadable text kept, and reported). */
  data: Record<string, unknown>;
  erreurs: ErreurLigne[];
}

/**
 * R-IM-3: reads one row and checks its certificat with the one validator of forms/ (R-CE-2…5,
 * the saisie's messages), each error named by the file's column (`colonnes`: the header of each
 * field's column). `today` bounds the dates as for a saisie.
 */
export function verifierLigne(
  valeurs: Partial<Record<ChampImport, Cellule>>,
  colonnes: Partial<Record<ChampImport, string>>,
  today: string,
): LigneVerifiee {
  const colonne = (champ: ChampImport) => colonnes[champ] ?? colonneDe(champ).entete;
  const erreurs: ErreurLigne[] = [];
  const numero = lireNumeroAllocataire(valeurs.numeroAllocataire);
  if (numero === null) {
    erreurs.push({
      champ: 'numeroAllocataire',
      colonne: colonne('numeroAllocataire'),
      message: messagesImport.numeroIllisible,
    });
  }
  const naissance = lireDate(valeurs.dateNaissance);
  if (naissance === null) {
    erreurs.push({
      champ: 'dateNaissance',
      colonne: colonne('dateNaissance'),
      message: messagesImport.dateIllisible,
    });
  }
  const data: Record<string, unknown> = {};
  for (const champ of champsCertificat) {
    const value = lireNombre(valeurs[champ]);
    if (value !== undefined) data[champ] = value;
  }
  for (const e of validateDeclaration('certificat', data, today)) {
    const champ = (champsCertificat as readonly string[]).includes(e.path.slice(1))
      ? (e.path.slice(1) as ChampImport)
      : 'aideAuPoste';
    erreurs.push({ champ, colonne: colonne(champ), message: e.message });
  }
  return {
    identite: {
      numeroAllocataire: numero ?? undefined,
      nom: lireTexte(valeurs.nom),
      prenom: lireTexte(valeurs.prenom),
      dateNaissance: naissance ?? undefined,
    },
    data,
    erreurs,
  };
}
