/**
 * Issue 5, durability: what the server acknowledged is on disk (write, fsync, rename, fsync of
 * the directory, then the answer), and a damaged data file stops the server instead of being
 * written over.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import {
  DataFileError,
  durableJsonFile,
  nodeOps,
  type DurableOps,
} from '../../server/store/durable.ts';
import { outboxMailer } from '../../server/mail.ts';
import { emptyData, openFileStore, type Data, type FileData } from '../../server/store/index.ts';
import { DEMO_PASSWORD, VILLETTE, call, ready, setup, testWorld, worker, lire } from './helpers.ts';
import { listening, request, session, spawnServer, type Child } from './process.ts';
import { rafaleInterrompue, REDUCTION } from './rafale.ts';

const children: Child[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.process.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'esat-durable-'));
  dirs.push(d);
  return d;
};

describe('durability: kill -9 during a burst of declarations', () => {
  it('every declaration answered 201 is there after a SIGKILL and a restart on the same data', async () => {
    const dir = tempDir();
    const first = await spawnServer(dir);
    children.push(first);
    await listening(first);
    const s = await session(first, VILLETTE.declarant, DEMO_PASSWORD);
    const list = await request(first, 'GET', '/api/workers?caf=751&pageSize=100', s);
    const actifs: string[] = list.json.items
      .filter((w: { dossier: string }) => w.dossier === 'actif')
      .map((w: { id: string }) => w.id);
    expect(actifs.length).toBeGreaterThan(10);

    const { acked, inFlight } = await rafaleInterrompue(first, s, actifs, {
      senders: 16,
      seuil: 60,
      timeout: 50_000,
    });
    // The kill hit requests in flight, not an idle server.
    expect(inFlight).toBeGreaterThan(0);

    const second = await spawnServer(dir);
    children.push(second);
    await listening(second);
    const again = await session(second, VILLETTE.declarant, DEMO_PASSWORD);
    const kept = new Set<string>();
    for (const id of new Set(acked.map((a) => a.workerId))) {
      const fiche = await request(second, 'GET', `/api/workers/${id}`, again);
      expect(fiche.status).toBe(200);
      for (const h of fiche.json.history as { id: string }[]) kept.add(h.id);
    }
    const lost = acked.filter((a) => !kept.has(a.id));
    expect(lost, `${lost.length} of ${acked.length} acknowledged declarations lost`).toEqual([]);
    // And each one's PDF is there too.
    const sample = acked[acked.length - 1];
    const pdf = await fetch(`${second.url}/api/declarations/${sample.id}/pdf`, {
      headers: { Cookie: again.cookie },
    });
    expect(pdf.status).toBe(200);
    // The audit log of the real server is in its data dir.
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"declaration-creee"');
    expect(audit).toContain(`"declaration":"${sample.id}"`);
  }, 60_000);
});

describe('durability: a damaged data file is never started over', () => {
  it('a truncated db.json stops the server with a French and English message, non-zero exit, file untouched', async () => {
    const dir = tempDir();
    const damaged = '{\n  "drafts": [],\n  "cafs": [\n    {\n      "code": "751",\n      "na';
    writeFileSync(join(dir, 'db.json'), damaged);
    const child = await spawnServer(dir);
    children.push(child);
    const code = await child.exited;
    expect(code).not.toBe(0);
    expect(typeof code).toBe('number');
    expect(child.stderr()).toContain('est endommagé');
    expect(child.stderr()).toContain('is damaged');
    expect(child.stderr()).toContain(join(dir, 'db.json'));
    expect(child.stderr()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(readFileSync(join(dir, 'db.json'), 'utf8')).toBe(damaged);
  }, 30_000);

  it('an unreadable db.json (here a directory) stops the server too', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'db.json'));
    const child = await spawnServer(dir);
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toContain('est illisible (EISDIR)');
    expect(child.stderr()).toContain('cannot be read');
  }, 30_000);

  it.each([
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[]'],
    ['an object without our lists', '{"users": []}'],
    ['a list that is not one', JSON.stringify({ ...emptyData(), declarations: {} })],
    ['drafts that are not a list', JSON.stringify({ ...emptyData(), drafts: 'x' })],
  ])('openFileStore refuses a db.json that is %s, and leaves it as it was', async (_, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'db.json'), text);
    await expect(
      openFileStore(dir, { initial: () => ({ ...emptyData(), cafs: [{ code: '1', name: 'x' }] }) }),
    ).rejects.toBeInstanceOf(DataFileError);
    expect(readFileSync(join(dir, 'db.json'), 'utf8')).toBe(text);
  });

  it('a sound file written by an older version (no drafts, no avis) still opens', async () => {
    const dir = tempDir();
    const { drafts: _, avis: __, ...old } = emptyData();
    writeFileSync(join(dir, 'db.json'), JSON.stringify(old));
    const { store } = await openFileStore(dir);
    expect((await lire(store)).drafts).toEqual([]);
  });
});

describe('durability: how a write is made', () => {
  it('writes a temporary file and fsyncs it, renames it over db.json, then fsyncs the directory', async () => {
    const dir = tempDir();
    const file = join(dir, 'db.json');
    const steps: string[] = [];
    const ops: DurableOps = {
      readFile: nodeOps.readFile,
      writeSynced: async (f, text) => {
        steps.push(`write+fsync ${f.slice(dir.length + 1)}`);
        await nodeOps.writeSynced(f, text);
      },
      rename: async (from, to) => {
        steps.push(`rename ${from.slice(dir.length + 1)} ${to.slice(dir.length + 1)}`);
        await nodeOps.rename(from, to);
      },
      syncDir: async (d) => {
        steps.push(`fsync ${d === dir ? 'dir' : d}`);
        await nodeOps.syncDir(d);
      },
    };
    await durableJsonFile<Data>(file, ops).write(emptyData());
    expect(steps).toEqual(['write+fsync db.json.tmp', 'rename db.json.tmp db.json', 'fsync dir']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(emptyData());
  });

  it('a failed write answers 500 and leaves nothing half-done in memory (no declaration shown)', async () => {
    const { dir } = await setup();
    const file = join(dir, 'db.json');
    let failing = false;
    const { store } = await openFileStore(dir, {
      adapter: () =>
        durableJsonFile<FileData>(file, {
          ...nodeOps,
          writeSynced: async (f, text) => {
            if (failing) throw Object.assign(new Error('disque plein'), { code: 'ENOSPC' });
            await nodeOps.writeSynced(f, text);
          },
        }),
    });
    const app = createApp({
      store,
      mailer: outboxMailer(dir),
      today: () => '2026-12-02',
      logError: () => undefined,
    });
    const cookie = await ready(app, VILLETTE.declarant);
    const benali = worker(await testWorld(), 'BENALI', 'Karim');
    failing = true;
    const r = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId: benali.id, kind: 'reduction', data: REDUCTION },
    });
    expect(r.status).toBe(500);
    failing = false;
    const fiche = await call(app, 'GET', `/api/workers/${benali.id}`, { cookie });
    expect(fiche.json.history).toEqual([]);
    const retry = await call(app, 'POST', '/api/declarations', {
      cookie,
      body: { workerId: benali.id, kind: 'reduction', data: REDUCTION },
    });
    expect(retry.status).toBe(201);
  });

  it('group commit: 20 declarations at once are acknowledged by fewer writes, none before its fsync', async () => {
    const { dir } = await setup();
    const file = join(dir, 'db.json');
    let writes = 0;
    let synced = 0;
    const { store } = await openFileStore(dir, {
      adapter: () =>
        durableJsonFile<FileData>(file, {
          ...nodeOps,
          writeSynced: async (f, text) => {
            writes++;
            await nodeOps.writeSynced(f, text);
          },
          syncDir: async (d) => {
            await nodeOps.syncDir(d);
            synced++;
          },
        }),
    });
    const app = createApp({
      store,
      mailer: outboxMailer(dir),
      today: () => '2026-12-02',
      logError: () => undefined,
    });
    const cookie = await ready(app, VILLETTE.declarant);
    const world = await testWorld();
    const villette = world.users.find((u) => u.email === VILLETTE.declarant)!.esat;
    const workers = world.workers.filter(
      (w) => w.esat === villette && w.dossier === 'actif' && w.caf === '751',
    );
    expect(workers.length).toBeGreaterThanOrEqual(20);
    const before = writes;
    const syncedAtAnswer: number[] = [];
    const answers = await Promise.all(
      workers.slice(0, 20).map(async (w) => {
        const r = await call(app, 'POST', '/api/declarations', {
          cookie,
          body: { workerId: w.id, kind: 'reduction', data: REDUCTION },
        });
        syncedAtAnswer.push(synced);
        return r.status;
      }),
    );
    expect(answers).toEqual(Array(20).fill(201));
    // Each answer came after at least one whole write (write, rename, fsync of the directory).
    expect(Math.min(...syncedAtAnswer)).toBeGreaterThan(0);
    const used = writes - before;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(20);
    const reopened = await openFileStore(dir);
    expect(await reopened.store.count('declarations', { kind: 'reduction' })).toBe(20);
  });
});
