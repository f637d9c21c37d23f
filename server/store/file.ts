/**
 * The embedded store (SPEC §9, R-ST-1): one lowdb JSON file under ESAT_DATA_DIR, for one Caf's
 * world on one process. The data lives in memory, one Map per table with a hash index per
 * selectable field; transactions run one at a time, their writes undone if they throw. Commits
 * are made durable together (group commit): the transactions that commit while the file is being
 * written are all acknowledged by the next write, one fsync for all of them, so that twenty users
 * declaring at once do not queue behind twenty whole-file writes. Sessions and throttles stay in
 * memory (one process, R-ST-1).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import {
  emptyData,
  ephemeralTables,
  indexedFields,
  primaryKey,
  sequencesOf,
  uniqueConstraints,
  UniqueViolation,
  worldTables,
  ordreDesNoms,
  sansAccents,
  type Data,
  type RequeteTravailleurs,
  type WorkerRecord,
  type FindOptions,
  type Store,
  type Table,
  type Tables,
  type Tx,
  type Where,
} from './contract.ts';
import { corrupt, durableJsonFile, JsonTexte, privateDir } from './durable.ts';

/** What the file holds: the world's tables, and the sequences' last numbers. */
export type FileData = Data & { sequences?: Record<string, number> };

type Row = Record<string, unknown>;
type Constraint = { name: string; fields: readonly string[]; when: (r: never) => boolean };
const tables = [...worldTables, ...ephemeralTables] as Table[];
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A table in memory: its records by key, and for each selectable field, the keys by value. */
class MemoryTable {
  readonly rows = new Map<string, Row>();
  readonly index = new Map<string, Map<string, Set<string>>>();
  /** Each unique constraint of the table: the key holding each combination of its fields. */
  readonly uniques: (Constraint & { holder: Map<string, string> })[];
  constructor(
    readonly name: Table,
    readonly keyOf: (r: Row) => string,
  ) {
    for (const f of indexedFields[name] as readonly string[]) this.index.set(f, new Map());
    const constraints = (uniqueConstraints as Partial<Record<Table, readonly Constraint[]>>)[name];
    this.uniques = (constraints ?? []).map((c) => ({ ...c, holder: new Map() }));
  }
  private static combination(c: Constraint, r: Row) {
    return c.when(r as never) ? JSON.stringify(c.fields.map((f) => r[f] ?? null)) : undefined;
  }
  /** Throws UniqueViolation when another record holds what `r` would take. */
  checkUnique(key: string, r: Row) {
    for (const c of this.uniques) {
      const combination = MemoryTable.combination(c, r);
      const holder = combination === undefined ? undefined : c.holder.get(combination);
      if (holder !== undefined && holder !== key) throw new UniqueViolation(this.name, c.name);
    }
  }
  private indexed(key: string, r: Row, add: boolean) {
    for (const c of this.uniques) {
      const combination = MemoryTable.combination(c, r);
      if (combination === undefined) continue;
      if (add) c.holder.set(combination, key);
      else if (c.holder.get(combination) === key) c.holder.delete(combination);
    }
    for (const [field, byValue] of this.index) {
      const v = r[field];
      if (v === undefined || v === null) continue;
      // A list field is found by each of its elements.
      for (const one of Array.isArray(v) ? v : [v]) {
        const k = text(one);
        let keys = byValue.get(k);
        if (add) {
          if (!keys) byValue.set(k, (keys = new Set()));
          keys.add(key);
        } else {
          keys?.delete(key);
          if (keys?.size === 0) byValue.delete(k);
        }
      }
    }
  }
  /** Sets (or with `undefined`, removes) the record of a key, its indexes kept. */
  set(key: string, r: Row | undefined) {
    const old = this.rows.get(key);
    if (old) this.indexed(key, old, false);
    if (r === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, r);
    this.indexed(key, r, true);
  }
  /** The records matching `where`, through the smallest index among its fields. */
  select(where: Record<string, unknown>): Row[] {
    const conditions = Object.entries(where).filter(([, v]) => v !== undefined);
    // The smallest index among the fields, measured by its sizes before any key is gathered
    // (gathering them all cost more than the selection: a campaign holds thousands).
    let smallest: { byValue: Map<string, Set<string>>; values: unknown[] } | undefined;
    let size = Infinity;
    for (const [field, v] of conditions) {
      const byValue = this.index.get(field);
      if (!byValue) throw new Error(`${this.name}.${field} is not a selectable field`);
      const values = Array.isArray(v) ? v : [v];
      let n = 0;
      for (const one of values) n += byValue.get(text(one))?.size ?? 0;
      if (n < size) {
        smallest = { byValue, values };
        size = n;
      }
    }
    let candidates: Iterable<string> | undefined;
    if (smallest) {
      const keys = new Set<string>();
      for (const one of smallest.values) {
        for (const k of smallest.byValue.get(text(one)) ?? []) keys.add(k);
      }
      candidates = keys;
    }
    const out: Row[] = [];
    for (const key of candidates ?? this.rows.keys()) {
      const r = this.rows.get(key)!;
      const has = (field: string, one: unknown) => {
        const held = r[field];
        return Array.isArray(held)
          ? held.some((h) => text(h) === text(one))
          : text(one) === text(held);
      };
      const ok = conditions.every(([field, v]) =>
        Array.isArray(v) ? v.some((one) => has(field, one)) : has(field, v),
      );
      if (ok) out.push(r);
    }
    return out;
  }
}

/** Orders and cuts a selection as FindOptions say (strings compared by code points). */
export function arrange<T>(rows: T[], options: FindOptions<Table> = {}): T[] {
  const { orderBy, offset = 0, limit } = options;
  if (orderBy) {
    const sign = orderBy.direction === 'desc' ? -1 : 1;
    const f = orderBy.field;
    const value = (r: T) => String((r as Row)[f] ?? '');
    rows = [...rows].sort((a, b) => (value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0));
  }
  return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** Records are copied in and out, so that a caller's object never changes the store behind it. */
const copy = <T>(r: T): T => structuredClone(r);

/**
 * A Store over a lowdb instance (its adapter writes durably, server/store/durable.ts). When a write
 * fails, every commit it carried is refused, later ones too, and the data is read back from the
 * file, so that nothing unwritten is shown or saved later.
 */
export function fileStore(db: Low<FileData>): Store {
  const memory = new Map<Table, MemoryTable>();
  let sequences: Record<string, number> = {};
  const fill = (data: FileData) => {
    for (const t of tables) {
      const table = new MemoryTable(t, primaryKey[t] as unknown as (r: Row) => string);
      if (ephemeralTables.includes(t as never) && memory.has(t)) {
        memory.set(t, memory.get(t)!);
        continue;
      }
      for (const r of ((data as unknown as Partial<Record<Table, Row[]>>)[t] ?? []) as Row[]) {
        table.set(table.keyOf(r), r);
      }
      memory.set(t, table);
    }
    sequences = { ...sequencesOf(data), ...data.sequences };
  };
  fill(db.data);
  const tableOf = (t: Table) => memory.get(t)!;
  const snapshot = (): FileData => {
    const data = emptyData() as FileData;
    for (const t of worldTables)
      (data as unknown as Record<string, Row[]>)[t] = [...tableOf(t).rows.values()];
    data.sequences = { ...sequences };
    return data;
  };

  // Each stored record's JSON as UTF-8 bytes, made once: records are never changed in place (a
  // change stores a new object), so that writing the file copies bytes instead of serialising
  // the whole world at every commit (one-Caf world, 5.3 MB: JSON.stringify 136 ms on a loaded
  // machine, joining cached texts then encoding them ≈ 30 ms, the event loop held meanwhile).
  const octets = new WeakMap<object, Buffer>();
  const octetsDe = (r: object) => {
    let b = octets.get(r);
    if (b === undefined) octets.set(r, (b = Buffer.from(JSON.stringify(r))));
    return b;
  };
  const virgule = Buffer.from(',');
  const fichier = (): JsonTexte<FileData> => {
    const data = snapshot();
    const parts: Buffer[] = [Buffer.from('{')];
    for (const [i, [k, v]] of Object.entries(data).entries()) {
      parts.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`));
      if (!Array.isArray(v)) {
        parts.push(Buffer.from(JSON.stringify(v)));
        continue;
      }
      parts.push(Buffer.from('['));
      v.forEach((r, j) => {
        if (j > 0) parts.push(virgule);
        parts.push(octetsDe(r));
      });
      parts.push(Buffer.from(']'));
    }
    parts.push(Buffer.from('}'));
    return new JsonTexte(Buffer.concat(parts), data);
  };

  const reader = {
    async get<K extends Table>(t: K, key: string) {
      const r = tableOf(t).rows.get(key);
      return r && (copy(r) as unknown as Tables[K]);
    },
    async find<K extends Table>(t: K, where: Where<K>, options?: FindOptions<K>) {
      const rows = tableOf(t).select(where as Record<string, unknown>);
      return arrange(rows, options as FindOptions<Table>).map(copy) as unknown as Tables[K][];
    },
    async count<K extends Table>(t: K, where: Where<K>) {
      return tableOf(t).select(where as Record<string, unknown>).length;
    },
    async travailleurs(q: RequeteTravailleurs) {
      const declares =
        q.sansCertificat === undefined
          ? undefined
          : new Set(
              tableOf('declarations')
                .select({ esat: q.esat, campaignYear: q.sansCertificat, kind: 'certificat' })
                .map((d) => d.workerId),
            );
      const matches = (
        tableOf('workers').select({ esat: q.esat, caf: q.caf }) as unknown as WorkerRecord[]
      )
        .filter((w) => !q.saufCafs?.includes(w.caf) && !declares?.has(w.id))
        .filter((w) => {
          const hay = [sansAccents(w.nom), sansAccents(w.prenom), w.numeroAllocataire];
          return q.mots.every((mot) => hay.some((h) => h.includes(mot)));
        })
        .sort(
          (a, b) => ordreDesNoms.compare(a.nom, b.nom) || ordreDesNoms.compare(a.prenom, b.prenom),
        );
      return {
        items: matches.slice(q.offset, q.offset + q.limit).map(copy),
        total: matches.length,
      };
    },
  };

  // Transactions one at a time, on one promise queue; each commit waits for the next write.
  let queue: Promise<unknown> = Promise.resolve();
  /** The commits not yet on disk, each with its acknowledgement. */
  let pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;
  const worldTouched = { value: false };

  const flush = (): Promise<void> => {
    if (writing) return writing;
    writing = (async () => {
      // Let the transactions already queued commit first: they ride on this same write.
      await new Promise<void>((r) => setImmediate(r));
      while (pending.length) {
        const batch = pending;
        pending = [];
        try {
          await db.adapter.write(fichier() as unknown as FileData);
          for (const p of batch) p.resolve();
        } catch (e) {
          // What was committed in memory after this snapshot is lost with it: refused too. The
          // refusals are answered once the memory is the file's again, so that a request sent
          // after a 500 never reads what was not written.
          let lost: typeof pending = [];
          queue = queue.then(async () => {
            lost = pending.splice(0);
            await db.read();
            fill({ ...emptyData(), ...db.data });
          });
          await queue.catch(() => undefined);
          for (const p of [...batch, ...lost]) p.reject(e);
        }
      }
    })().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  const transaction = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const undo: (() => void)[] = [];
    let durable = false;
    const remember = (t: Table, key: string) => {
      const table = tableOf(t);
      const before = table.rows.get(key);
      undo.push(() => table.set(key, before));
      if (!ephemeralTables.includes(t as never)) durable = true;
    };
    const write = (t: Table, key: string, r: Row | undefined) => {
      const table = tableOf(t);
      if (r) table.checkUnique(key, r);
      remember(t, key);
      table.set(key, r);
    };
    const tx: Tx = {
      ...reader,
      async insert(t, record) {
        const key = primaryKey[t](record as never);
        if (tableOf(t).rows.has(key)) throw new UniqueViolation(t, `${t}_pkey`);
        write(t, key, copy(record) as unknown as Row);
      },
      async put(t, record) {
        write(t, primaryKey[t](record as never), copy(record) as unknown as Row);
      },
      async update(t, key, patch) {
        const old = tableOf(t).rows.get(key);
        if (!old) return undefined;
        const next: Row = { ...old };
        for (const [f, v] of Object.entries(copy(patch))) {
          if (v === undefined) delete next[f];
          else next[f] = v;
        }
        write(t, key, next);
        return copy(next) as never;
      },
      async remove(t, keys) {
        let n = 0;
        for (const key of typeof keys === 'string' ? [keys] : keys) {
          if (!tableOf(t).rows.has(key)) continue;
          write(t, key, undefined);
          n++;
        }
        return n;
      },
      async next(name) {
        const before = sequences[name];
        undo.push(() => {
          if (before === undefined) delete sequences[name];
          else sequences[name] = before;
        });
        durable = true;
        sequences[name] = (before ?? 0) + 1;
        return sequences[name];
      },
    };
    const run = queue.then(async () => {
      let result: T;
      try {
        result = await fn(tx);
      } catch (e) {
        for (const u of undo.reverse()) u();
        throw e;
      }
      if (!durable) return { result, ack: undefined };
      worldTouched.value = true;
      const ack = new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
      void flush();
      return { result, ack };
    });
    queue = run.catch(() => undefined);
    return run.then(async ({ result, ack }) => {
      await ack;
      return result;
    });
  };

  return {
    engine: 'file',
    ...reader,
    transaction,
    async touch(t, key, patch) {
      // Sessions and throttles live in memory here: a transaction of them writes nothing.
      await transaction(async (tx) => void (await tx.update(t, key, patch)));
    },
    async load(data) {
      await transaction(async (tx) => {
        for (const t of worldTables) {
          for (const r of data[t] as Tables[typeof t][]) await tx.insert(t, r);
        }
        Object.assign(sequences, sequencesOf(data));
      });
    },
    async dump() {
      const { sequences: _, ...data } = snapshot();
      return copy(data);
    },
    async isEmpty() {
      return tableOf('cafs').rows.size === 0 && tableOf('users').rows.size === 0;
    },
    async close() {
      await queue;
      await writing;
    },
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
  for (const key of worldTables) {
    if (key in record && !isList(record[key])) {
      throw corrupt(file, `« ${key} » n’est pas une liste`, `"${key}" is not a list`);
    }
  }
}

export interface OpenFileOptions {
  /** Builds the first data when the file does not exist yet (demo world or ESAT_SEED). */
  initial?: () => Data | Promise<Data>;
  /** The file's adapter (tests swap its calls to see fsync happen, or fail). */
  adapter?: (file: string) => Adapter<FileData>;
}

/**
 * Opens `dir/db.json`, creating the directory, and the file from `initial()` when it is missing.
 * `created` tells whether this start made the world. A file that exists but cannot be read or
 * is damaged throws a DataFileError (French and English message) and is left untouched.
 */
export async function openFileStore(dir: string, options: OpenFileOptions = {}) {
  privateDir(dir);
  const file = join(dir, 'db.json');
  const created = !existsSync(file);
  // Not JSONFilePreset: it silently keeps everything in memory when NODE_ENV=test.
  const adapter = options.adapter?.(file) ?? durableJsonFile<FileData>(file);
  const db = new Low<FileData>(adapter, emptyData());
  await db.read();
  if (!created) checkShape(file, db.data);
  if (created) {
    const initial = options.initial ? await options.initial() : emptyData();
    db.data = { ...initial, sequences: sequencesOf(initial) };
    await db.write();
  }
  db.data = { ...emptyData(), ...db.data };
  return { store: fileStore(db), created, file };
}
