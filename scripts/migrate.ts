/**
 * `npm run migrate`: applies the store's migrations (server/store/migrations/) to the database of
 * ESAT_DATABASE_URL, as the server does at start, and says which it applied.
 */
import pg from 'pg';
import { migrate } from '../server/store/postgres.ts';

/** The database URL, or a French message and exit 1. */
function databaseUrl(): string {
  const url = process.env.ESAT_DATABASE_URL;
  if (!url) {
    console.error('ESAT_DATABASE_URL manque : donnez l’adresse de la base (postgres://…).');
    process.exit(1);
  }
  return url;
}

async function main() {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
  try {
    const applied = await migrate(pool);
    console.log(
      applied.length
        ? `Migrations appliquées : ${applied.join(', ')}.`
        : 'Base à jour : aucune migration à appliquer.',
    );
  } catch (e) {
    console.error(`Les migrations n’ont pas pu être appliquées : ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

await main();
