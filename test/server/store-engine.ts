/**
 * The store every HTTP test runs on: the lowdb file by default, PostgreSQL when
 * `ESAT_TEST_STORE=postgres` (the `server-postgres` project of vite.config.ts runs the whole of
 * test/server that way, SPEC §11.7). With PostgreSQL each worker of the run has one database,
 * migrated once and dropped when the run ends (postgres-global.ts), that the files it runs reuse
 * one after another; each `openTestStore` empties it and loads its world.
 */
import pg from 'pg';
import { afterAll, expect, inject } from 'vitest';
import { openFileStore } from '../../server/store/file.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';
import { worldTables, ephemeralTables, type Data, type Store } from '../../server/store/index.ts';
import { createTestDatabase, workerDatabase } from '../store/databases.ts';

export type TestEngine = 'file' | 'postgres';

/** The engine of this run. */
export const testEngine: TestEngine =
  process.env.ESAT_TEST_STORE === 'postgres' ? 'postgres' : 'file';

/** The file's database: its worker's, else (no global setup) one of its own, dropped after it. */
let database: Promise<{ url: string; drop?(): Promise<void> }> | undefined;

function baseDuFichier() {
  const prefixe = inject('baseDesWorkers');
  const worker = process.env.VITEST_POOL_ID;
  return prefixe && worker ? workerDatabase(`${prefixe}${worker}`) : createTestDatabase();
}
/** The stores opened, with the test that opened them. */
const opened: { store: Store; test: string | undefined }[] = [];

/**
 * Closes the stores earlier tests opened (their connections would otherwise stay open until the
 * file ends: a file of 30 tests reached PostgreSQL's 100 connections).
 */
async function fermerLesPrecedents() {
  const test = expect.getState().currentTestName;
  for (let i = opened.length - 1; i >= 0; i--) {
    if (opened[i].test === test) continue;
    const [{ store }] = opened.splice(i, 1);
    await store.close().catch(() => undefined);
  }
  return test;
}

/** Closes every store the file opened, and drops its database when it had one of its own. */
export async function fermerLeFichier() {
  for (const { store } of opened.splice(0)) await store.close().catch(() => undefined);
  if (database) await (await database).drop?.();
  database = undefined;
}

// At the end of the file that imported this module. The projects that run test/server without
// isolation (vite.config.ts: this module then stays loaded from one file to the next, and this
// line runs for the first file only) register it for each file in store-fermeture.ts.
afterAll(fermerLeFichier);

/**
 * Empties every table of the file's database (its schema stays migrated). DELETE and not
 * TRUNCATE: on these few rows a DELETE takes a few ms, a TRUNCATE of the 15 tables ≈ 1 s (it
 * makes new files for each table and index, and syncs them) — once per test of the project.
 * Neither resets the `seq` columns; the rows' order is all the tests read of them.
 */
async function vider(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = [...worldTables, ...ephemeralTables, 'sequences'];
    await client.query(`BEGIN; ${tables.map((t) => `DELETE FROM ${t};`).join(' ')} COMMIT;`);
  } finally {
    await client.end();
  }
}

/** A store holding `initial` (a fresh copy each time), on this run's engine. */
export async function openTestStore(dir: string, initial: Data): Promise<Store> {
  if (testEngine === 'file') return (await openFileStore(dir, { initial: () => initial })).store;
  database ??= baseDuFichier();
  const { url } = await database;
  const test = await fermerLesPrecedents();
  // Opened first: it migrates a new database. Then emptied of the previous test's or file's world.
  const { store } = await openPostgresStore(url, { poolSize: 4 });
  await vider(url);
  await store.load(initial);
  opened.push({ store, test });
  return store;
}

/** A second server instance on the same data (PostgreSQL only: the file serves one process). */
export async function anotherTestStore(): Promise<Store> {
  if (testEngine !== 'postgres' || !database)
    throw new Error('Une seconde instance demande PostgreSQL (ESAT_TEST_STORE=postgres).');
  const { store } = await openPostgresStore((await database).url, { poolSize: 4 });
  opened.push({ store, test: expect.getState().currentTestName });
  return store;
}
