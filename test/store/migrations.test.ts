/**
 * The schema's migrations (SPEC §11.5): applied once, under a lock when two instances start
 * together, and the indexes the contract relies on are there (indexedFields, uniqueConstraints).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  indexedFields,
  keyFields,
  listFields,
  uniqueConstraints,
  type Table,
} from '../../server/store/contract.ts';
import { migrate, migrationFiles, openPostgresStore } from '../../server/store/postgres.ts';
import { createTestDatabase } from './databases.ts';
import { smallWorld } from './world.ts';

const run = promisify(execFile);

let database: { url: string; drop(): Promise<void> };
let pool: pg.Pool;
beforeEach(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // pool.end() resolves before its connections are closed: the DROP … WITH (FORCE) of afterEach
  // can cut one still closing, and a pool without an error listener throws that (57P01) out of
  // the run as an uncaught exception.
  pool.on('error', () => undefined);
});
afterEach(async () => {
  await pool.end();
  await database.drop();
});

const versions = () => migrationFiles().map((m) => m.version);

/** Every index of the database, by table: its name and definition. */
async function indexes() {
  const { rows } = await pool.query(
    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
  );
  return rows as { tablename: string; indexname: string; indexdef: string }[];
}

/** The expression an index has for a field of the record. */
const expression = (field: string) => `((data ->> '${field}'::text))`;

describe('migrations', () => {
  it('are applied once: a second run finds nothing to do', async () => {
    expect(await migrate(pool)).toEqual(versions());
    expect(await migrate(pool)).toEqual([]);
    const { rows } = await pool.query(
      'SELECT version, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(versions());
    expect(rows.every((r) => r.applied_at instanceof Date)).toBe(true);
  });

  it('two instances opening an empty database together: both work, schema and world made once', async () => {
    const settled = await Promise.allSettled(
      [0, 1].map(() => openPostgresStore(database.url, { initial: smallWorld, poolSize: 2 })),
    );
    const opened = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []))).toEqual([]);
      expect(opened.map((o) => o.created).sort()).toEqual([false, true]);
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(versions().length);
      for (const { store } of opened) {
        expect(await store.count('workers', {})).toBe(smallWorld().workers.length);
      }
      expect(await opened[0].store.dump()).toEqual(smallWorld());
    } finally {
      for (const { store } of opened) await store.close();
    }
  });

  it('every indexedFields entry has an index led by that field', async () => {
    await migrate(pool);
    const all = await indexes();
    const missing: string[] = [];
    for (const [table, fields] of Object.entries(indexedFields) as [Table, readonly string[]][]) {
      for (const field of fields) {
        const led = all.some(
          (i) =>
            i.tablename === table &&
            (keyFields[table] === field
              ? i.indexname === `${table}_pkey`
              : listFields[table]?.includes(field)
                ? i.indexdef.includes(`USING gin (${expression(field).replace('->>', '->')}`)
                : i.indexdef.includes(`USING btree (${expression(field)}`)),
        );
        if (!led) missing.push(`${table}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every unique constraint is a unique index of the same name, on its fields, partial as its when', async () => {
    await migrate(pool);
    const all = await indexes();
    const predicates: Record<string, string> = {
      certificat_par_campagne: "WHERE ((data ->> 'kind'::text) = 'certificat'::text)",
      idempotence: "WHERE ((data ->> 'idempotencyKey'::text) IS NOT NULL)",
      reference: "WHERE ((data ->> 'reference'::text) IS NOT NULL)",
    };
    for (const [table, constraints] of Object.entries(uniqueConstraints)) {
      for (const c of constraints) {
        const index = all.find((i) => i.indexname === c.name);
        expect(index, c.name).toBeDefined();
        expect(index!.tablename).toBe(table);
        expect(index!.indexdef).toMatch(/^CREATE UNIQUE INDEX/);
        expect(index!.indexdef).toContain(`(${c.fields.map(expression).join(', ')})`);
        expect(index!.indexdef.endsWith(predicates[c.name]), index!.indexdef).toBe(true);
      }
    }
  });

  it('every table of the contract exists with its key, its jsonb and its order', async () => {
    await migrate(pool);
    const { rows } = await pool.query(
      `SELECT table_name, string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) AS columns
       FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name`,
    );
    const columns = Object.fromEntries(rows.map((r) => [r.table_name, r.columns]));
    for (const table of Object.keys(indexedFields)) {
      expect(columns[table], table).toBe('key:text,data:jsonb,seq:bigint');
    }
    expect(columns.sequences).toBe('name:text,value:bigint');
  });

  it('npm run migrate applies them to ESAT_DATABASE_URL and says so in French', async () => {
    const env = { ...process.env, ESAT_DATABASE_URL: database.url };
    const first = await run('npx', ['tsx', 'scripts/migrate.ts'], { env });
    expect(first.stdout).toContain(`Migrations appliquées : ${versions().join(', ')}.`);
    const second = await run('npx', ['tsx', 'scripts/migrate.ts'], { env });
    expect(second.stdout).toContain('Base à jour : aucune migration à appliquer.');
    const { ESAT_DATABASE_URL: _, ...without } = process.env;
    const refused = await run('npx', ['tsx', 'scripts/migrate.ts'], { env: without }).catch(
      (e) => e,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ESAT_DATABASE_URL manque');
  });
});
