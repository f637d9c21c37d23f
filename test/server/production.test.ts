/** SPEC §9: ESAT_TODAY fixes "today" outside production only. */
import { mkdtempSync, rmSync } from 'node:fs';
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
    } else {
      expect(json.today).toBe(expected);
    }
  });
});
