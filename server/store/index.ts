/**
 * The store the server runs on (SPEC §11): PostgreSQL when a database URL is given
 * (`ESAT_DATABASE_URL`, several instances), else the lowdb file of ESAT_DATA_DIR (one process).
 */
import type { Data, Store } from './contract.ts';
import { openFileStore } from './file.ts';

export * from './contract.ts';
export { openFileStore, type FileData } from './file.ts';

export interface OpenOptions {
  /** The data directory of the file store (also where the audit log and the mail file go). */
  dataDir: string;
  /** `postgres://…`: the database instead of the file. */
  databaseUrl?: string;
  /** Builds the first world when the store is empty (demo world or ESAT_SEED). */
  initial?: () => Data | Promise<Data>;
}

/** Opens the store; `created` tells whether this start loaded the initial world into it. */
export async function openStore(options: OpenOptions): Promise<{ store: Store; created: boolean }> {
  if (!options.databaseUrl) return openFileStore(options.dataDir, { initial: options.initial });
  const { openPostgresStore } = await import('./postgres.ts');
  return openPostgresStore(options.databaseUrl, { initial: options.initial });
}
