/**
 * The world the server starts with (SPEC §9): the invented demo world, or the file named by
 * ESAT_SEED, checked with a message naming the bad path. Passwords are hashed here (argon2id).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash } from '@node-rs/argon2';
import { dossiers, type Dossier } from '../forms/dossiers.ts';
import { emptyData, type Data, type Role, type WorkerRecord } from './store.ts';

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
}

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

/** The invented demo world: 2 Caf, 2 Esat (one with both Caf), 44 workers, 6 accounts. */
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
  };
}

/** The demo accounts, for the console and the README. */
export function demoAccounts() {
  return demoUsers.map(({ email, password, role }) => ({ email, password, role }));
}

/** Prints the demo accounts still present in the data (demo passwords only, never others). */
export function printDemoAccounts(data: Data, log: (line: string) => void = console.log) {
  const present = demoAccounts().filter((a) => data.users.some((u) => u.email === a.email));
  if (present.length === 0) return;
  log('Comptes de démonstration (mot de passe initial) :');
  for (const a of present) log(`  ${a.role.padEnd(9)} ${a.email}  ${a.password}`);
  // R-AC-7: the demo Esat whose SIRET a Caf does not know, and the identifiant it asks for.
  const demo = demoWorld();
  for (const e of demo.esats) {
    const here = data.esats.find((x) => x.siret === e.siret);
    for (const caf of here?.siretUnknownTo ?? []) {
      const nom = data.cafs.find((c) => c.code === caf)?.name ?? caf;
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
  return value as unknown as SeedWorld;
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

/** The stored data of a world: ids given, passwords hashed (argon2id), nothing accepted yet. */
export async function buildData(world: SeedWorld, now: Date = new Date()): Promise<Data> {
  const at = now.toISOString();
  return {
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
        passwordHash: await hash(u.password),
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
}
