/**
 * `npm run export-data -- <file.json>` and `npm run import-data -- <file.json>` (SPEC §11.5): move
 * a world between the two stores. The store is chosen as the server chooses it: the database of
 * ESAT_DATABASE_URL, else the file of ESAT_DATA_DIR (default ./data). Import only fills an empty
 * store, so that it never mixes two worlds.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  emptyData,
  openStore,
  UniqueViolation,
  worldTables,
  type Data,
  type Store,
} from '../server/store/index.ts';

/** A refusal to tell the user (in French) before exiting with 1. */
class Refusal extends Error {}

/** Where the store is, as the server would open it, and how to name it in a message. */
function target() {
  const dataDir = resolve(process.env.ESAT_DATA_DIR ?? './data');
  const databaseUrl = process.env.ESAT_DATABASE_URL || undefined;
  const name = databaseUrl
    ? `la base PostgreSQL ${hidePassword(databaseUrl)}`
    : `le fichier ${join(dataDir, 'db.json')}`;
  return { dataDir, databaseUrl, name };
}

/** The URL without its password, fit to print. */
function hidePassword(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(adresse illisible)';
  }
}

/** How many records of each table, for the closing line. */
function summary(data: Data) {
  return worldTables.map((t) => `${data[t].length} ${t}`).join(', ');
}

/** The world a JSON file holds, its shape checked; a missing table counts as empty. */
function readWorld(file: string): Data {
  if (!existsSync(file)) throw new Refusal(`Le fichier ${file} n’existe pas.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Refusal(`Le fichier ${file} n’est pas un JSON valide : ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Refusal(`Le fichier ${file} ne contient pas un monde (un objet JSON de listes).`);
  }
  const record = parsed as Record<string, unknown>;
  const unknown = Object.keys(record).filter(
    (k) => !(worldTables as readonly string[]).includes(k),
  );
  if (unknown.length) {
    throw new Refusal(`Le fichier ${file} contient des listes inconnues : ${unknown.join(', ')}.`);
  }
  const data = emptyData();
  for (const t of worldTables) {
    const list = record[t] ?? [];
    if (!Array.isArray(list)) throw new Refusal(`Dans ${file}, « ${t} » n’est pas une liste.`);
    (data as Record<string, unknown[]>)[t] = list;
  }
  return data;
}

/** Opens the store the server would open, and closes it whatever happens. */
async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const { dataDir, databaseUrl } = target();
  const { store } = await openStore({ dataDir, databaseUrl });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Writes the store's world to `file`. */
async function exportData(file: string) {
  const { dataDir, databaseUrl, name } = target();
  // The file store would create an empty file: there is simply nothing to export.
  if (!databaseUrl && !existsSync(join(dataDir, 'db.json'))) {
    throw new Refusal(`Aucune donnée à exporter : ${name} n’existe pas.`);
  }
  const data = await withStore((store) => store.dump());
  writeFileSync(file, `${JSON.stringify(data)}\n`, { mode: 0o600 });
  console.log(`Exporté depuis ${name} vers ${file} : ${summary(data)}.`);
}

/** Loads the world of `file` into an empty store. */
async function importData(file: string) {
  const data = readWorld(file);
  const { name } = target();
  await withStore(async (store) => {
    if (!(await store.isEmpty())) {
      throw new Refusal(
        `Import refusé : ${name} contient déjà des données. Importez dans une base vide (ou un ESAT_DATA_DIR vide).`,
      );
    }
    try {
      await store.load(data);
    } catch (e) {
      if (e instanceof UniqueViolation) {
        throw new Refusal(
          `Import refusé : deux enregistrements de « ${e.table} » se contredisent (contrainte ${e.constraint}). Rien n’a été importé.`,
        );
      }
      throw e;
    }
  });
  console.log(`Importé dans ${name} depuis ${file} : ${summary(data)}.`);
}

const usage =
  'Usage : npm run export-data -- <fichier.json>  |  npm run import-data -- <fichier.json>';

async function main() {
  const [command, file] = process.argv.slice(2);
  if (!file || (command !== 'export' && command !== 'import')) throw new Refusal(usage);
  await (command === 'export' ? exportData(resolve(file)) : importData(resolve(file)));
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Refusal ? e.message : `Échec : ${(e as Error).message}`);
  process.exitCode = 1;
}
