/** SPEC §9: ESAT_TODAY fixes "today" outside production only. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isoToday } from '../../forms/calendrier.ts';
import { listening, request, spawnServer, type Child } from './process.ts';

let child: Child | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.process.kill('SIGKILL');
  await child?.exited;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ESAT_TODAY', () => {
  it.each([
    { NODE_ENV: 'test', expected: '2027-06-15' },
    { NODE_ENV: 'production', expected: 'real' },
  ])('with NODE_ENV=$NODE_ENV, today is $expected', async ({ NODE_ENV, expected }) => {
    dir = mkdtempSync(join(tmpdir(), 'esat-today-'));
    child = await spawnServer(dir, { NODE_ENV, ESAT_TODAY: '2027-06-15' });
    await listening(child);
    const { json } = await request(child, 'GET', '/api/calendar');
    if (expected === 'real') {
      expect(json.today).toBe(isoToday());
      expect(child.stderr()).toMatch(/ESAT_TODAY=2027-06-15 ignoré/);
      // R-AC-1: the world it made hashes the passwords at argon2id's own cost (19 MiB, 2
      // passes), not at the light one the tests' worlds take (helpers.ts, TEST_HASH_COST).
      const { users } = JSON.parse(readFileSync(join(dir, 'db.json'), 'utf8'));
      expect(users.length).toBeGreaterThan(0);
      for (const u of users) expect(u.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    } else {
      expect(json.today).toBe(expected);
    }
  });
});
