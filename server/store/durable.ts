/**
 * The data file on disk, written so that an acknowledged declaration survives `kill -9` or a power
 * cut: the new content goes to a temporary file which is flushed (fsync), renamed over the old one
 * (atomic on POSIX), then the directory is flushed so that the rename itself is on disk. lowdb's
 * own JSONFile (steno) renames but never calls fsync.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * The data directory, created 0700 (issue 11, point 9: it holds personal data and, without
 * SMTP, provisional passwords): an existing one open to others is closed to them.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** A file of the data directory, 0600 even when an older version made it 0644. */
export function privateFile(file: string): void {
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

/** A data file that exists but cannot be used: the server must stop rather than start over it. */
export class DataFileError extends Error {}

/** The file-system calls the adapter makes, in order; swapped in tests to see fsync happen. */
export interface DurableOps {
  readFile(file: string): Promise<string>;
  /** Writes `text` to `file` (created or truncated, mode 0600) and fsyncs it. */
  writeSynced(file: string, text: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** fsyncs a directory, so that a rename in it is durable. */
  syncDir(dir: string): Promise<void>;
}

export const nodeOps: DurableOps = {
  readFile: (file) => readFile(file, 'utf8'),
  async writeSynced(file, text) {
    const handle = await open(file, 'w', 0o600);
    try {
      // The mode of open() applies only to a new file: a leftover one is closed to others too.
      await handle.chmod(0o600);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

const code = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? 'inconnue';

/**
 * Data already serialised as UTF-8 JSON (the file store keeps each record's bytes, so that a
 * write copies bytes instead of serialising the whole world again): written as is by
 * `durableJsonFile`; any other adapter serialises it as the data it carries (`toJSON`).
 */
export class JsonTexte<T> {
  constructor(
    readonly octets: Uint8Array,
    readonly data: T,
  ) {}
  toJSON() {
    return this.data;
  }
}

/** A lowdb adapter over one JSON file: durable writes, and a refusal to read a damaged file. */
export function durableJsonFile<T>(file: string, ops: DurableOps = nodeOps): Adapter<T> {
  const tmp = `${file}.tmp`;
  return {
    async read() {
      let text: string;
      try {
        text = await ops.readFile(file);
      } catch (e) {
        if (code(e) === 'ENOENT') return null;
        throw new DataFileError(
          `Le fichier de données ${file} est illisible (${code(e)}) : le serveur ne démarre pas. ` +
            `Vérifiez ses droits, ou restaurez une sauvegarde.\n` +
            `The data file ${file} cannot be read (${code(e)}): the server does not start. ` +
            `Check its permissions, or restore a backup.`,
        );
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw corrupt(file, 'ce n’est pas du JSON valide', 'it is not valid JSON');
      }
      // lowdb reads null as "no file yet" and would start empty: a file holding null is damaged.
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw corrupt(file, 'ce n’est pas un objet JSON', 'it is not a JSON object');
      }
      return data as T;
    },
    async write(data) {
      const text = (data as unknown) instanceof JsonTexte ? (data as JsonTexte<T>).octets : null;
      await ops.writeSynced(tmp, text ?? JSON.stringify(data));
      await ops.rename(tmp, file);
      await ops.syncDir(dirname(file));
    },
  };
}

/** The refusal to start over a damaged file, in French and English. */
export function corrupt(file: string, pourquoi: string, why: string): DataFileError {
  return new DataFileError(
    `Le fichier de données ${file} est endommagé (${pourquoi}) : le serveur ne démarre pas, ` +
      `pour ne pas l’écraser. Restaurez une sauvegarde, ou déplacez-le pour repartir de zéro.\n` +
      `The data file ${file} is damaged (${why}): the server does not start, so as not to ` +
      `overwrite it. Restore a backup, or move it away to start afresh.`,
  );
}
