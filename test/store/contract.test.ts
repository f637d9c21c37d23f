/**
 * The store contract (SPEC §11, server/store/contract.ts), one suite over both engines: what the
 * file store does, PostgreSQL does, and the rules that must hold across two instances hold there.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordreDesNoms, UniqueViolation, type Store, type Tx } from '../../server/store/contract.ts';
import { openEngine, type Engine, type OpenedEngine } from './databases.ts';
import { certificat, SIRET_A, SIRET_B, smallWorld, worker } from './world.ts';

/** The UniqueViolation `fn` throws (fails when it throws something else, or nothing). */
async function violation(fn: () => Promise<unknown>) {
  const e = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(UniqueViolation);
  const { table, constraint } = e as UniqueViolation;
  return { table, constraint };
}

/** Resolves once some session of that database waits for a lock (polled on the server's view). */
async function waitForLockWaiter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 500; i++) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) return;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error('no transaction ever waited for the lock');
  } finally {
    await client.end();
  }
}

const ids = (records: { id: string }[]) => records.map((r) => r.id);

/** A promise and its resolver, to hold a transaction open while the test looks outside. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe.each<Engine>(['file', 'postgres'])('store contract: %s', (engine) => {
  let env: OpenedEngine;
  let store: Store;
  beforeEach(async () => {
    env = await openEngine(engine, smallWorld);
    store = env.store;
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('get: the record of a key, a copy; undefined for an unknown key', async () => {
    const w = await store.get('workers', '1');
    expect(w).toEqual(smallWorld().workers[0]);
    w!.nom = 'CHANGÉ';
    expect((await store.get('workers', '1'))?.nom).toBe('MARTIN');
    expect(await store.get('workers', 'nope')).toBeUndefined();
    expect(await store.get('drafts', 'declarant@esat-a.test|2')).toMatchObject({ workerId: '2' });
  });

  it('travailleurs: one page of an Esat, French order, search accents aside, filters, total', async () => {
    // Names a French reader sorts with accents and case aside; ties keep the insertion order.
    const noms: [string, string, string][] = [
      ['20', 'lefèvre', 'Zoé'],
      ['21', 'LEFEVRE', 'Anne'],
      ['22', 'Le Fèvre', 'Émile'],
      ['23', 'Lefebvre', 'émile'],
      ['24', 'Dubois-Martin', 'Luc'],
      ['25', 'Lefevre', 'Zoe'],
      ['26', 'Durand', 'Léa'],
      ['27', 'Durand', 'Léa'],
    ];
    await store.transaction(async (tx) => {
      for (const [id, nom, prenom] of noms) {
        await tx.insert('workers', worker(id, nom, { prenom, caf: id === '24' ? '931' : '751' }));
      }
      await tx.insert('declarations', certificat('c21', '21', 2026));
    });
    const page = (q: Partial<Parameters<Store['travailleurs']>[0]> = {}) =>
      store.travailleurs({ esat: SIRET_A, mots: [], offset: 0, limit: 50, ...q });
    const noms2 = async (q?: Partial<Parameters<Store['travailleurs']>[0]>) => {
      const { items, total } = await page(q);
      return { noms: items.map((w) => `${w.nom} ${w.prenom}`), total };
    };
    const tous = await noms2();
    const attendu = [...(await store.find('workers', { esat: SIRET_A }))]
      .sort(
        (a, b) => ordreDesNoms.compare(a.nom, b.nom) || ordreDesNoms.compare(a.prenom, b.prenom),
      )
      .map((w) => `${w.nom} ${w.prenom}`);
    expect(tous.noms).toEqual(attendu);
    expect(tous.total).toBe(12);
    // Letters first, then accents, then case (ICU's fr): « Lefevre » < « LEFEVRE » < « lefèvre ».
    expect(tous.noms.indexOf('Lefevre Zoe')).toBeLessThan(tous.noms.indexOf('lefèvre Zoé'));
    // Two « Durand Léa » tie: the first inserted comes first.
    const durand = (await page({ mots: ['durand'] })).items.map((w) => w.id);
    expect(durand).toEqual(['26', '27']);
    expect((await noms2({ mots: ['lefevre'] })).noms).toEqual([
      'Lefevre Zoe',
      'LEFEVRE Anne',
      'lefèvre Zoé',
    ]);
    expect((await noms2({ mots: ['fevre', 'emile'] })).noms).toEqual(['Le Fèvre Émile']);
    expect((await noms2({ mots: ['7510025'] })).noms).toEqual(['Lefevre Zoe']);
    expect((await noms2({ mots: ['%'] })).total).toBe(0);
    expect((await noms2({ caf: '931' })).noms).toEqual(['Dubois-Martin Luc']);
    expect((await noms2({ saufCafs: ['751'] })).noms).toEqual(['Dubois-Martin Luc']);
    const sans = await noms2({ sansCertificat: 2026, mots: ['lefevre'] });
    expect(sans.noms).toEqual(['Lefevre Zoe', 'lefèvre Zoé']);
    const second = await page({ offset: 2, limit: 3 });
    expect(second.items.map((w) => `${w.nom} ${w.prenom}`)).toEqual(attendu.slice(2, 5));
    expect(second.total).toBe(12);
    expect(await page({ offset: 40, limit: 10 })).toEqual({ items: [], total: 12 });
    expect(await page({ esat: SIRET_B, caf: '751' })).toEqual({ items: [], total: 0 });
  });

  it('find and count by one field, in insertion order without orderBy', async () => {
    expect(ids(await store.find('workers', { esat: SIRET_A }))).toEqual(['1', '2', '3', '4']);
    expect(await store.count('workers', { esat: SIRET_A })).toBe(4);
    expect(await store.count('workers', {})).toBe(5);
    expect(ids(await store.find('workers', {}))).toEqual(['1', '2', '3', '4', '5']);
    expect(await store.find('workers', { esat: '00000000000000' })).toEqual([]);
    expect((await store.find('users', { role: 'agent' })).map((u) => u.email)).toEqual([
      'agent@caf-751.test',
    ]);
  });

  it('where: several fields, lists, numbers compared as the file does, undefined ignored', async () => {
    const where = { workerId: ['1', '2'], kind: 'certificat' as const };
    expect(ids(await store.find('declarations', where))).toEqual(['d1', 'd2', 'd3']);
    expect(ids(await store.find('declarations', { ...where, campaignYear: 2025 }))).toEqual([
      'd1',
      'd2',
    ]);
    expect(ids(await store.find('declarations', { campaignYear: [2026, 2030] }))).toEqual(['d3']);
    expect(ids(await store.find('declarations', { workerId: '1', esat: undefined }))).toEqual([
      'd1',
      'd3',
      'd4',
    ]);
    expect(await store.count('declarations', { workerId: [] })).toBe(0);
    expect(await store.count('declarations', { reference: 'CE-2026-000007' })).toBe(1);
    expect(await store.count('relances', { year: 2026, siret: SIRET_A })).toBe(1);
  });

  it('where: a field that is not selectable is refused', async () => {
    await expect(store.find('workers', { nom: 'MARTIN' } as never)).rejects.toThrow(
      /not a selectable field/,
    );
    await expect(store.count('declarations', { etat: 'traitee' } as never)).rejects.toThrow(
      /not a selectable field/,
    );
  });

  it('orderBy: code-point order asc and desc, a missing field first, then limit and offset', async () => {
    const nom = (d: 'asc' | 'desc', more = {}) =>
      store
        .find('workers', {}, { orderBy: { field: 'nom', direction: d }, ...more })
        .then((ws) => ws.map((w) => w.nom));
    // Code points: capitals, then small letters, then accented letters.
    expect(await nom('asc')).toEqual(['BERNARD', 'MARTIN', 'ZOLA', 'abel', 'Émile']);
    expect(await nom('desc')).toEqual(['Émile', 'abel', 'ZOLA', 'MARTIN', 'BERNARD']);
    expect(await nom('asc', { limit: 2, offset: 1 })).toEqual(['MARTIN', 'ZOLA']);
    expect(await nom('desc', { offset: 3 })).toEqual(['MARTIN', 'BERNARD']);
    expect(await nom('asc', { limit: 0 })).toEqual([]);
    const byReference = await store.find(
      'declarations',
      { workerId: '1' },
      { orderBy: { field: 'reference', direction: 'desc' } },
    );
    // d4 has no reference: it counts as the empty string, last when descending.
    expect(ids(byReference)).toEqual(['d3', 'd1', 'd4']);
    // Equal values keep insertion order, in both directions.
    const byCaf = await store.find('workers', {}, { orderBy: { field: 'caf', direction: 'desc' } });
    expect(ids(byCaf)).toEqual(['5', '1', '2', '3', '4']);
  });

  it('insert, put, update (undefined removes a field), remove', async () => {
    await store.transaction(async (tx) => {
      await tx.insert('workers', worker('6', 'NOUVEAU'));
      await tx.put('workers', worker('2', 'REMPLACÉ'));
      await tx.put('workers', worker('7', 'MIS'));
    });
    expect((await store.get('workers', '6'))?.nom).toBe('NOUVEAU');
    expect((await store.get('workers', '2'))?.nom).toBe('REMPLACÉ');
    // put keeps the place of the record it replaces.
    expect(ids(await store.find('workers', {}))).toEqual(['1', '2', '3', '4', '5', '6', '7']);

    const updated = await store.transaction((tx) =>
      tx.update('workers', '1', {
        tauxActivite: undefined,
        prenom: 'Anne-Marie',
        dossier: 'radie',
      }),
    );
    expect(updated).toEqual({
      ...worker('1', 'MARTIN', { prenom: 'Anne-Marie', dossier: 'radie' }),
      tauxActivite: undefined,
    });
    expect(updated).not.toHaveProperty('tauxActivite');
    expect(await store.get('workers', '1')).not.toHaveProperty('tauxActivite');
    expect(
      await store.transaction((tx) => tx.update('workers', 'nope', { nom: 'X' })),
    ).toBeUndefined();
    // An updated field is found under its new value, no longer under the old one.
    await store.transaction((tx) => tx.update('workers', '1', { esat: SIRET_B }));
    // (Sorted: the file store lists a record whose indexed field changed after the others.)
    expect(ids(await store.find('workers', { esat: SIRET_B })).sort()).toEqual(['1', '5']);

    expect(await store.transaction((tx) => tx.remove('workers', ['6', '7', 'nope']))).toBe(2);
    expect(await store.transaction((tx) => tx.remove('workers', '6'))).toBe(0);
    expect(await store.get('workers', '6')).toBeUndefined();
    expect(await store.count('workers', {})).toBe(5);
  });

  it('UniqueViolation: an existing primary key', async () => {
    expect(
      await violation(() => store.transaction((tx) => tx.insert('workers', worker('1', 'X')))),
    ).toEqual({
      table: 'workers',
      constraint: 'workers_pkey',
    });
    expect(
      await violation(() =>
        store.transaction((tx) => tx.insert('declarations', certificat('d1', '3', 2030))),
      ),
    ).toEqual({ table: 'declarations', constraint: 'declarations_pkey' });
    expect((await store.get('workers', '1'))?.nom).toBe('MARTIN');
  });

  it('R-CE-6 certificat_par_campagne: one certificat per worker and campaign, other kinds ignored', async () => {
    expect(
      await violation(() =>
        store.transaction((tx) => tx.insert('declarations', certificat('x', '1', 2025))),
      ),
    ).toEqual({ table: 'declarations', constraint: 'certificat_par_campagne' });
    await store.transaction(async (tx) => {
      // Another campaign, another worker, or not a certificat: accepted.
      await tx.insert('declarations', certificat('x1', '1', 2027));
      await tx.insert('declarations', certificat('x2', '3', 2025));
      await tx.insert('declarations', { ...certificat('x3', '1', 2025), kind: 'augmentation' });
      await tx.insert('declarations', { ...certificat('x4', '1', 2025), kind: 'depart' });
    });
    expect(await store.count('declarations', { workerId: '1', campaignYear: 2025 })).toBe(3);
    // Turning a record into a second certificat is refused too (put and update).
    expect(
      await violation(() =>
        store.transaction((tx) => tx.put('declarations', certificat('x3', '1', 2025))),
      ),
    ).toEqual({
      table: 'declarations',
      constraint: 'certificat_par_campagne',
    });
    expect(
      await violation(() =>
        store.transaction((tx) => tx.update('declarations', 'x4', { kind: 'certificat' })),
      ),
    ).toEqual({ table: 'declarations', constraint: 'certificat_par_campagne' });
  });

  it('R-FL-6 idempotence: one key per user names one declaration; records without a key ignored', async () => {
    const other = { userEmail: 'autre@esat-a.test' };
    expect(
      await violation(() =>
        store.transaction((tx) =>
          tx.insert('declarations', certificat('y', '3', 2030, { idempotencyKey: 'k1' })),
        ),
      ),
    ).toEqual({ table: 'declarations', constraint: 'idempotence' });
    await store.transaction(async (tx) => {
      await tx.insert(
        'declarations',
        certificat('y1', '3', 2030, { ...other, idempotencyKey: 'k1' }),
      );
      await tx.insert('declarations', certificat('y2', '4', 2030));
      await tx.insert('declarations', certificat('y3', '4', 2031));
    });
    expect(await store.count('declarations', { userEmail: 'declarant@esat-a.test' })).toBe(6);
  });

  it('R-FL-5 reference: unique when present, any number without one', async () => {
    expect(
      await violation(() =>
        store.transaction((tx) =>
          tx.insert('declarations', certificat('z', '3', 2030, { reference: 'CE-2025-000002' })),
        ),
      ),
    ).toEqual({ table: 'declarations', constraint: 'reference' });
    await store.transaction(async (tx) => {
      await tx.insert('declarations', certificat('z1', '3', 2030));
      await tx.insert('declarations', certificat('z2', '4', 2030));
    });
    expect(await store.count('declarations', { campaignYear: 2030 })).toBe(2);
  });

  it('a UniqueViolation caught inside a transaction leaves it usable: its other writes commit', async () => {
    const outcome = await store.transaction(async (tx) => {
      await tx.insert('workers', worker('8', 'AVANT'));
      const refused = await tx.insert('declarations', certificat('w', '1', 2025)).then(
        () => 'accepted',
        (e: unknown) => (e instanceof UniqueViolation ? e.constraint : String(e)),
      );
      await tx.insert('workers', worker('9', 'APRÈS'));
      return refused;
    });
    expect(outcome).toBe('certificat_par_campagne');
    expect((await store.get('workers', '8'))?.nom).toBe('AVANT');
    expect((await store.get('workers', '9'))?.nom).toBe('APRÈS');
    expect(await store.get('declarations', 'w')).toBeUndefined();
  });

  it('operations of one transaction started together take their turn: a refused one rolls back only itself, and pg is never asked two queries at once', async () => {
    const avertissements: string[] = [];
    const noter = (w: Error) => avertissements.push(w.message);
    process.on('warning', noter);
    try {
      const [lus, refus] = await store.transaction(async (tx) =>
        Promise.all([
          Promise.all([tx.get('workers', '1'), tx.find('workers', { esat: SIRET_B })]),
          Promise.allSettled([
            tx.insert('workers', worker('10', 'ENSEMBLE')),
            tx.insert('declarations', certificat('w2', '1', 2025)),
            tx.insert('workers', worker('11', 'ENSEMBLE')),
          ]),
        ]),
      );
      expect(lus[0]?.id).toBe('1');
      expect(refus.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      await new Promise((r) => setImmediate(r));
      expect(avertissements.filter((m) => /already executing a query/.test(m))).toEqual([]);
      expect((await store.get('workers', '10'))?.nom).toBe('ENSEMBLE');
      expect((await store.get('workers', '11'))?.nom).toBe('ENSEMBLE');
    } finally {
      process.off('warning', noter);
    }
  });

  it('a throw rolls back every write of the transaction (and next() with the file store)', async () => {
    await store.transaction((tx) => tx.next('reference:CE-2030'));
    const failing = store.transaction(async (tx) => {
      await tx.insert('workers', worker('8', 'PERDU'));
      await tx.update('workers', '1', { nom: 'PERDU' });
      await tx.remove('workers', '2');
      expect(await tx.next('reference:CE-2030')).toBe(2);
      expect(await tx.next('reference:nouvelle')).toBe(1);
      throw new Error('refusé');
    });
    await expect(failing).rejects.toThrow('refusé');
    expect(await store.get('workers', '8')).toBeUndefined();
    expect((await store.get('workers', '1'))?.nom).toBe('MARTIN');
    expect((await store.get('workers', '2'))?.nom).toBe('Émile');
    // The file rolls the numbers back; PostgreSQL leaves them used (a gap, never a duplicate).
    const gap = engine === 'postgres' ? 1 : 0;
    expect(await store.transaction((tx) => tx.next('reference:CE-2030'))).toBe(2 + gap);
    expect(await store.transaction((tx) => tx.next('reference:nouvelle'))).toBe(1 + gap);
  });

  it('a transaction reads its own writes at once', async () => {
    await store.transaction(async (tx) => {
      await tx.insert('workers', worker('8', 'LU', { esat: SIRET_B }));
      await tx.update('workers', '5', { nom: 'RELU' });
      expect((await tx.get('workers', '8'))?.nom).toBe('LU');
      expect(
        (await tx.find('workers', { esat: SIRET_B }, { orderBy: { field: 'nom' } })).map(
          (w) => w.nom,
        ),
      ).toEqual(['LU', 'RELU']);
      await tx.remove('workers', '5');
      expect(await tx.count('workers', { esat: SIRET_B })).toBe(1);
    });
  });

  it.runIf(engine === 'postgres')(
    'uncommitted writes are not seen outside the transaction',
    async () => {
      const written = gate();
      const release = gate();
      const tx = store.transaction(async (tx) => {
        await tx.insert('workers', worker('8', 'CACHÉ'));
        await tx.update('workers', '1', { nom: 'CACHÉ' });
        written.open();
        await release.opened;
      });
      await written.opened;
      const other = await env.another();
      for (const s of [store, other]) {
        expect(await s.get('workers', '8')).toBeUndefined();
        expect((await s.get('workers', '1'))?.nom).toBe('MARTIN');
        expect(await s.count('workers', {})).toBe(5);
      }
      release.open();
      await tx;
      expect((await other.get('workers', '8'))?.nom).toBe('CACHÉ');
      expect((await other.get('workers', '1'))?.nom).toBe('CACHÉ');
    },
  );

  it('R-CE-6 under concurrency: 10 transactions declaring the same certificat, exactly one succeeds', async () => {
    // PostgreSQL: two server instances on one database, the transactions alternating between them.
    const stores = engine === 'postgres' ? [store, await env.another()] : [store];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        stores[i % stores.length].transaction(async (tx: Tx) => {
          await tx.get('workers', '3');
          await tx.insert('declarations', certificat(`c${i}`, '3', 2027));
          return i;
        }),
      ),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const e of refused)
      expect(e).toEqual(new UniqueViolation('declarations', 'certificat_par_campagne'));
    for (const s of stores)
      expect(await s.count('declarations', { workerId: '3', campaignYear: 2027 })).toBe(1);
  });

  it('next() under concurrency: 1..N, no gap, no duplicate', async () => {
    const stores = engine === 'postgres' ? [store, await env.another()] : [store];
    const n = 30;
    const numbers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        stores[i % stores.length].transaction(async (tx) => {
          const value = await tx.next('reference:CE-2031');
          await tx.insert(
            'declarations',
            certificat(`s${i}`, '4', 3000 + i, { reference: `CE-2031-${value}` }),
          );
          return value;
        }),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  // The file store runs one transaction at a time: nothing to lock against there.
  it.runIf(engine === 'postgres')(
    'get inside a transaction locks the record until the commit',
    async () => {
      const other = await env.another();
      const locked = gate();
      const release = gate();
      const order: string[] = [];
      const first = store.transaction(async (tx) => {
        await tx.get('workers', '1');
        locked.open();
        await release.opened;
        await tx.update('workers', '1', { nom: 'PREMIER' });
        order.push('first');
      });
      await locked.opened;
      const second = other.transaction(async (tx) => {
        const w = await tx.get('workers', '1');
        order.push(`second saw ${w?.nom}`);
      });
      // The second is seen waiting on the row's lock by the database itself before the first goes on.
      try {
        await waitForLockWaiter(env.location);
      } finally {
        release.open();
      }
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second saw PREMIER']);
    },
  );

  it.runIf(engine === 'postgres')(
    'a deadlock between two instances: the database aborts one, its transaction is tried again',
    async () => {
      const other = await env.another();
      const aHolds = gate();
      const bHolds = gate();
      let tries = 0;
      /** Locks `first`, waits until the other holds its row, then asks for `second`. */
      const crossing = (
        s: Store,
        first: string,
        second: string,
        mine: () => void,
        theirs: Promise<void>,
      ) =>
        s.transaction(async (tx) => {
          tries++;
          await tx.get('workers', first);
          mine();
          await theirs;
          await tx.update('workers', second, { prenom: `par ${first}` });
        });
      await Promise.all([
        crossing(store, '1', '2', aHolds.open, bHolds.opened),
        crossing(other, '2', '1', bHolds.open, aHolds.opened),
      ]);
      // Both committed, the one the database aborted (40P01) on a later try: one more try per deadlock
      // (the store waits a little before trying again, so that is almost always exactly one).
      expect(tries).toBeGreaterThanOrEqual(3);
      expect((await store.get('workers', '1'))?.prenom).toBe('par 2');
      expect((await store.get('workers', '2'))?.prenom).toBe('par 1');
    },
  );

  it('load then dump gives back the world, and the sequences its references imply', async () => {
    const empty = await openEngine(engine);
    try {
      expect(await empty.store.isEmpty()).toBe(true);
      await empty.store.load(smallWorld());
      expect(await empty.store.isEmpty()).toBe(false);
      expect(await empty.store.dump()).toEqual(smallWorld());
      expect(await empty.store.transaction((tx) => tx.next('reference:CE-2026'))).toBe(8);
      expect(await empty.store.transaction((tx) => tx.next('reference:CE-2025'))).toBe(3);
      // A second load meets the records already there.
      expect(await violation(() => empty.store.load(smallWorld()))).toMatchObject({
        constraint: 'cafs_pkey',
      });
      expect(await empty.store.dump()).toEqual(smallWorld());
    } finally {
      await empty.cleanup();
    }
  });

  it('an import’s short reference is counted too: the sequence goes on past it after a load', async () => {
    const empty = await openEngine(engine);
    try {
      const at = '2026-12-10T09:00:00.000Z';
      const monde = smallWorld();
      monde.imports = [
        {
          id: 'i1',
          reference: 'IM-2026-000004',
          esat: monde.esats[0].siret,
          caf: '751',
          userEmail: 'declarant@esat-a.test',
          createdAt: at,
          updatedAt: at,
          status: 'termine',
          fichier: { nom: 'paie.csv', format: 'csv', ligneEntete: 1 },
          campaignYear: 2026,
          entetes: [],
          mapping: {},
          rows: [],
        },
      ];
      await empty.store.load(monde);
      expect(await empty.store.transaction((tx) => tx.next('reference:IM-2026'))).toBe(5);
      expect(await empty.store.transaction((tx) => tx.next('reference:CE-2026'))).toBe(8);
    } finally {
      await empty.cleanup();
    }
  });

  it('isEmpty: nothing in cafs nor users', async () => {
    expect(await store.isEmpty()).toBe(false);
    await store.transaction(async (tx) => {
      await tx.remove('cafs', ['751', '931']);
    });
    expect(await store.isEmpty()).toBe(false);
    await store.transaction(async (tx) => {
      await tx.remove('users', ['declarant@esat-a.test', 'agent@caf-751.test']);
    });
    expect(await store.isEmpty()).toBe(true);
  });

  it('what was committed is there after close and reopen, sequences included', async () => {
    await store.transaction(async (tx) => {
      await tx.insert('workers', worker('8', 'GARDÉ'));
      await tx.update('declarations', 'd1', { etat: 'traitee' });
      expect(await tx.next('reference:CE-2026')).toBe(8);
    });
    const reopened = await env.reopen();
    expect((await reopened.get('workers', '8'))?.nom).toBe('GARDÉ');
    expect((await reopened.get('declarations', 'd1'))?.etat).toBe('traitee');
    expect(await reopened.transaction((tx) => tx.next('reference:CE-2026'))).toBe(9);
    const world = await reopened.dump();
    expect(world.workers).toHaveLength(6);
  });

  it('sessions, throttles and windows: kept like the other tables', async () => {
    await store.transaction(async (tx) => {
      await tx.insert('sessions', {
        id: 'h1',
        email: 'declarant@esat-a.test',
        lastSeen: 1,
        csrf: 'c',
      });
      await tx.put('throttles', { key: 'compte:a', count: 1, last: 5 });
      await tx.put('windows', { key: 'oubli:a', count: 2, since: 7 });
    });
    expect(await store.find('sessions', { email: 'declarant@esat-a.test' })).toHaveLength(1);
    expect(await store.get('throttles', 'compte:a')).toEqual({
      key: 'compte:a',
      count: 1,
      last: 5,
    });
    expect(await store.transaction((tx) => tx.update('windows', 'oubli:a', { count: 3 }))).toEqual({
      key: 'oubli:a',
      count: 3,
      since: 7,
    });
    // Not part of the world: dump leaves them out.
    expect(Object.keys(await store.dump())).not.toContain('sessions');
  });

  it('touch: a session’s last activity changed outside a transaction, seen by every reader', async () => {
    await store.transaction((tx) =>
      tx.insert('sessions', { id: 'h2', email: 'declarant@esat-a.test', lastSeen: 1, csrf: 'c' }),
    );
    await store.touch('sessions', 'h2', { lastSeen: 42 });
    expect(await store.get('sessions', 'h2')).toEqual({
      id: 'h2',
      email: 'declarant@esat-a.test',
      lastSeen: 42,
      csrf: 'c',
    });
    if (engine === 'postgres') {
      // Another instance's connection sees it at once (committed, only not waited for on disk).
      expect((await (await env.another()).get('sessions', 'h2'))?.lastSeen).toBe(42);
    }
    await store.touch('sessions', 'inconnue', { lastSeen: 5 });
    expect(await store.get('sessions', 'inconnue')).toBeUndefined();
  });
});
