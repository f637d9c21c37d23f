/**
 * A short bench of the PostgreSQL store alone (SPEC §11.6), not part of `npm test`: a generated
 * national world (120 000 workers, 1 400 Esat, 101 Caf, two campaigns of history) loaded into a
 * fresh database, then a few of the queries the routes make, timed. Prints a Markdown table.
 * `npx tsx scripts/bench-store.ts [--keep]` (ESAT_TEST_ADMIN_URL: the server to create it on).
 */
import { rng } from './world-national.ts';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  emptyData,
  type Data,
  type DeclarationRecord,
  type EsatRecord,
  type WorkerRecord,
} from '../server/store/contract.ts';
import { openPostgresStore } from '../server/store/postgres.ts';

const CAFS = 101;
const ESATS = 1_400;
const WORKERS = 120_000;
const CAMPAIGNS = [2025, 2026];
/** Changes of situation on top of the certificats (≈ 250 000 declarations in all). */
const CHANGES = 10_000;
const RUNS = 200;
const adminUrl = process.env.ESAT_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const random = rng(13);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const NOMS = ['MARTIN', 'BERNARD', 'DUBOIS', 'LEFÈVRE', 'GUÉRIN', 'NGUYEN', 'DIALLO', 'MOREAU'];
const PRENOMS = ['Anne', 'Karim', 'Lucie', 'Loïc', 'Maëlle', 'Mamadou', 'Zoé', 'João'];
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaA$0123456789abcdefghijklmnopqrstuv';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The national world: the first Caf are the largest (a square law), as Paris or Nord are. */
function nationalWorld(): Data {
  const cafs = Array.from({ length: CAFS }, (_, i) => ({
    code: pad(i + 1, 3),
    name: `Caf ${i + 1}`,
  }));
  const esats: EsatRecord[] = Array.from({ length: ESATS }, (_, i) => {
    const caf = cafs[Math.floor(CAFS * random() ** 2)].code;
    return {
      siret: `${pad(i + 1, 9)}00001`,
      name: `Esat ${i + 1}`,
      address: `${i + 1} rue des Ateliers`,
      cafs: [caf],
      communicationIds: { [caf]: pad(i + 1, 11) },
    };
  });
  const workers: WorkerRecord[] = Array.from({ length: WORKERS }, (_, i) => {
    const esat = pick(esats);
    return {
      id: `w${i + 1}`,
      numeroAllocataire: pad(i + 1, 7),
      caf: esat.cafs[0],
      esat: esat.siret,
      nom: pick(NOMS),
      prenom: pick(PRENOMS),
      dateNaissance: `${1965 + Math.floor(random() * 38)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      dossier: 'actif',
      tauxActivite: pick([100, 80, 60, 50]),
    };
  });
  const declarations: DeclarationRecord[] = [];
  for (const year of CAMPAIGNS) {
    let n = 0;
    for (const w of workers) {
      declarations.push({
        id: `c${year}-${w.id}`,
        kind: 'certificat',
        workerId: w.id,
        esat: w.esat,
        caf: w.caf,
        userEmail: `declarant@${w.esat}.test`,
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 1100, aideAuPoste: 650 },
        campaignYear: year,
        submittedAt: `${year - 1}-12-${pad(1 + Math.floor(random() * 28), 2)}T09:00:00.000Z`,
        reference: `CE-${year}-${pad(++n, 6)}`,
        idempotencyKey: randomBytes(8).toString('hex'),
        ...(year < CAMPAIGNS[CAMPAIGNS.length - 1] ? { etat: 'traitee' as const } : {}),
      });
    }
  }
  for (let i = 0; i < CHANGES; i++) {
    const w = pick(workers);
    declarations.push({
      id: `r${i}`,
      kind: 'reduction',
      workerId: w.id,
      esat: w.esat,
      caf: w.caf,
      userEmail: `declarant@${w.esat}.test`,
      data: { dateEffet: '2026-03-01', tauxAvant: 80, tauxApres: 50 },
      submittedAt: '2026-02-20T08:00:00.000Z',
    });
  }
  const users = [
    ...esats.map((e) => ({
      email: `declarant@${e.siret}.test`,
      role: 'declarant' as const,
      esat: e.siret,
    })),
    ...cafs.map((c) => ({ email: `agent@${c.code}.test`, role: 'agent' as const, caf: c.code })),
  ].map((u) => ({
    ...u,
    passwordHash: HASH,
    provisional: false,
    cguAccepted: true,
    passwordChangedAt: '2026-01-01T00:00:00.000Z',
  }));
  return { ...emptyData(), cafs, esats, users, workers, declarations };
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Median and p99 of `runs` calls of `fn` (milliseconds). */
async function timed(runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99), max: times[times.length - 1] };
}

const ms = (x: number) => x.toFixed(1);

async function main() {
  const name = `esat_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const keep = process.argv.includes('--keep');
  try {
    let t = performance.now();
    const world = nationalWorld();
    const generateMs = performance.now() - t;
    t = performance.now();
    const { store, created } = await openPostgresStore(url.toString(), { initial: () => world });
    const loadMs = performance.now() - t;
    if (!created) throw new Error('the world was not loaded');

    // The largest Caf and an Esat of average size, as the routes would ask for them.
    const byCaf = new Map<string, number>();
    for (const d of world.declarations) byCaf.set(d.caf, (byCaf.get(d.caf) ?? 0) + 1);
    const [largestCaf, largestCount] = [...byCaf].sort((a, b) => b[1] - a[1])[0];
    const esats = world.esats.map((e) => e.siret);
    const rows: string[][] = [];
    const row = (what: string, n: number | string, r: { p50: number; p99: number; max: number }) =>
      rows.push([what, String(n), ms(r.p50), ms(r.p99), ms(r.max)]);

    const sizes: number[] = [];
    row(
      'find workers of one Esat, orderBy nom',
      `${RUNS} Esat`,
      await timed(RUNS, async (i) => {
        const found = await store.find(
          'workers',
          { esat: esats[(i * 7) % esats.length] },
          { orderBy: { field: 'nom' } },
        );
        sizes.push(found.length);
      }),
    );
    row(
      'same, one page (limit 20 offset 20)',
      `${RUNS} Esat`,
      await timed(RUNS, (i) =>
        store.find(
          'workers',
          { esat: esats[(i * 7) % esats.length] },
          { orderBy: { field: 'nom' }, limit: 20, offset: 20 },
        ),
      ),
    );
    row(
      'count workers of one Esat',
      `${RUNS} Esat`,
      await timed(RUNS, (i) => store.count('workers', { esat: esats[(i * 11) % esats.length] })),
    );
    row(
      'get a worker by key',
      RUNS,
      await timed(RUNS, (i) => store.get('workers', `w${1 + i * 97}`)),
    );
    row(
      'find workers by numeroAllocataire',
      RUNS,
      await timed(RUNS, (i) => store.find('workers', { numeroAllocataire: pad(1 + i * 89, 7) })),
    );
    row(
      `find declarations of the largest Caf (${largestCaf}, ${largestCount} rows)`,
      5,
      await timed(5, () => store.find('declarations', { caf: largestCaf })),
    );
    row(
      'same Caf: certificats of campaign 2026, one page of 50 by reference',
      RUNS,
      await timed(RUNS, (i) =>
        store.find(
          'declarations',
          { caf: largestCaf, kind: 'certificat', campaignYear: 2026 },
          { orderBy: { field: 'reference', direction: 'desc' }, limit: 50, offset: (i % 10) * 50 },
        ),
      ),
    );
    row(
      'same Caf: count certificats of campaign 2026',
      RUNS,
      await timed(RUNS, () =>
        store.count('declarations', { caf: largestCaf, kind: 'certificat', campaignYear: 2026 }),
      ),
    );
    row(
      'transaction: lock the worker, check R-CE-6, next(), insert a certificat',
      RUNS,
      await timed(RUNS, (i) =>
        store.transaction(async (tx) => {
          const w = (await tx.get('workers', `w${1 + i}`))!;
          await tx.count('declarations', {
            workerId: w.id,
            kind: 'certificat',
            campaignYear: 2027,
          });
          const n = await tx.next('reference:CE-2027');
          await tx.insert('declarations', {
            id: `bench-${i}`,
            kind: 'certificat',
            workerId: w.id,
            esat: w.esat,
            caf: w.caf,
            userEmail: `declarant@${w.esat}.test`,
            data: { moisRemunerationGarantie: 12, remunerationGarantie: 1100, aideAuPoste: 650 },
            campaignYear: 2027,
            submittedAt: '2026-12-02T10:00:00.000Z',
            reference: `CE-2027-${pad(n, 6)}`,
          });
        }),
      ),
    );
    t = performance.now();
    const dumped = await store.dump();
    const dumpMs = performance.now() - t;
    await store.close();

    const counts = `${world.cafs.length} Caf, ${world.esats.length} Esat, ${world.users.length} users, ${world.workers.length} workers, ${world.declarations.length} declarations`;
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    console.log(`\nPostgreSQL store, national world: ${counts}`);
    console.log(
      `generated in ${ms(generateMs / 1000)} s; migrations + load in **${ms(loadMs / 1000)} s** (target < 120 s);`,
    );
    console.log(
      `dump of the whole world (${dumped.declarations.length} declarations) in ${ms(dumpMs / 1000)} s; an Esat has ${ms(average)} workers on average\n`,
    );
    console.log('| query | runs | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    if (keep) console.log(`\nDatabase kept: ${url}`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
