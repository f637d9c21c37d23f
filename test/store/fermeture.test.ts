/**
 * A PostgreSQL store's close (a clean stop, a test dropping its database next) returns once its
 * connections are closed, not merely asked to close: a connection cut by the DROP … WITH (FORCE)
 * or the server's stop that comes next is an error, uncaught on a pool without a listener.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endPool, openPostgresStore } from '../../server/store/postgres.ts';
import { createTestDatabase } from './databases.ts';
import { smallWorld } from './world.ts';

let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** A pool whose connections tell when they are closed. */
function poolSuivi(max: number) {
  const pool = new pg.Pool({ connectionString: database.url, max });
  pool.on('error', () => undefined);
  const suivi = { ouvertes: 0, fermees: 0 };
  pool.on('connect', (client) => {
    suivi.ouvertes++;
    client.on('end', () => suivi.fermees++);
  });
  return { pool, suivi };
}

const requetes = (pool: pg.Pool, n: number) =>
  Promise.all(Array.from({ length: n }, () => pool.query('SELECT pg_sleep(0.05)')));

describe('closing a PostgreSQL pool', () => {
  it('pool.end() alone returns before its connections are closed (why endPool exists)', async () => {
    const { pool, suivi } = poolSuivi(3);
    await requetes(pool, 3);
    await pool.end();
    expect(suivi.ouvertes).toBe(3);
    expect(suivi.fermees).toBeLessThan(3);
  });

  it('endPool returns once every connection is closed', async () => {
    const { pool, suivi } = poolSuivi(3);
    await requetes(pool, 3);
    await endPool(pool);
    expect(suivi).toEqual({ ouvertes: 3, fermees: 3 });
  });

  it('a pool that never connected ends at once', async () => {
    const { pool, suivi } = poolSuivi(2);
    await endPool(pool);
    expect(suivi).toEqual({ ouvertes: 0, fermees: 0 });
  });

  it("a store's close leaves no connection of its own on the database", async () => {
    const { store } = await openPostgresStore(database.url, { initial: smallWorld, poolSize: 4 });
    await Promise.all([
      store.count('workers', {}),
      store.count('esats', {}),
      store.touch('sessions', 'aucune', { lastSeen: 1 }),
    ]);
    const temoin = new pg.Client({ connectionString: database.url });
    await temoin.connect();
    try {
      await store.close();
      const { rows } = await temoin.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await temoin.end();
    }
  });
});
