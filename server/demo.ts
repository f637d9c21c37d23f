/**
 * The world the server starts with (SPEC §9): the invented demo world, or the file named by
 * ESAT_SEED, checked with a message naming the bad path. Passwords are hashed here (argon2id).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash, type Options as HashOptions } from '@node-rs/argon2';
import { dossiers, type Dossier } from '../forms/dossiers.ts';
import { campagne, declarationOuverte, isoToday } from '../forms/calendrier.ts';
import { declarationKinds, validateDeclaration, type DeclarationKind } from '../forms/index.ts';
import {
  emptyData,
  referenceCourte,
  type Data,
  type DeclarationRecord,
  type Reader,
  type Role,
  type WorkerRecord,
} from './store/index.ts';

/** The ESAT_SEED file (SPEC §9), passwords in clear. */
export interface SeedWorld {
  cafs: { code: string; name: string }[];
  esats: {
    siret: string;
    name: string;
    address: string;
    cafs: string[];
    communicationIds?: Record<string, string>;
    siretUnknownTo?: string[];
  }[];
  users: {
    email: string;
    password: string;
    role: Role;
    esat?: string;
    caf?: string;
    provisional?: boolean;
  }[];
  /** A worker as stored, without its id (given at load) and with its dossier optional. */
  workers: (Omit<WorkerRecord, 'id' | 'dossier'> & { dossier?: Dossier })[];
  /** Past declarations (SPEC §10), checked by the same validator against the date they bear. */
  declarations?: SeedDeclaration[];
}

/** A past declaration of the seed: its worker by allocataire number and Esat. */
export interface SeedDeclaration {
  numeroAllocataire: string;
  esat: string;
  /** Only for a couple of the same Esat (one allocataire number for two workers). */
  prenom?: string;
  kind: DeclarationKind;
  data: Record<string, unknown>;
  /** The instant it was received (ISO); its Paris day bounds its dates and its campaign. */
  submittedAt: string;
  /** Who declared it; default the Esat's first user. */
  userEmail?: string;
  etat?: 'a-traiter' | 'traitee';
}

/** The Paris day of an instant: the day a declaration bears. */
const parisDayOf = (iso: string) => isoToday(new Date(iso));

/** The password of every demo account (at least 12 characters, R-AC-4). */
export const DEMO_PASSWORD = 'Esat-Demo-2026!';

const VILLETTE = '44306184100062';
const SURESNES = '51234567800038';

const demoUsers: SeedWorld['users'] = [
  {
    email: 'sophie.bernard@ateliers-villette.test',
    password: DEMO_PASSWORD,
    role: 'declarant',
    esat: VILLETTE,
  },
  {
    email: 'marc.petit@ateliers-villette.test',
    password: DEMO_PASSWORD,
    role: 'referent',
    esat: VILLETTE,
  },
  {
    email: 'julie.moreau@jardin-suresnes.test',
    password: DEMO_PASSWORD,
    role: 'declarant',
    esat: SURESNES,
  },
  {
    email: 'nadia.haddad@jardin-suresnes.test',
    password: DEMO_PASSWORD,
    role: 'referent',
    esat: SURESNES,
  },
  { email: 'agent@caf-paris.test', password: DEMO_PASSWORD, role: 'agent', caf: '751' },
  { email: 'agent@caf-hauts-de-seine.test', password: DEMO_PASSWORD, role: 'agent', caf: '921' },
];

type W = [nom: string, prenom: string, extra?: Partial<SeedWorld['workers'][number]>];

const villetteParis: W[] = [
  ['LEFÈVRE', 'Anne'],
  ['LEFÈVRE', 'Thomas'],
  ['BENALI', 'Karim'],
  ['ROUSSEAU', 'Lucie'],
  ['TRAN', 'Minh', { dossier: 'radie' }],
  ['MÉNARD', 'Chloé'],
  ['CHÂTELAIN', 'Loïc'],
  ['DUPONT', 'Jérôme'],
  ['LEROY', 'Maëlle'],
  ['NGUYEN', 'Thi Hoa'],
  ['FABRE', 'Noémie'],
  ['DIALLO', 'Mamadou'],
  ['GIRAUD', 'Céline'],
  ['BRUNEL', 'Raphaël'],
  ['COHEN', 'Sarah'],
  ['PERRIN', 'Gaëtan'],
  ['MOREL', 'Inès'],
  ['HÉBERT', 'François'],
  ['OZTÜRK', 'Emre'],
  ['LAMBERT', 'Zoé'],
  ['RENAUD', 'Bérénice'],
  ['DA SILVA', 'João'],
  ['FAURE', 'Hélène'],
  ['ANDRÉ', 'Mathis'],
  ['BLANCHARD', 'Léa', { dossier: 'en-cours-affiliation' }],
  ['MARCHAND', 'Éric'],
  ['CARON', 'Aurélie'],
  ['TRAORÉ', 'Fatoumata'],
  ['GUÉRIN', 'Yannick'],
  ['BOYER', 'Clémence'],
];
const villetteHautsDeSeine: W[] = [
  ['GARNIER', 'Élodie'],
  ['BARBIER', 'Kévin'],
  ['ROCHE', 'Océane'],
  ['MEUNIER', 'Benoît'],
  ['SCHMITT', 'Anaïs'],
  ['COLIN', 'Jean-Noël'],
];
const suresnes: W[] = [
  ['FONTAINE', 'Hugo'],
  ['MERCIER', 'Agnès'],
  ['LEGRAND', 'Timothée'],
  ['BOUCHER', 'Salomé', { dossier: 'radie' }],
  ['ÉTIENNE', 'Baptiste'],
  ['VIDAL', 'Joëlle'],
  ['ROLLAND', 'Cédric'],
  ['BENOÎT', 'Léonie'],
];

function workersOf(list: W[], esat: string, caf: string): SeedWorld['workers'] {
  return list.map(([nom, prenom, extra], i) => ({
    numeroAllocataire: `${caf}${String(i + 1).padStart(4, '0')}`,
    caf,
    esat,
    nom,
    prenom,
    dateNaissance: `${1965 + ((i * 7) % 35)}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
    tauxActivite: [100, 80, 50, 60][i % 4],
    ...extra,
  }));
}

/** Days after 1 December 2025 of the previous campaign's certificats: a few at first, a push
 * before the holidays, the bulk in early January before the 15th, stragglers in February. */
const joursCampagnePrecedente = [
  1, 3, 4, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 34, 35, 36, 37, 38, 41, 42, 43, 44, 45, 52, 63,
  2, 9, 16, 36, 43, 5, 12, 19, 37, 44, 45,
];

/** Who has not sent the previous campaign's certificat (a few late Esat). */
const sansCertificat2025 = new Set(['GUÉRIN Yannick', 'BOYER Clémence', 'COLIN Jean-Noël']);
/** The first certificats of the current campaign, on 1 and 2 December 2026. */
const certificats2026: [nom: string, submittedAt: string][] = [
  ['MÉNARD Chloé', '2026-12-01T09:12:00Z'],
  ['CHÂTELAIN Loïc', '2026-12-01T14:40:00Z'],
  ['DUPONT Jérôme', '2026-12-02T07:35:00Z'],
  ['LEROY Maëlle', '2026-12-02T07:50:00Z'],
  ['MERCIER Agnès', '2026-12-01T10:05:00Z'],
];

const certificat = (i: number) => ({
  moisRemunerationGarantie: 12,
  remunerationGarantie: 1100 + ((i * 37) % 300) + 0.5,
  aideAuPoste: 650 + ((i * 23) % 150),
  ...(i % 3 === 0 ? { salaireDirectPct: 5 + (i % 7) * 2.5 } : {}),
});

/** The demo's history (SPEC §10): the 2025 campaign, the first days of 2026's, a few changes. */
function demoDeclarations(workers: SeedWorld['workers']): SeedDeclaration[] {
  const of = (nomPrenom: string) => {
    const w = workers.find((x) => `${x.nom} ${x.prenom}` === nomPrenom)!;
    return { numeroAllocataire: w.numeroAllocataire, esat: w.esat, prenom: w.prenom };
  };
  const precedente = workers
    .filter(
      (w) => (w.dossier ?? 'actif') === 'actif' && !sansCertificat2025.has(`${w.nom} ${w.prenom}`),
    )
    .map((w, i): SeedDeclaration => {
      const day = joursCampagnePrecedente[i % joursCampagnePrecedente.length];
      const at = new Date(Date.UTC(2025, 11, 1 + day, 8 + ((i * 5) % 8), (i * 13) % 60));
      return {
        numeroAllocataire: w.numeroAllocataire,
        esat: w.esat,
        prenom: w.prenom,
        kind: 'certificat',
        data: certificat(i),
        submittedAt: at.toISOString(),
        // Those of December were processed by the Caf.
        ...(day < 31 ? { etat: 'traitee' as const } : {}),
      };
    });
  const courante = certificats2026.map(([nom, submittedAt], i): SeedDeclaration => ({
    ...of(nom),
    kind: 'certificat',
    data: certificat(100 + i),
    submittedAt,
  }));
  const changements: SeedDeclaration[] = [
    {
      ...of('FABRE Noémie'),
      kind: 'reduction',
      data: {
        dateEffet: '2026-03-01',
        tauxAvant: 80,
        tauxApres: 50,
        remunerationGarantie: 880,
        aideAuPoste: 520,
      },
      submittedAt: '2026-03-10T09:30:00Z',
      etat: 'traitee',
    },
    {
      ...of('HÉBERT François'),
      kind: 'depart',
      data: { dateDepart: '2026-06-30', motif: 'retraite' },
      submittedAt: '2026-06-22T13:05:00Z',
    },
    {
      ...of('OZTÜRK Emre'),
      kind: 'double-debut',
      data: {
        dateEffet: '2026-09-01',
        tauxEsatAvant: 100,
        tauxEsatApres: 60,
        tauxMilieuOrdinaire: 40,
      },
      submittedAt: '2026-09-15T08:45:00Z',
    },
    {
      ...of('VIDAL Joëlle'),
      kind: 'augmentation',
      data: {
        dateEffet: '2026-10-01',
        tauxAvant: 50,
        tauxApres: 80,
        remunerationGarantie: 1150.25,
        aideAuPoste: 700,
      },
      submittedAt: '2026-10-05T10:20:00Z',
    },
  ];
  return [...precedente, ...changements, ...courante];
}

/** The invented demo world: 2 Caf, 2 Esat (one with both Caf), 44 workers, 6 accounts, and the
 * history of the 2025 campaign with the first certificats of 2026. */
export function demoWorld(): SeedWorld {
  const workers = [
    ...workersOf(villetteParis, VILLETTE, '751'),
    ...workersOf(villetteHautsDeSeine, VILLETTE, '921'),
    ...workersOf(suresnes, SURESNES, '921'),
  ];
  // Thomas LEFÈVRE is Anne's partner: same allocataire number, each pointing at the other.
  const thomas = workers.find((w) => w.nom === 'LEFÈVRE' && w.prenom === 'Thomas')!;
  const anne = workers.find((w) => w.nom === 'LEFÈVRE' && w.prenom === 'Anne')!;
  thomas.numeroAllocataire = anne.numeroAllocataire;
  thomas.conjoint = anne.numeroAllocataire;
  anne.conjoint = anne.numeroAllocataire;
  return {
    cafs: [
      { code: '751', name: 'Caf de Paris' },
      { code: '921', name: 'Caf des Hauts-de-Seine' },
    ],
    esats: [
      {
        siret: VILLETTE,
        name: 'Esat Les Ateliers de la Villette',
        address: '211 avenue Jean-Jaurès, 75019 Paris',
        cafs: ['751', '921'],
        communicationIds: { '751': '00000075101', '921': '00000092101' },
        // R-AC-7: the Hauts-de-Seine files do not know this SIRET; its identifiant is asked.
        siretUnknownTo: ['921'],
      },
      {
        siret: SURESNES,
        name: 'Esat Le Jardin de Suresnes',
        address: '12 rue des Bourets, 92150 Suresnes',
        cafs: ['921'],
        communicationIds: { '921': '00000092102' },
      },
    ],
    users: demoUsers,
    workers,
    declarations: demoDeclarations(workers),
  };
}

/** The demo accounts, for the console and the README. */
export function demoAccounts() {
  return demoUsers.map(({ email, password, role }) => ({ email, password, role }));
}

/** Prints the demo accounts still present in the data (demo passwords only, never others). */
export async function printDemoAccounts(store: Reader, log: (line: string) => void = console.log) {
  const present = [];
  for (const a of demoAccounts()) if (await store.get('users', a.email)) present.push(a);
  if (present.length === 0) return;
  log('Comptes de démonstration (mot de passe initial) :');
  for (const a of present) log(`  ${a.role.padEnd(9)} ${a.email}  ${a.password}`);
  // R-AC-7: the demo Esat whose SIRET a Caf does not know, and the identifiant it asks for.
  const demo = demoWorld();
  for (const e of demo.esats) {
    const here = await store.get('esats', e.siret);
    for (const caf of here?.siretUnknownTo ?? []) {
      const nom = (await store.get('cafs', caf))?.name ?? caf;
      log(
        `Identifiant de communication de ${e.name} pour la ${nom} : ${here!.communicationIds[caf]}`,
      );
    }
  }
}

/** A seed file that does not have the documented shape; the message names the path. */
export class SeedError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a seed against SPEC §9, with references between collections. Throws a SeedError naming
 * the first bad path (`/users/2/role`), in French and English.
 */
export function checkSeed(value: unknown): SeedWorld {
  const fail = (path: string, fr: string, en: string): never => {
    throw new SeedError(`ESAT_SEED invalide en ${path} : ${fr} (invalid seed at ${path}: ${en})`);
  };
  const str = (o: Record<string, unknown>, path: string, key: string, re?: RegExp, hint = '') => {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '')
      fail(`${path}/${key}`, 'texte non vide attendu', 'non-empty string expected');
    if (re && !re.test(v as string))
      fail(`${path}/${key}`, `format attendu ${hint}`, `expected ${hint}`);
    return v as string;
  };
  const list = (o: Record<string, unknown>, path: string) => {
    if (!Array.isArray(o[path.slice(1)])) fail(path, 'tableau attendu', 'array expected');
    return o[path.slice(1)] as unknown[];
  };
  if (!isObject(value)) fail('/', 'objet attendu', 'object expected');
  const root = value as Record<string, unknown>;
  const cafs = new Set<string>();
  list(root, '/cafs').forEach((c, i) => {
    const p = `/cafs/${i}`;
    if (!isObject(c)) fail(p, 'objet attendu', 'object expected');
    const code = str(c as Record<string, unknown>, p, 'code');
    str(c as Record<string, unknown>, p, 'name');
    if (cafs.has(code)) fail(`${p}/code`, 'code en double', 'duplicate code');
    cafs.add(code);
  });
  const esats = new Map<string, string[]>();
  list(root, '/esats').forEach((e, i) => {
    const p = `/esats/${i}`;
    if (!isObject(e)) fail(p, 'objet attendu', 'object expected');
    const o = e as Record<string, unknown>;
    const siret = str(o, p, 'siret', /^\d{14}$/, '14 chiffres (SIRET) / 14 digits');
    str(o, p, 'name');
    str(o, p, 'address');
    if (!Array.isArray(o.cafs) || o.cafs.length === 0)
      fail(
        `${p}/cafs`,
        'liste non vide de codes Caf attendue',
        'non-empty array of Caf codes expected',
      );
    (o.cafs as unknown[]).forEach((code, j) => {
      if (typeof code !== 'string' || !cafs.has(code))
        fail(`${p}/cafs/${j}`, 'Caf inconnue', 'unknown Caf code');
    });
    if (o.communicationIds !== undefined) {
      if (!isObject(o.communicationIds))
        fail(`${p}/communicationIds`, 'objet attendu', 'object expected');
      for (const [code, id] of Object.entries(o.communicationIds as Record<string, unknown>)) {
        if (!cafs.has(code))
          fail(`${p}/communicationIds/${code}`, 'Caf inconnue', 'unknown Caf code');
        if (typeof id !== 'string' || !/^[0-9A-Za-z]{1,11}$/.test(id))
          fail(`${p}/communicationIds/${code}`, '11 caractères au plus', 'at most 11 characters');
      }
    }
    if (o.siretUnknownTo !== undefined) {
      if (!Array.isArray(o.siretUnknownTo))
        fail(`${p}/siretUnknownTo`, 'liste de codes Caf attendue', 'array of Caf codes expected');
      (o.siretUnknownTo as unknown[]).forEach((code, j) => {
        if (typeof code !== 'string' || !(o.cafs as unknown[]).includes(code))
          fail(
            `${p}/siretUnknownTo/${j}`,
            "Caf absente de cafs de l'Esat",
            'not one of the Esat cafs',
          );
        if (!(o.communicationIds as Record<string, unknown> | undefined)?.[code as string])
          fail(
            `${p}/communicationIds/${code}`,
            'identifiant de communication requis pour cette Caf (siretUnknownTo)',
            'communication id required for this Caf (siretUnknownTo)',
          );
      });
    }
    if (esats.has(siret)) fail(`${p}/siret`, 'SIRET en double', 'duplicate SIRET');
    esats.set(siret, o.cafs as string[]);
  });
  const emails = new Set<string>();
  list(root, '/users').forEach((u, i) => {
    const p = `/users/${i}`;
    if (!isObject(u)) fail(p, 'objet attendu', 'object expected');
    const o = u as Record<string, unknown>;
    const email = str(
      o,
      p,
      'email',
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      'adresse e-mail / e-mail address',
    ).toLowerCase();
    if (emails.has(email)) fail(`${p}/email`, 'adresse en double', 'duplicate e-mail');
    emails.add(email);
    const password = str(o, p, 'password');
    if (password.length < 12)
      fail(`${p}/password`, '12 caractères au moins', 'at least 12 characters');
    if (!['declarant', 'referent', 'agent'].includes(o.role as string))
      fail(
        `${p}/role`,
        '« declarant », « referent » ou « agent » attendu',
        'declarant, referent or agent expected',
      );
    if (o.role === 'agent') {
      if (!cafs.has(str(o, p, 'caf'))) fail(`${p}/caf`, 'Caf inconnue', 'unknown Caf code');
    } else if (!esats.has(str(o, p, 'esat')))
      fail(`${p}/esat`, 'Esat inconnu', 'unknown Esat SIRET');
    if (o.provisional !== undefined && typeof o.provisional !== 'boolean')
      fail(`${p}/provisional`, 'booléen attendu', 'boolean expected');
  });
  list(root, '/workers').forEach((w, i) => {
    const p = `/workers/${i}`;
    if (!isObject(w)) fail(p, 'objet attendu', 'object expected');
    const o = w as Record<string, unknown>;
    str(o, p, 'numeroAllocataire', /^\d{7,13}$/, 'chiffres (7 à 13) / 7 to 13 digits');
    const esat = str(o, p, 'esat');
    if (!esats.has(esat)) fail(`${p}/esat`, 'Esat inconnu', 'unknown Esat SIRET');
    const caf = str(o, p, 'caf');
    if (!esats.get(esat)!.includes(caf))
      fail(
        `${p}/caf`,
        "Caf inconnue ou non rattachée à l'Esat",
        "unknown Caf or not one of the Esat's",
      );
    str(o, p, 'nom');
    str(o, p, 'prenom');
    const birth = str(o, p, 'dateNaissance', /^\d{4}-\d{2}-\d{2}$/, 'AAAA-MM-JJ / YYYY-MM-DD');
    if (Number.isNaN(Date.parse(birth)))
      fail(`${p}/dateNaissance`, 'date inexistante', 'not a real date');
    if (o.dossier !== undefined && !(dossiers as readonly unknown[]).includes(o.dossier))
      fail(
        `${p}/dossier`,
        `une valeur parmi ${dossiers.join(', ')}`,
        `one of ${dossiers.join(', ')}`,
      );
    if (
      o.tauxActivite !== undefined &&
      (typeof o.tauxActivite !== 'number' || o.tauxActivite < 0 || o.tauxActivite > 100)
    )
      fail(`${p}/tauxActivite`, 'nombre de 0 à 100 attendu', 'number 0–100 expected');
    if (o.conjoint !== undefined)
      str(o, p, 'conjoint', /^\d{7,13}$/, 'numéro allocataire / allocataire number');
  });
  if (root.declarations !== undefined) checkDeclarations(root, fail, str);
  return value as unknown as SeedWorld;
}

type Fail = (path: string, fr: string, en: string) => never;
type Str = (
  o: Record<string, unknown>,
  path: string,
  key: string,
  re?: RegExp,
  hint?: string,
) => string;

/**
 * The seed's `declarations` (SPEC §10): each one's worker found by allocataire number and Esat,
 * its data checked by the one validator as of its own Paris day (R-CE, R-CS), a certificat only
 * inside its campaign (R-CE-1) and once per worker and campaign (R-CE-6).
 */
function checkDeclarations(root: Record<string, unknown>, fail: Fail, str: Str) {
  if (!Array.isArray(root.declarations)) fail('/declarations', 'tableau attendu', 'array expected');
  const workers = root.workers as Record<string, unknown>[];
  const certificats = new Map<string, string>();
  (root.declarations as unknown[]).forEach((d, i) => {
    const p = `/declarations/${i}`;
    if (!isObject(d)) fail(p, 'objet attendu', 'object expected');
    const o = d as Record<string, unknown>;
    const numero = str(
      o,
      p,
      'numeroAllocataire',
      /^\d{7,13}$/,
      'chiffres (7 à 13) / 7 to 13 digits',
    );
    const esat = str(o, p, 'esat');
    const candidates = workers.filter(
      (w) =>
        w.numeroAllocataire === numero &&
        w.esat === esat &&
        (o.prenom === undefined || w.prenom === o.prenom),
    );
    if (candidates.length === 0)
      fail(
        `${p}/numeroAllocataire`,
        "aucun travailleur de cet Esat n'a ce numéro",
        'no worker of this Esat has this number',
      );
    if (candidates.length > 1)
      fail(
        `${p}/prenom`,
        'deux travailleurs de cet Esat ont ce numéro (couple) : précisez le prénom',
        'two workers of this Esat share this number (a couple): give prenom',
      );
    if (!(declarationKinds as readonly unknown[]).includes(o.kind))
      fail(
        `${p}/kind`,
        `une valeur parmi ${declarationKinds.join(', ')}`,
        `one of ${declarationKinds.join(', ')}`,
      );
    const submittedAt = str(
      o,
      p,
      'submittedAt',
      /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/,
      'instant ISO / ISO instant',
    );
    if (Number.isNaN(Date.parse(submittedAt)))
      fail(`${p}/submittedAt`, 'date inexistante', 'not a real date');
    const day = parisDayOf(submittedAt);
    const kind = o.kind as DeclarationKind;
    if (!declarationOuverte(kind, day))
      fail(
        `${p}/submittedAt`,
        "un certificat d'emploi se déclare du 1er décembre au dernier jour de février",
        'a certificat is declared from 1 December to the end of February',
      );
    if (!isObject(o.data)) fail(`${p}/data`, 'objet attendu', 'object expected');
    const errors = validateDeclaration(kind, o.data, day);
    if (errors.length > 0)
      fail(`${p}/data${errors[0].path}`, errors[0].message, 'invalid for this declaration');
    if (kind === 'certificat') {
      const key = `${esat}|${numero}|${candidates[0].prenom}|${campagne(day).year}`;
      const first = certificats.get(key);
      if (first)
        fail(
          p,
          `un certificat de la même campagne existe déjà (${first})`,
          `a certificat of the same campaign already exists (${first})`,
        );
      certificats.set(key, p);
    }
    if (o.userEmail !== undefined)
      str(o, p, 'userEmail', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'adresse e-mail / e-mail address');
    if (o.etat !== undefined && o.etat !== 'a-traiter' && o.etat !== 'traitee')
      fail(`${p}/etat`, '« a-traiter » ou « traitee » attendu', 'a-traiter or traitee expected');
  });
}

/**
 * The records of a seed's past declarations, over data whose workers already have their ids:
 * campaign year derived, « traitée » recorded as done at load by the Caf's first agent.
 */
export function buildDeclarations(world: SeedWorld, data: Data, now: Date = new Date()) {
  const at = now.toISOString();
  const records: DeclarationRecord[] = [];
  // In the order they were received, each with its short reference (CE-2025-000001…).
  const seeded = [...(world.declarations ?? [])].sort(
    (a, b) => new Date(a.submittedAt).getTime() - new Date(b.submittedAt).getTime(),
  );
  const numeros = new Map<string, number>();
  /** The next short reference of a prefix (CE-2025, CS-2026), as the server numbers them. */
  const reference = (kind: DeclarationKind, year: number) => {
    const prefix = `${kind === 'certificat' ? 'CE' : 'CS'}-${year}`;
    const n = (numeros.get(prefix) ?? 0) + 1;
    numeros.set(prefix, n);
    return referenceCourte(prefix, n);
  };
  for (const d of seeded) records.push(record(d));
  return records;

  function record(d: SeedDeclaration): DeclarationRecord {
    const worker = data.workers.find(
      (w) =>
        w.numeroAllocataire === d.numeroAllocataire &&
        w.esat === d.esat &&
        (d.prenom === undefined || w.prenom === d.prenom),
    )!;
    const day = parisDayOf(d.submittedAt);
    const agent = data.users.find((u) => u.role === 'agent' && u.caf === worker.caf);
    const campaignYear = d.kind === 'certificat' ? campagne(day).year : undefined;
    return {
      id: randomUUID(),
      kind: d.kind,
      workerId: worker.id,
      esat: worker.esat,
      caf: worker.caf,
      userEmail:
        d.userEmail?.toLowerCase() ??
        data.users.find((u) => u.esat === worker.esat)?.email ??
        'reprise-historique@espace-esat.invalid',
      data: structuredClone(d.data),
      ...(campaignYear !== undefined ? { campaignYear } : {}),
      submittedAt: new Date(d.submittedAt).toISOString(),
      reference: reference(d.kind, campaignYear ?? Number(day.slice(0, 4))),
      ...(d.etat === 'traitee'
        ? {
            etat: 'traitee' as const,
            etatHistory: [
              { etat: 'traitee' as const, at, by: agent?.email ?? `caf-${worker.caf}` },
            ],
          }
        : {}),
    };
  }
}

/** Reads and checks an ESAT_SEED file. */
export function readSeed(file: string): SeedWorld {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new SeedError(`ESAT_SEED : fichier illisible ${file} (cannot read seed file ${file})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SeedError(`ESAT_SEED : ${file} n'est pas un JSON valide (${(e as Error).message})`);
  }
  return checkSeed(json);
}

export interface BuildOptions {
  /**
   * The argon2id cost of the passwords' hashes. Left out (the server, R-AC-1): the library's,
   * 19 MiB and 2 passes. Only the tests' worlds pass a lighter one, that their thousands of logins
   * verify in a few ms (a verify checks with the cost written in the hash).
   */
  hashCost?: Pick<HashOptions, 'memoryCost' | 'timeCost'>;
}

/** The stored data of a world: ids given, passwords hashed (argon2id), nothing accepted yet. */
export async function buildData(
  world: SeedWorld,
  now: Date = new Date(),
  { hashCost }: BuildOptions = {},
): Promise<Data> {
  const at = now.toISOString();
  const data: Data = {
    ...emptyData(),
    cafs: world.cafs.map(({ code, name }) => ({ code, name })),
    esats: world.esats.map((e) => ({
      siret: e.siret,
      name: e.name,
      address: e.address,
      cafs: [...e.cafs],
      communicationIds: { ...e.communicationIds },
      ...(e.siretUnknownTo?.length ? { siretUnknownTo: [...e.siretUnknownTo] } : {}),
    })),
    users: await Promise.all(
      world.users.map(async (u) => ({
        email: u.email.toLowerCase(),
        passwordHash: await hash(u.password, hashCost),
        role: u.role,
        ...(u.role === 'agent' ? { caf: u.caf } : { esat: u.esat }),
        provisional: u.provisional ?? false,
        cguAccepted: false,
        passwordChangedAt: at,
      })),
    ),
    workers: world.workers.map((w) => ({ id: randomUUID(), ...w, dossier: w.dossier ?? 'actif' })),
    declarations: [],
  };
  data.declarations = buildDeclarations(world, data, now);
  return data;
}
