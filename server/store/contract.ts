/**
 * The store contract (SPEC §11): the records the service keeps, the tables that hold them, and
 * the operations both engines give — the lowdb file (server/store/file.ts, one process) and
 * PostgreSQL (server/store/postgres.ts, several instances). The service's named queries
 * (server/esat-store.ts, server/caf-store.ts) and its routes are written once over this contract.
 */
import type { DeclarationKind } from '../../forms/index.ts';
import type { Dossier } from '../../forms/dossiers.ts';
import type { StatutLigne } from '../../forms/import.ts';

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
  /** R-FL-6: the hash of the request the key was sent with (server/declarer.ts `empreinte`). */
  idempotencyHash?: string;
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

/** R-IM: where a row of an import stands (recomputed at each check, but `envoye`, which stays). */
export type ImportRowStatus = StatutLigne;

/** R-IM: one data row of an imported file, as read, with what the user changed in the page. */
export interface ImportRow {
  /** Its row number in the file, as the spreadsheet shows it. */
  n: number;
  /** The cells as read (typed numbers kept, date cells as ISO dates). */
  cells: (string | number | null)[];
  /** Values retyped in the page, by field, exactly as typed; they win over the cells. */
  corrections?: Record<string, string>;
  /** Left out by the user (a total row, a duplicate). */
  ignoree?: boolean;
  statut: ImportRowStatus;
  workerId?: string;
  /** Once sent: the certificat recorded for it. */
  declarationId?: string;
  /** A refusal met when sending it (campaign closed…), until the row is changed. */
  echec?: string;
}

/**
 * R-IM: an import of a payroll file, kept so that it resumes (server/import/ owns its shape): the
 * file's header and rows, the mapping, each row's status. `status`: `verification` until the
 * first certificat is sent, `envoi` while ready rows remain, `termine` after the last one.
 */
export interface ImportRecord {
  id: string;
  /** The short reference a person reads out (`IM-2026-000042`); none on imports made before. */
  reference?: string;
  esat: string;
  caf: string;
  userEmail: string;
  createdAt: string;
  updatedAt: string;
  status: 'verification' | 'envoi' | 'termine';
  fichier: {
    nom: string;
    format: 'csv' | 'xlsx';
    encodage?: string;
    separateur?: string;
    feuille?: string;
    ligneEntete: number;
  };
  /** The campaign year N of its certificats (R-CE-1). */
  campaignYear: number;
  entetes: string[];
  /** Field → column index (or null: no column holds it). */
  mapping: Record<string, number | null>;
  rows: ImportRow[];
  /** The one accusé de réception of the import has been sent (R-IM-5). */
  accuseEnvoye?: boolean;
  termineLe?: string;
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

/**
 * R-SE-1 / R-ST-2: a session, kept by the store so that every instance knows it. The cookie holds
 * the session's secret; the store only its SHA-256 (`id`), so a copy of the table opens nothing.
 */
export interface SessionRecord {
  id: string;
  email: string;
  /** Milliseconds (the app's clock) of the last request: the idle limit counts from it. */
  lastSeen: number;
  /** The CSRF token given to the page, sent back in X-CSRF-Token (random, per session). */
  csrf: string;
  /** R-AC-7: the Caf whose identifiant de communication was given in this session. */
  identifiedCafs?: string[];
}

/** R-AC-4 / R-AC-7: the failures of one throttle key (`compte:…`, `adresse:…`, `identifiant:…`). */
export interface ThrottleRecord {
  key: string;
  count: number;
  /** Milliseconds of the last failure. */
  last: number;
}

/** R-AC-3, issue 11: the events of one key in a fixed window (« Mot de passe oublié ? »…). */
export interface WindowRecord {
  key: string;
  count: number;
  /** Milliseconds of the window's first event. */
  since: number;
}

/** R-ST-4: a mail written in the transaction of what it tells, sent later by the outbox sender. */
export interface OutboxRecord {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  status: 'a-envoyer' | 'envoye';
  attempts: number;
  /** Milliseconds before which no sender retries it (after a failure). */
  nextAttempt: number;
  sentAt?: string;
}

/**
 * R-API-2: an API token of an Esat, for its payroll software. The secret is shown once at its
 * creation; the store keeps only its SHA-256 (`hash`), so a copy of the table opens nothing.
 */
export interface TokenRecord {
  id: string;
  /** SHA-256 (hex) of the secret: how a request's `Authorization: Bearer …` finds its token. */
  hash: string;
  /** Given by the référent (the payroll software's name), shown in the list and the audit log. */
  name: string;
  /** The Esat it acts for (its SIRET). */
  esat: string;
  /** The référent who created it: its accusés de réception go to this address. */
  createdBy: string;
  createdAt: string;
  /** The last day it is valid (`YYYY-MM-DD`, Paris), at most one year after its creation. */
  expiresAt: string;
  /** The instant of its last use, written at most once a minute. */
  lastUsedAt?: string;
  revokedAt?: string;
  /** R-AC-7: the Caf whose identifiant de communication its creator had given in that session. */
  identifiedCafs?: string[];
}

/** Every table of the store and the record it holds. */
export interface Tables {
  cafs: CafRecord;
  esats: EsatRecord;
  users: UserRecord;
  workers: WorkerRecord;
  declarations: DeclarationRecord;
  drafts: DraftRecord;
  avis: AvisRecord;
  relances: RelanceRecord;
  exports: ExportRecord;
  imports: ImportRecord;
  outbox: OutboxRecord;
  sessions: SessionRecord;
  throttles: ThrottleRecord;
  windows: WindowRecord;
  tokens: TokenRecord;
}
export type Table = keyof Tables;

/** The tables a world is made of (seed, export-data): everything but the ephemeral ones. */
export const worldTables = [
  'cafs',
  'esats',
  'users',
  'workers',
  'declarations',
  'drafts',
  'avis',
  'relances',
  'exports',
  'imports',
  'outbox',
  'tokens',
] as const satisfies readonly Table[];
export type WorldTable = (typeof worldTables)[number];

/**
 * Sessions and throttles: in the database with PostgreSQL (R-ST-2); in the memory of the one
 * process with the file store, where writing the file at every request would cost too much.
 */
export const ephemeralTables = [
  'sessions',
  'throttles',
  'windows',
] as const satisfies readonly Table[];
export type EphemeralTable = (typeof ephemeralTables)[number];

/** A whole world, table by table (the lowdb file's shape, the seed's, export-data's). */
export type Data = { [K in WorldTable]: Tables[K][] };

/** A world with nothing in it. */
export const emptyData = (): Data => ({
  cafs: [],
  esats: [],
  users: [],
  workers: [],
  declarations: [],
  drafts: [],
  avis: [],
  relances: [],
  exports: [],
  imports: [],
  outbox: [],
  tokens: [],
});

/** The key of a record in its table (unique). */
export const primaryKey: { [K in Table]: (r: Tables[K]) => string } = {
  cafs: (r) => r.code,
  esats: (r) => r.siret,
  users: (r) => r.email,
  workers: (r) => r.id,
  declarations: (r) => r.id,
  drafts: (r) => draftKey(r.userEmail, r.workerId),
  avis: (r) => r.declarationId,
  relances: (r) => r.id,
  exports: (r) => r.id,
  imports: (r) => r.id,
  outbox: (r) => r.id,
  sessions: (r) => r.id,
  throttles: (r) => r.key,
  windows: (r) => r.key,
  tokens: (r) => r.id,
};

/** A draft is one user's, for one worker. */
export const draftKey = (userEmail: string, workerId: string) => `${userEmail}|${workerId}`;

/**
 * The fields a query may select on, by equality, per table: each is indexed in PostgreSQL
 * (server/store/migrations/), so no query of the service reads a whole table.
 */
export const indexedFields = {
  cafs: [],
  esats: ['cafs', 'siret'],
  users: ['esat', 'caf', 'role'],
  workers: ['esat', 'caf', 'numeroAllocataire', 'id'],
  declarations: [
    'id',
    'workerId',
    'esat',
    'caf',
    'kind',
    'campaignYear',
    'userEmail',
    'reference',
    'idempotencyKey',
  ],
  drafts: ['userEmail', 'workerId'],
  avis: ['caf'],
  relances: ['caf', 'siret', 'year'],
  exports: ['caf'],
  imports: ['esat', 'userEmail', 'status'],
  outbox: ['status'],
  sessions: ['email'],
  throttles: [],
  windows: [],
  tokens: ['esat', 'hash'],
} as const satisfies { [K in Table]: readonly (keyof Tables[K] & string)[] };

/**
 * The selectable fields that hold a list: a value selects the records whose list contains it
 * (an Esat by one of its Caf). PostgreSQL indexes them with GIN.
 */
export const listFields: { readonly [K in Table]?: readonly string[] } = { esats: ['cafs'] };

/**
 * The selectable fields that are the record's key (a list of them fetches those records):
 * PostgreSQL answers them from its primary key.
 */
export const keyFields: { readonly [K in Table]?: string } = {
  esats: 'siret',
  workers: 'id',
  declarations: 'id',
};

/** The fields of table K a query may select on. */
export type IndexedField<K extends Table> = (typeof indexedFields)[K][number] & keyof Tables[K];

/** A selection: each named field equal to the value, or to one of the values of a list. */
export type Where<K extends Table> = {
  [F in IndexedField<K>]?: Element<Tables[K][F]> | readonly NonNullable<Element<Tables[K][F]>>[];
};
/** What a field is selected by: its value, or for a list field, one of its elements. */
type Element<T> = T extends readonly (infer E)[] ? E : T;

/** How a list is ordered and cut. `orderBy` names a string field (compared by code points). */
export interface FindOptions<K extends Table> {
  orderBy?: { field: keyof Tables[K] & string; direction?: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

/**
 * The unique constraints beyond the primary key (R-ST-3): two instances cannot both record what
 * one of these refuses. `when` says which records it applies to.
 */
export const uniqueConstraints = {
  declarations: [
    {
      /** R-CE-6: one certificat per worker and campaign. */
      name: 'certificat_par_campagne',
      fields: ['workerId', 'campaignYear'],
      when: (r: DeclarationRecord) => r.kind === 'certificat',
    },
    {
      /** R-FL-6: an Idempotency-Key is one user's, and names one declaration. */
      name: 'idempotence',
      fields: ['userEmail', 'idempotencyKey'],
      when: (r: DeclarationRecord) => r.idempotencyKey !== undefined,
    },
    {
      /** R-FL-5: the short reference read out on the phone. */
      name: 'reference',
      fields: ['reference'],
      when: (r: DeclarationRecord) => r.reference !== undefined,
    },
  ],
} as const;

/** A write refused by a unique constraint (or an existing primary key): the name says which. */
export class UniqueViolation extends Error {
  constructor(
    readonly table: Table,
    readonly constraint: string,
  ) {
    super(`unique violation: ${table}.${constraint}`);
  }
}

/**
 * Text as the searches compare it (Mes travailleurs, the Caf's lists): accents and case aside
 * (NFD, combining marks removed, lower case). PostgreSQL computes the same with `esat_plat()`
 * (migration 006), for French names.
 */
export function sansAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The order of people's names: French, accents and case aside. */
export const alphabetique = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * The order of Mes travailleurs: French, letters first, then accents, then case breaking the
 * ties (ICU's `fr` collation, `fr-x-icu` in PostgreSQL: ten times faster there than a collation
 * that ignores accents), then the insertion order.
 */
export const ordreDesNoms = new Intl.Collator('fr');

/** R-FL-2: one page of « Mes travailleurs », as the list and its filters ask for it. */
export interface RequeteTravailleurs {
  /** The Esat's siret. */
  esat: string;
  /** The workers of this Caf only (the one chosen in the list). */
  caf?: string;
  /** Not the workers of these Caf (those whose identifiant de communication is still due, R-AC-7). */
  saufCafs?: readonly string[];
  /** Words already `sansAccents`, each found in the name, the first name or the allocataire number. */
  mots: readonly string[];
  /** Only the workers without a certificat of this campaign year (R-CA-8). */
  sansCertificat?: number;
  offset: number;
  limit: number;
}

/** The reads both engines answer, inside a transaction or not. */
export interface Reader {
  /** The record of that key, or undefined. Inside a transaction it is locked until the end. */
  get<K extends Table>(table: K, key: string): Promise<Tables[K] | undefined>;
  /** The records matching `where` (every field of it), in `options.orderBy` order if given. */
  find<K extends Table>(table: K, where: Where<K>, options?: FindOptions<K>): Promise<Tables[K][]>;
  /** How many records match `where`. */
  count<K extends Table>(table: K, where: Where<K>): Promise<number>;
  /**
   * R-FL-2: the page of an Esat's workers that `q` asks for, by name then first name
   * (`ordreDesNoms`, ties in insertion order), and how many match in all. Only the page is read:
   * the search, the filter and the cut are the engine's.
   */
  travailleurs(q: RequeteTravailleurs): Promise<{ items: WorkerRecord[]; total: number }>;
}

/**
 * What a transaction may do: read, then write. Its writes are seen by its own reads at once and by
 * others once it is committed; a throw undoes them all.
 */
export interface Tx extends Reader {
  /** Adds a new record; throws UniqueViolation when its key or a unique constraint is taken. */
  insert<K extends Table>(table: K, record: Tables[K]): Promise<void>;
  /** Adds the record or replaces the one of the same key. */
  put<K extends Table>(table: K, record: Tables[K]): Promise<void>;
  /**
   * Changes some fields of the record of that key (a field set to undefined is removed) and
   * returns the record as it is now, or undefined when there is none.
   */
  update<K extends Table>(
    table: K,
    key: string,
    patch: Partial<Tables[K]>,
  ): Promise<Tables[K] | undefined>;
  /** Removes the records of these keys; returns how many there were. */
  remove<K extends Table>(table: K, keys: string | readonly string[]): Promise<number>;
  /**
   * The next number of a named sequence (1, 2, 3…), unique across instances. The file store rolls
   * it back with the transaction; PostgreSQL takes it at once, without holding a lock until the
   * commit, so a transaction that rolls back leaves a gap (R-FL-5 needs unique references a
   * person can read out, not a count without holes).
   */
  next(sequence: string): Promise<number>;
}

/** A storage engine. */
export interface Store extends Reader {
  /** `file` (lowdb, one process) or `postgres` (several instances). */
  readonly engine: 'file' | 'postgres';
  /**
   * Runs `fn` in a transaction and commits it; the promise resolves once the commit is durable
   * (fsynced), so that an answer is only sent for what is on disk. A throw rolls everything back.
   * With the file store, transactions run one at a time.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Changes some fields of one record of a sessions/throttles table outside any transaction and
   * without waiting for the disk: for what a crash may lose without harm (a session's last
   * activity, written at every request). One statement in PostgreSQL, committed asynchronously.
   */
  touch<K extends EphemeralTable>(table: K, key: string, patch: Partial<Tables[K]>): Promise<void>;
  /** Loads a world into an empty store (the seed, the demo, import-data). */
  load(data: Data): Promise<void>;
  /** The whole world, table by table (export-data, tests). */
  dump(): Promise<Data>;
  /** Whether the store holds no world yet (nothing in `cafs` nor `users`). */
  isEmpty(): Promise<boolean>;
  /** Releases the file or the connections. */
  close(): Promise<void>;
}

/** The sequence that numbers the short references of a prefix (`CE-2026`, R-FL-5). */
export const referenceSequence = (prefix: string) => `reference:${prefix}`;

/** A short reference a person reads out (R-FL-5): the prefix and six digits, `CE-2026-000123`. */
export const referenceCourte = (prefix: string, numero: number) =>
  `${prefix}-${String(numero).padStart(6, '0')}`;

/**
 * The sequences a world's references imply (a seed, a file written before sequences were kept,
 * a world imported by import-data): for each prefix, the highest number in use among the
 * declarations' and the imports' references.
 */
export function sequencesOf(data: Partial<Pick<Data, 'declarations' | 'imports'>>) {
  const sequences: Record<string, number> = {};
  for (const { reference } of [...(data.declarations ?? []), ...(data.imports ?? [])]) {
    const m = reference && /^(.*)-(\d+)$/.exec(reference);
    if (!m) continue;
    const name = referenceSequence(m[1]);
    sequences[name] = Math.max(sequences[name] ?? 0, Number(m[2]));
  }
  return sequences;
}
