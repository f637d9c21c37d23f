/**
 * The PostgreSQL store (SPEC §11, R-ST-2…5): every table of the contract is a table of jsonb
 * documents under their primary key, selected through expression indexes (migrations/), so that
 * several instances of the server share one database. Transactions are the database's (READ
 * COMMITTED), `get` locks the row it reads, unique constraints are unique indexes whose names are
 * those of `uniqueConstraints`, and a named sequence is a row taken under its lock (gapless).
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import {
  ephemeralTables,
  indexedFields,
  keyFields,
  listFields,
  primaryKey,
  sequencesOf,
  uniqueConstraints,
  UniqueViolation,
  worldTables,
  type Data,
  type FindOptions,
  type Reader,
  type RequeteTravailleurs,
  type Store,
  type Table,
  type Tables,
  type Tx,
  type Where,
} from './contract.ts';

type Row = Record<string, unknown>;
/** A pool or one of its clients: both answer queries. */
type Queryable = Pick<pg.Pool, 'query'>;

const tables = new Set<string>([...worldTables, ...ephemeralTables]);
/** Held while migrating, so that two instances starting together migrate once. */
const MIGRATION_LOCK = 0x45534154_01;
/** Held while loading the initial world, so that two instances starting together load it once. */
const INITIAL_LOCK = 0x45534154_02;
/** Tries of a transaction that met a deadlock or a serialization failure. */
const TRIES = 5;
/** A chunk of a bulk load: rows, and characters of JSON (a few MB keeps each INSERT quick). */
const CHUNK_ROWS = 5_000;
const CHUNK_CHARS = 4_000_000;

const migrationsDir = new URL('./migrations/', import.meta.url);

/** The table's name, checked: only the contract's tables reach the SQL. */
function tableName(t: string): string {
  if (!tables.has(t)) throw new Error(`unknown table: ${t}`);
  return t;
}

/** `data->>'field'`, the field's name checked: written into the SQL so that its index is used. */
function fieldText(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`invalid field name: ${field}`);
  return `(data->>'${field}')`;
}

/** A value as the database compares it: `->>` gives text, numbers and booleans as JSON writes them. */
const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The WHERE of a selection (fields of indexedFields only, as the file store demands). */
function whereClause(t: Table, where: Record<string, unknown>, params: unknown[]): string {
  const allowed = indexedFields[t] as readonly string[];
  const conditions: string[] = [];
  for (const [field, v] of Object.entries(where)) {
    if (v === undefined) continue;
    if (!allowed.includes(field)) throw new Error(`${t}.${field} is not a selectable field`);
    if (listFields[t]?.includes(field)) {
      // A list field (GIN-indexed): the records whose list holds the value, or one of them.
      params.push(Array.isArray(v) ? v.map(asText) : asText(v));
      conditions.push(
        `${fieldText(field).replace('->>', '->')} ${Array.isArray(v) ? '?|' : '?'} $${params.length}${Array.isArray(v) ? '::text[]' : ''}`,
      );
    } else if (keyFields[t] === field) {
      params.push(Array.isArray(v) ? v.map(asText) : asText(v));
      conditions.push(
        Array.isArray(v) ? `key = ANY($${params.length}::text[])` : `key = $${params.length}`,
      );
    } else if (Array.isArray(v)) {
      params.push(v.map(asText));
      conditions.push(`${fieldText(field)} = ANY($${params.length}::text[])`);
    } else {
      params.push(asText(v));
      conditions.push(`${fieldText(field)} = $${params.length}`);
    }
  }
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** ORDER BY and the cut: code-point order (COLLATE "C", as the file store), then insertion. */
function orderClause(options: FindOptions<Table>, params: unknown[]): string {
  const { orderBy, limit, offset } = options;
  let sql = orderBy
    ? `ORDER BY coalesce(${fieldText(orderBy.field)}, '') COLLATE "C" ${orderBy.direction === 'desc' ? 'DESC' : 'ASC'}, seq`
    : 'ORDER BY seq';
  if (limit !== undefined) {
    params.push(limit);
    sql += ` LIMIT $${params.length}`;
  }
  if (offset) {
    params.push(offset);
    sql += ` OFFSET $${params.length}`;
  }
  return sql;
}

/** A unique violation of the database as the contract's (the index's name is the constraint's). */
function mapError(t: Table, e: unknown): unknown {
  const error = e as { code?: string; constraint?: string };
  if (error?.code === '23505') return new UniqueViolation(t, error.constraint ?? `${t}_pkey`);
  return e;
}

/** The reads over a pool (plain selects) or a transaction's client (`get` locks the row). */
function readerOf(db: Queryable, lock: boolean): Reader {
  return {
    async get<K extends Table>(t: K, key: string) {
      const sql = `SELECT data FROM ${tableName(t)} WHERE key = $1${lock ? ' FOR UPDATE' : ''}`;
      const { rows } = await db.query(sql, [key]);
      return rows[0]?.data as Tables[K] | undefined;
    },
    async find<K extends Table>(t: K, where: Where<K>, options: FindOptions<K> = {}) {
      const params: unknown[] = [];
      const filter = whereClause(t, where as Row, params);
      const order = orderClause(options as FindOptions<Table>, params);
      const { rows } = await db.query(
        `SELECT data FROM ${tableName(t)} ${filter} ${order}`,
        params,
      );
      return rows.map((r) => r.data) as Tables[K][];
    },
    async count<K extends Table>(t: K, where: Where<K>) {
      const params: unknown[] = [];
      const filter = whereClause(t, where as Row, params);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM ${tableName(t)} ${filter}`,
        params,
      );
      return rows[0].n as number;
    },
    async travailleurs(q: RequeteTravailleurs) {
      // Within one Esat (a few hundred workers, workers_esat_idx): the search and the order are
      // computed on them; only the page leaves the database, with the count of all that match.
      const params: unknown[] = [q.esat];
      let sql = `SELECT data, count(*) OVER () AS total FROM workers w WHERE data->>'esat' = $1`;
      if (q.caf !== undefined) {
        params.push(q.caf);
        sql += ` AND data->>'caf' = $${params.length}`;
      }
      if (q.saufCafs?.length) {
        params.push(q.saufCafs);
        sql += ` AND NOT (data->>'caf' = ANY($${params.length}::text[]))`;
      }
      if (q.sansCertificat !== undefined) {
        params.push(String(q.sansCertificat));
        sql += ` AND NOT EXISTS (SELECT 1 FROM declarations d WHERE d.data->>'workerId' = w.key
          AND d.data->>'campaignYear' = $${params.length} AND d.data->>'kind' = 'certificat')`;
      }
      for (const mot of q.mots) {
        params.push(mot);
        const p = `$${params.length}`;
        sql += ` AND (strpos(esat_plat(data->>'nom'), ${p}) > 0 OR strpos(esat_plat(data->>'prenom'), ${p}) > 0
          OR strpos(data->>'numeroAllocataire', ${p}) > 0)`;
      }
      params.push(q.limit, q.offset);
      sql += ` ORDER BY data->>'nom' COLLATE "fr-x-icu", data->>'prenom' COLLATE "fr-x-icu", seq
        LIMIT $${params.length - 1} OFFSET $${params.length}`;
      const { rows } = await db.query(sql, params);
      if (rows.length > 0) return { items: rows.map((r) => r.data), total: Number(rows[0].total) };
      // A page past the end: the count alone.
      const total = q.offset === 0 ? 0 : (await this.travailleurs({ ...q, offset: 0 })).total;
      return { items: [], total };
    },
  };
}

const hasConstraints = (t: Table) => t in uniqueConstraints;
const keyOf = (t: Table, r: unknown) => (primaryKey[t] as (r: unknown) => string)(r);

/**
 * The transaction's operations on its client. A write that may break a unique constraint runs
 * under a savepoint, so that a caught UniqueViolation leaves the transaction usable, as with the
 * file store; any other failure breaks it (`broken`), and the commit then refuses. A client runs
 * one query at a time: the operations of a transaction started together (a Promise.all) take
 * their turn here, each savepoint with its statement, rather than in pg's deprecated queue.
 */
function txOf(client: pg.PoolClient, sequences: pg.Pool) {
  let broken: unknown;
  let tour: Promise<unknown> = Promise.resolve();
  const aSonTour = <T>(f: () => Promise<T>): Promise<T> => {
    const p = tour.then(f);
    tour = p.catch(() => undefined);
    return p;
  };
  const brut = async (sql: string, params: unknown[]) => {
    if (broken) throw broken;
    try {
      return await client.query(sql, params);
    } catch (e) {
      broken = e;
      throw e;
    }
  };
  const run = (sql: string, params: unknown[]) => aSonTour(() => brut(sql, params));
  const guarded = (t: Table, sql: string, params: unknown[]) =>
    aSonTour(async () => {
      await brut('SAVEPOINT w', []);
      try {
        const result = await client.query(sql, params);
        await client.query('RELEASE SAVEPOINT w');
        return result;
      } catch (e) {
        await brut('ROLLBACK TO SAVEPOINT w', []);
        if ((e as { code?: string }).code !== '23505') broken = e;
        throw mapError(t, e);
      }
    });
  const lockedReader = readerOf({ query: run } as unknown as Queryable, true);
  const tx: Tx = {
    ...lockedReader,
    async insert(t, record) {
      const params = [keyOf(t, record), JSON.stringify(record)];
      const into = `INSERT INTO ${tableName(t)} (key, data) VALUES ($1, $2)`;
      // The usual case in one statement; only a conflict pays for the savepoint that names it.
      const { rowCount } = await run(`${into} ON CONFLICT DO NOTHING`, params);
      if (rowCount === 1) return;
      if (!hasConstraints(t)) throw new UniqueViolation(t, `${t}_pkey`);
      await guarded(t, into, params);
    },
    async put(t, record) {
      const sql = `INSERT INTO ${tableName(t)} (key, data) VALUES ($1, $2)
        ON CONFLICT (key) DO UPDATE SET data = excluded.data`;
      const params = [keyOf(t, record), JSON.stringify(record)];
      await (hasConstraints(t) ? guarded(t, sql, params) : run(sql, params));
    },
    async update(t, key, patch) {
      const removed = Object.keys(patch).filter((f) => (patch as Row)[f] === undefined);
      const sql = `UPDATE ${tableName(t)} SET data = (data || $1::jsonb) - $2::text[]
        WHERE key = $3 RETURNING data`;
      const params = [JSON.stringify(patch), removed, key];
      const { rows } = await (hasConstraints(t) ? guarded(t, sql, params) : run(sql, params));
      return rows[0]?.data;
    },
    async remove(t, keys) {
      const list = typeof keys === 'string' ? [keys] : [...keys];
      const { rowCount } = await run(`DELETE FROM ${tableName(t)} WHERE key = ANY($1::text[])`, [
        list,
      ]);
      return rowCount ?? 0;
    },
    async next(name) {
      // On its own connection, committed at once: a transaction holding the sequence's row until
      // its commit made every declaration of the country wait for the one before (32 POST/s).
      // A number taken by a transaction that then rolls back is left unused (a gap).
      if (broken) throw broken;
      const { rows } = await sequences.query(
        `INSERT INTO sequences (name, value) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value`,
        [name],
      );
      return Number(rows[0].value);
    },
  };
  return { tx, broken: () => broken };
}

/** A deadlock or a serialization failure: the whole transaction is worth trying again. */
const retryable = (e: unknown) => ['40001', '40P01'].includes((e as { code?: string })?.code ?? '');

/** Runs `fn` between BEGIN and COMMIT on a client of the pool, ROLLBACK when it throws. */
async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  let healthy = true;
  try {
    await client.query('BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => (healthy = false));
      throw e;
    }
  } finally {
    client.release(!healthy);
  }
}

/** The store's transaction: `fn` tried again from the start after a deadlock (40P01) or 40001. */
async function transaction<T>(
  pool: pg.Pool,
  sequences: pg.Pool,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (client) => {
        const { tx, broken } = txOf(client, sequences);
        const result = await fn(tx);
        if (broken()) throw broken();
        return result;
      });
    } catch (e) {
      if (!retryable(e) || attempt >= TRIES) throw e;
      // The survivor of a deadlock goes first: right away, the retry could take back the row it
      // waits for before the survivor wakes up, and deadlock again.
      await new Promise((r) => setTimeout(r, attempt * (5 + Math.random() * 20)));
    }
  }
}

/** Inserts a table's records in chunks of a few thousand, one INSERT … SELECT each. */
async function loadTable(client: pg.PoolClient, t: Table, records: readonly unknown[]) {
  const sql = `INSERT INTO ${tableName(t)} (key, data)
    SELECT e->>0, e->1 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n`;
  let chunk: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const json = `[${chunk.join(',')}]`;
    chunk = [];
    chars = 0;
    try {
      await client.query(sql, [json]);
    } catch (e) {
      throw mapError(t, e);
    }
  };
  for (const r of records) {
    const piece = JSON.stringify([keyOf(t, r), r]);
    chunk.push(piece);
    chars += piece.length;
    if (chunk.length >= CHUNK_ROWS || chars >= CHUNK_CHARS) await flush();
  }
  await flush();
}

/** Loads a world on a client in a transaction, then the sequences its references imply. */
async function loadWith(client: pg.PoolClient, data: Data) {
  for (const t of worldTables) await loadTable(client, t, data[t] ?? []);
  await client.query(
    `INSERT INTO sequences (name, value) SELECT key, value::bigint FROM jsonb_each_text($1::jsonb)
     ON CONFLICT (name) DO UPDATE SET value = greatest(sequences.value, excluded.value)`,
    [JSON.stringify(sequencesOf(data))],
  );
  // Fresh statistics, or the planner guesses every selection alike until autovacuum comes by.
  await client.query(`ANALYZE ${worldTables.map(tableName).join(', ')}`);
}

async function isEmptyWith(db: Queryable) {
  const { rows } = await db.query(
    'SELECT NOT EXISTS (SELECT 1 FROM cafs) AND NOT EXISTS (SELECT 1 FROM users) AS empty',
  );
  return rows[0].empty as boolean;
}

/** The migrations shipped with the server, in order: `001-….sql`, `002-….sql`… */
export function migrationFiles(): { version: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d+-.*\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: f.replace(/\.sql$/, ''),
      sql: readFileSync(new URL(f, migrationsDir), 'utf8'),
    }));
}

/**
 * Applies the migrations not applied yet, all in one transaction under an advisory lock (two
 * instances starting together: the second waits, then finds nothing to do). Returns the versions
 * applied.
 */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version as string));
    const applied: string[] = [];
    for (const { version, sql } of migrationFiles()) {
      if (done.has(version)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    return applied;
  });
}

/**
 * Ends `pool` once its connections are closed: pool.end() resolves as soon as it has asked them
 * to close, and a database dropped or a server stopped right after would cut one still closing
 * (57P01 on a pool without an error listener is an uncaught exception). Waits 5 s at most.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  let fini: () => void = () => undefined;
  const fermees = new Promise<void>((ok) => (fini = ok));
  if (open === 0) fini();
  pool.on('remove', () => {
    if (--open <= 0) fini();
  });
  const limite = setTimeout(fini, 5000);
  await pool.end();
  await fermees;
  clearTimeout(limite);
}

/** A Store over a migrated database's pool. */
export function postgresStore(pool: pg.Pool): Store {
  // The sequences' own connections: a transaction waiting for a number never waits for a client
  // that another transaction holds (pool starvation).
  // Committed without waiting for the disk (synchronous_commit off): a number is used only by a
  // declaration whose own commit, later in the log, flushes it; a session's last activity may be
  // lost in a crash without harm. One round trip each instead of BEGIN, UPDATE, COMMIT and fsync.
  // A quarter of the pool's size (10 → 3): single statements, each over in a round trip.
  const sequences = new pg.Pool({
    ...pool.options,
    max: Math.max(1, Math.round((pool.options.max ?? 10) / 4)),
    options: `${pool.options.options ?? ''} -c synchronous_commit=off`.trim(),
  });
  sequences.on('error', () => undefined);
  return {
    engine: 'postgres',
    ...readerOf(pool, false),
    transaction: (fn) => transaction(pool, sequences, fn),
    async touch(t, key, patch) {
      await sequences.query(`UPDATE ${tableName(t)} SET data = data || $1::jsonb WHERE key = $2`, [
        JSON.stringify(patch),
        key,
      ]);
    },
    load: (data) => inTransaction(pool, (client) => loadWith(client, data)),
    async dump() {
      const data = {} as Record<string, unknown[]>;
      for (const t of worldTables) {
        const { rows } = await pool.query(`SELECT data FROM ${tableName(t)} ORDER BY seq`);
        data[t] = rows.map((r) => r.data);
      }
      return data as Data;
    },
    isEmpty: () => isEmptyWith(pool),
    close: async () => {
      await Promise.all([endPool(pool), endPool(sequences)]);
    },
  };
}

export interface OpenPostgresOptions {
  /** Builds the first world when the database holds none (demo world or ESAT_SEED). */
  initial?: () => Data | Promise<Data>;
  /** Connections of this instance (default ESAT_DATABASE_POOL, else 10). */
  poolSize?: number;
}

/** The pool's size: the option, else ESAT_DATABASE_POOL, else 10. */
function poolSizeOf(option: number | undefined): number {
  const size = option ?? Number(process.env.ESAT_DATABASE_POOL ?? 10);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(
      `ESAT_DATABASE_POOL doit être un entier positif (reçu : ${process.env.ESAT_DATABASE_POOL})`,
    );
  }
  return size;
}

/**
 * Opens the database of `url`: runs the migrations, loads `initial()` when it holds no world yet
 * (`created: true`, once even when two instances start together).
 */
export async function openPostgresStore(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<{ store: Store; created: boolean }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSizeOf(options.poolSize) });
  // An idle connection cut by the server (restart, failover) must not bring the process down.
  pool.on('error', (e) => console.error(`PostgreSQL : connexion perdue (${e.message})`));
  try {
    await migrate(pool);
    const { initial } = options;
    const created = initial
      ? await inTransaction(pool, async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_LOCK]);
          if (!(await isEmptyWith(client))) return false;
          await loadWith(client, await initial());
          return true;
        })
      : false;
    return { store: postgresStore(pool), created };
  } catch (e) {
    await endPool(pool);
    throw e;
  }
}
