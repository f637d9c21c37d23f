/**
 * Throwaway PostgreSQL databases for the tests (one per test file, or per case), and the two
 * engines opened the same way so that one suite runs over both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Data, Store } from '../../server/store/contract.ts';
import { openFileStore } from '../../server/store/file.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';

/** The server the tests create their databases on. */
export const adminUrl =
  process.env.ESAT_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const startHint =
  'PostgreSQL est injoignable pour les tests (' +
  adminUrl +
  '). Démarrez-le : pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
  '(ou installez le paquet Debian « postgresql »), ou donnez ESAT_TEST_ADMIN_URL.';

/** Runs one statement on the admin database; an unreachable server says how to start it. */
async function admin(sql: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`${startHint}\n(${(e as Error).message})`);
  }
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** The URL of a database on the same server as the admin one. */
function databaseUrl(name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new empty database `esat_test_<random>`, and how to drop it (connections cut). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `esat_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: databaseUrl(name),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * The database `name` (created empty when it does not exist yet), kept after the file: the
 * database of one worker of a run, reused by the files it runs one after another.
 */
export async function workerDatabase(name: string): Promise<{ url: string }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const { rows } = await admin('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rows.length) await admin(`CREATE DATABASE ${name}`);
  return { url: databaseUrl(name) };
}

/** Drops every database whose name starts with `prefix` (connections cut). */
export async function dropDatabases(prefix: string) {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`invalid database prefix: ${prefix}`);
  const { rows } = await admin('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
    prefix,
  ]);
  for (const { datname } of rows) await admin(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}

export type Engine = 'file' | 'postgres';

/** A store of either engine on its own fresh place (temp dir or database). */
export interface OpenedEngine {
  store: Store;
  /** Where it lives: the directory of the file, or the database's URL. */
  location: string;
  /** Closes the store and opens it again on the same data (a restart). */
  reopen(): Promise<Store>;
  /** Another Store on the same database: a second server instance (postgres only). */
  another(): Promise<Store>;
  /** Closes every store opened here and removes the data. */
  cleanup(): Promise<void>;
}

/** Opens `engine` on a fresh place, loading `initial` when given. */
export async function openEngine(engine: Engine, initial?: () => Data): Promise<OpenedEngine> {
  const opened: Store[] = [];
  if (engine === 'file') {
    const dir = mkdtempSync(join(tmpdir(), 'esat-store-'));
    const open = async (first: boolean) => {
      const { store } = await openFileStore(dir, { initial: first ? initial : undefined });
      opened.push(store);
      return store;
    };
    const env: OpenedEngine = {
      store: await open(true),
      location: dir,
      async reopen() {
        await env.store.close();
        env.store = await open(false);
        return env.store;
      },
      async another() {
        throw new Error('the file store serves one process: no second instance');
      },
      async cleanup() {
        for (const s of opened) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return env;
  }
  const database = await createTestDatabase();
  const closed = new Set<Store>();
  const open = async (withInitial: boolean) => {
    const { store } = await openPostgresStore(database.url, {
      initial: withInitial ? initial : undefined,
      poolSize: 12,
    });
    opened.push(store);
    return store;
  };
  const close = async (s: Store) => {
    if (closed.has(s)) return;
    closed.add(s);
    await s.close();
  };
  const env: OpenedEngine = {
    store: await open(true),
    location: database.url,
    async reopen() {
      await close(env.store);
      env.store = await open(false);
      return env.store;
    },
    another: () => open(false),
    async cleanup() {
      for (const s of opened) await close(s);
      await database.drop();
    },
  };
  return env;
}
