/**
 * The store every HTTP test runs on: the lowdb file by default, PostgreSQL when
 * `ESAT_TEST_STORE=postgres` (the `server-postgres` project of vite.config.ts runs the whole of
 * test/server that way, SPEC §11.7). With PostgreSQL each test file gets one database of its own,
 * migrated once and dropped at the end; each `openTestStore` empties it and loads its world.
 */
import pg from 'pg';
import { afterAll } from 'vitest';
import { openFileStore } from '../../server/store/file.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';
import { worldTables, ephemeralTables, type Data, type Store } from '../../server/store/index.ts';
import { createTestDatabase } from '../store/databases.ts';

export type TestEngine = 'file' | 'postgres';

/** The engine of this run. */
export const testEngine: TestEngine =
  process.env.ESAT_TEST_STORE === 'postgres' ? 'postgres' : 'file';

let database: Promise<{ url: string; drop(): Promise<void> }> | undefined;
const opened: Store[] = [];

afterAll(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  if (database) await (await database).drop();
  database = undefined;
});

/** Empties every table of the file's database (its schema stays migrated). */
async function vider(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = [...worldTables, ...ephemeralTables, 'sequences'].join(', ');
    await client.query(`TRUNCATE ${tables}`);
  } finally {
    await client.end();
  }
}

/** A store holding `initial` (a fresh copy each time), on this run's engine. */
export async function openTestStore(dir: string, initial: Data): Promise<Store> {
  if (testEngine === 'file') return (await openFileStore(dir, { initial: () => initial })).store;
  database ??= createTestDatabase();
  const { url } = await database;
  const first = opened.length === 0;
  if (!first) await vider(url);
  const { store } = await openPostgresStore(url, { poolSize: 4 });
  if (!first || !(await store.isEmpty())) await vider(url);
  await store.load(initial);
  opened.push(store);
  return store;
}

/** A second server instance on the same data (PostgreSQL only: the file serves one process). */
export async function anotherTestStore(): Promise<Store> {
  if (testEngine !== 'postgres' || !database)
    throw new Error('Une seconde instance demande PostgreSQL (ESAT_TEST_STORE=postgres).');
  const { store } = await openPostgresStore((await database).url, { poolSize: 4 });
  opened.push(store);
  return store;
}
