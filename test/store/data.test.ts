/**
 * export-data / import-data (SPEC §11.5), run as users run them: a file world moved into
 * PostgreSQL and back gives the same world; an import never lands on a store that holds one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../server/store/file.ts';
import { createTestDatabase } from './databases.ts';
import { smallWorld } from './world.ts';

const execute = promisify(execFile);

let dir: string;
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'esat-data-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run <script> -- <file>` on the file store of `dataDir`, or on the database when given. */
async function npmRun(
  script: string,
  file: string,
  store: { dataDir?: string; databaseUrl?: string },
) {
  const { ESAT_DATABASE_URL: _, ESAT_DATA_DIR: __, ...base } = process.env;
  const env = {
    ...base,
    ...(store.dataDir ? { ESAT_DATA_DIR: store.dataDir } : {}),
    ...(store.databaseUrl ? { ESAT_DATABASE_URL: store.databaseUrl } : {}),
  };
  return execute('npm', ['run', '--silent', script, '--', file], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('export-data / import-data', () => {
  // Five `npm run` (npm, then tsx loading the store) one after another: ≈ 7 s on an idle
  // machine, past the default 20 s on a loaded one (the full suite on 2 cores shared).
  it('a file world exported, imported into PostgreSQL, exported again: the same world', async () => {
    const fileDir = join(dir, 'file');
    const { store } = await openFileStore(fileDir, { initial: smallWorld });
    await store.close();

    const fromFile = join(dir, 'from-file.json');
    const exported = await npmRun('export-data', fromFile, { dataDir: fileDir });
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('Exporté depuis le fichier');
    expect(readJson(fromFile)).toEqual(smallWorld());

    const imported = await npmRun('import-data', fromFile, { databaseUrl: database.url });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Importé dans la base PostgreSQL');
    expect(imported.stdout).toContain('5 workers, 4 declarations');

    const fromDatabase = join(dir, 'from-database.json');
    expect((await npmRun('export-data', fromDatabase, { databaseUrl: database.url })).code).toBe(0);
    expect(readJson(fromDatabase)).toEqual(readJson(fromFile));

    // And back into a new file store.
    const backDir = join(dir, 'back');
    expect((await npmRun('import-data', fromDatabase, { dataDir: backDir })).code).toBe(0);
    const back = join(dir, 'back.json');
    expect((await npmRun('export-data', back, { dataDir: backDir })).code).toBe(0);
    expect(readJson(back)).toEqual(smallWorld());
  }, 60_000);

  it('an import into a store that holds a world is refused, in French, and changes nothing', async () => {
    const world = join(dir, 'other.json');
    writeFileSync(world, JSON.stringify({ cafs: [{ code: '011', name: 'Caf de l’Aude' }] }));
    for (const store of [{ databaseUrl: database.url }, { dataDir: join(dir, 'file') }]) {
      const refused = await npmRun('import-data', world, store);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Import refusé');
      expect(refused.stderr).toContain('contient déjà des données');
    }
    const after = join(dir, 'after.json');
    expect((await npmRun('export-data', after, { databaseUrl: database.url })).code).toBe(0);
    expect(readJson(after).cafs.map((c: { code: string }) => c.code)).toEqual(['751', '931']);
  });

  it('a file that is not a world is refused with a French message', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "cafs": [');
    const notJson = await npmRun('import-data', broken, { dataDir: join(dir, 'empty') });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('n’est pas un JSON valide');
    writeFileSync(broken, JSON.stringify({ cafs: {} }));
    const notList = await npmRun('import-data', broken, { dataDir: join(dir, 'empty') });
    expect(notList.stderr).toContain('« cafs » n’est pas une liste');
    const nothing = await npmRun('export-data', join(dir, 'x.json'), {
      dataDir: join(dir, 'none'),
    });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('Aucune donnée à exporter');
  });
});
