/**
 * The `postgres` project's global setup (vite.config.ts): names this run's databases, and drops
 * them when the run ends. Each worker of the run (VITEST_POOL_ID, from 1 to maxWorkers; one file
 * at a time) creates and migrates its own database the first time it needs one, and the files it
 * runs after that reuse it, emptied (store-engine.ts): a database created, migrated and dropped
 * per file cost ≈ 2.5 s a file. The run's own prefix keeps two runs at once on one server apart.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabases } from '../store/databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The prefix of this run's worker databases: `esat_test_<hex>_w`. */
    baseDesWorkers: string;
  }
}

export default function setup(project: TestProject) {
  const prefixe = `esat_test_${randomBytes(6).toString('hex')}_w`;
  project.provide('baseDesWorkers', prefixe);
  return () => dropDatabases(prefixe);
}
