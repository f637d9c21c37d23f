/**
 * The server's storage: one lowdb JSON file under ESAT_DATA_DIR, behind a two-method interface
 * (read, transaction) so that another engine can replace it. Transactions run one at a time, so
 * a "check then insert" (R-CE-6, Idempotency-Key) cannot interleave with another.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { corrupt, durableJsonFile } from './durable.ts';
import type { DeclarationKind } from '../forms/index.ts';
import type { Dossier } from '../forms/dossiers.ts';

export type Role = 'declarant' | 'referent' | 'agent';

export interface CafRecord {
  code: string;
  name: string;
}

export interface EsatRecord {
  siret: string;
  name: string;
  address: string;
  /** The Caf its workers depend on; the first is the Caf of attachment (R-FL-1). */
  cafs: string[];
  /** R-AC-7: the identifiant de communication given by each Caf (11 characters). */
  communicationIds: Record<string, string>;
  /** R-AC-7: the Caf whose files do not know this SIRET: its users enter that Caf's identifiant. */
  siretUnknownTo?: string[];
}

export interface UserRecord {
  email: string;
  /** argon2id (R-AC-1). */
  passwordHash: string;
  role: Role;
  esat?: string;
  caf?: string;
  /** R-AC-2: the password must be changed before anything else. */
  provisional: boolean;
  cguAccepted: boolean;
  passwordChangedAt: string;
  /** R-AC-3: a provisional password sent by « Mot de passe oublié ? », valid until resetExpiresAt. */
  resetHash?: string;
  resetExpiresAt?: string;
  /** R-AC-4: argon2id hashes of the previous passwords, newest first (the last 5 stay refused). */
  previousHashes?: string[];
  /** Référent: a deactivated account cannot log in (absent = active). */
  active?: boolean;
  /** Shown to the référent in the list of the Esat's users. */
  lastLoginAt?: string;
}

export interface WorkerRecord {
  id: string;
  numeroAllocataire: string;
  caf: string;
  esat: string;
  nom: string;
  prenom: string;
  dateNaissance: string;
  dossier: Dossier;
  tauxActivite?: number;
  /** The other person's allocataire number (a couple shares one file). */
  conjoint?: string;
}

export interface DeclarationRecord {
  id: string;
  kind: DeclarationKind;
  workerId: string;
  esat: string;
  caf: string;
  userEmail: string;
  data: Record<string, unknown>;
  /** For certificats: the campaign year N (R-CE-1, R-CE-6). */
  campaignYear?: number;
  submittedAt: string;
  idempotencyKey?: string;
  /** The short reference read out on the phone, e.g. `CE-2026-000123` (unique). */
  reference?: string;
  /** R-CA-5: absent means « a-traiter ». The declaration's values never change. */
  etat?: 'a-traiter' | 'traitee';
  /** R-CA-5: every change of état, oldest first (who, when, the reason of a reversal). */
  etatHistory?: { etat: 'a-traiter' | 'traitee'; at: string; by: string; motif?: string }[];
}

/** R-CA-6: a reminder sent by an agent to one Esat for a campaign. */
export interface RelanceRecord {
  id: string;
  caf: string;
  siret: string;
  year: number;
  at: string;
  by: string;
  /** Certificats still missing when it was sent. */
  manquants: number;
}

/** R-CA-4/5: an export made by an agent, so that « marquer traitées » can name it. */
export interface ExportRecord {
  id: string;
  caf: string;
  by: string;
  at: string;
  format: 'csv' | 'xlsx' | 'json';
  declarationIds: string[];
}

/** R-IM: an import of a payroll file, kept so that it can resume (shape owned by server/import/). */
export interface ImportRecord {
  id: string;
  esat: string;
  caf: string;
  userEmail: string;
  createdAt: string;
  updatedAt: string;
  status: string;
  [key: string]: unknown;
}

export interface AvisRecord {
  declarationId: string;
  caf: string;
  note?: number;
  commentaire?: string;
  submittedAt: string;
}

/** R-SE-2: what a user typed for a worker and has not validated yet, exactly as typed. */
export interface DraftRecord {
  userEmail: string;
  workerId: string;
  teleprocedure: 'certificat' | 'changement';
  kind?: string;
  reponses: Record<string, 'oui' | 'non'>;
  saisie: Record<string, string>;
  updatedAt: string;
}

export interface Data {
  drafts: DraftRecord[];
  cafs: CafRecord[];
  esats: EsatRecord[];
  users: UserRecord[];
  workers: WorkerRecord[];
  declarations: DeclarationRecord[];
  avis: AvisRecord[];
  relances: RelanceRecord[];
  exports: ExportRecord[];
  imports: ImportRecord[];
}

/** What the app needs from a storage engine. */
export interface Store {
  /** The current data, to read only (mutate inside a transaction). */
  read(): Data;
  /**
   * Runs `fn` alone (one transaction at a time). `fn` mutates `data` then awaits `save()` before
   * returning, so that an answer is only sent once the write is on disk.
   */
  transaction<T>(fn: (data: Data, save: () => Promise<void>) => T | Promise<T>): Promise<T>;
  /**
   * A number that changes after every transaction, so that an index built over `read()` knows
   * when it is stale (server/caf-store.ts). Absent: indexes are rebuilt on every read.
   */
  version?(): number;
}

/** A world with nothing in it. */
export const emptyData = (): Data => ({
  drafts: [],
  cafs: [],
  esats: [],
  users: [],
  workers: [],
  declarations: [],
  avis: [],
  relances: [],
  exports: [],
  imports: [],
});

/**
 * A Store over a lowdb instance, transactions chained on one promise queue. When a write fails
 * the data is read back from the file, so that nothing unwritten is shown or saved later.
 */
export function lowStore(db: Low<Data>): Store {
  let queue: Promise<unknown> = Promise.resolve();
  let version = 0;
  const save = async () => {
    try {
      await db.write();
    } catch (e) {
      await db.read();
      db.data = { ...emptyData(), ...db.data };
      throw e;
    }
  };
  return {
    read: () => db.data,
    transaction(fn) {
      // The version moves once the transaction is over, written or not (a failed write reads back).
      const run = queue.then(() => fn(db.data, save)).finally(() => void version++);
      queue = run.catch(() => undefined);
      return run;
    },
    version: () => version,
  };
}

/** The lists a data file must hold; a file without them is not ours, or is damaged. */
const requiredLists = ['cafs', 'esats', 'users', 'workers', 'declarations'] as const;

/** Refuses a file that parsed but does not have the shape of our data (never starts over it). */
function checkShape(file: string, data: unknown): asserts data is Partial<Data> {
  const isList = (v: unknown) => Array.isArray(v);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw corrupt(file, 'ce n’est pas un objet JSON', 'it is not a JSON object');
  }
  const record = data as Record<string, unknown>;
  for (const key of requiredLists) {
    if (!isList(record[key])) throw corrupt(file, `liste « ${key} » absente`, `no "${key}" list`);
  }
  for (const key of ['drafts', 'avis', 'relances', 'exports', 'imports']) {
    if (key in record && !isList(record[key])) {
      throw corrupt(file, `« ${key} » n’est pas une liste`, `"${key}" is not a list`);
    }
  }
}

export interface OpenOptions {
  /** Builds the first data when the file does not exist yet (demo world or ESAT_SEED). */
  initial?: () => Data | Promise<Data>;
}

/**
 * Opens `dir/db.json`, creating the directory, and the file from `initial()` when it is missing.
 * `created` tells whether this start made the world. A file that exists but cannot be read or
 * is damaged throws a DataFileError (French and English message) and is left untouched.
 */
export async function openStore(dir: string, options: OpenOptions = {}) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'db.json');
  const created = !existsSync(file);
  // Not JSONFilePreset: it silently keeps everything in memory when NODE_ENV=test.
  const db = new Low<Data>(durableJsonFile<Data>(file), emptyData());
  await db.read();
  if (!created) checkShape(file, db.data);
  if (created) {
    db.data = options.initial ? await options.initial() : emptyData();
    await db.write();
  }
  db.data = { ...emptyData(), ...db.data };
  return { store: lowStore(db), created, file };
}
