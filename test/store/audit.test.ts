/**
 * The audit log on PostgreSQL (server/audit.ts `pgAudit`, migration 007): the lines of an
 * instance go into the `audit` table in batches without the request waiting; what the database
 * refuses is kept and written once it accepts again; a clean stop writes what is left; nothing
 * but the named fields reaches a line.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAudit, type AuditEntry } from '../../server/audit.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';
import { createTestDatabase } from './databases.ts';

let database: { url: string; drop(): Promise<void> };
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  // Opening the store runs the migrations.
  await (await openPostgresStore(database.url, { poolSize: 1 })).store.close();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const lignes = async () =>
  (await client.query('SELECT at, entry FROM audit ORDER BY id')).rows as {
    at: Date;
    entry: Record<string, unknown>;
  }[];

const entree = (i: number) =>
  ({
    at: new Date(Date.UTC(2026, 11, 10, 10, 0, i)).toISOString(),
    action: 'connexion',
    who: `personne${i}@esat.test`,
    // Not a field of the log: never written.
    password: 'Secret-2026!',
  }) as AuditEntry & { at: string };

describe('the audit log in PostgreSQL', () => {
  it('writes the named fields of each line, in order, and what is left on a clean stop', async () => {
    const audit = pgAudit(database.url, { everyMs: 60_000 });
    for (let i = 0; i < 3; i++) audit.record(entree(i));
    expect(await lignes()).toEqual([]); // not waited for: in the next batch
    await audit.termine();
    const rows = await lignes();
    expect(rows.map((r) => r.entry.who)).toEqual([0, 1, 2].map((i) => `personne${i}@esat.test`));
    expect(rows[1].at.toISOString()).toBe(entree(1).at);
    expect(JSON.stringify(rows)).not.toContain('Secret-2026!');
    await client.query('DELETE FROM audit');
  });

  it('keeps what the database refuses and writes it once it accepts again', async () => {
    const erreurs: string[] = [];
    await client.query('ALTER TABLE audit RENAME TO audit_ailleurs');
    const audit = pgAudit(database.url, { everyMs: 5, logError: (m) => erreurs.push(m) });
    try {
      audit.record(entree(7));
      await expect.poll(() => erreurs.length).toBeGreaterThan(0);
      expect(erreurs[0]).toMatch(/Journal d'audit : 1 ligne\(s\) en attente/);
      expect(erreurs.join(' ')).not.toContain('personne7');
    } finally {
      await client.query('ALTER TABLE audit_ailleurs RENAME TO audit');
    }
    await expect.poll(async () => (await lignes()).length).toBe(1);
    await audit.termine();
    expect((await lignes())[0].entry.who).toBe('personne7@esat.test');
  });
});
