/**
 * Issue #12, point 10 (TOOLCHAIN pitfall 7): `npm start` builds React's production bundle even
 * when NODE_ENV=development is in the environment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './process.ts';

const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>;

describe('npm start', () => {
  it('builds with the production build script before starting the server', () => {
    expect(scripts.start).toMatch(/^npm run build:production && /);
  });

  it('with NODE_ENV=development in the environment, still bundles React for production', () => {
    const out = mkdtempSync(join(tmpdir(), 'esat-start-build-'));
    execFileSync(
      'npm',
      ['run', 'build:production', '--', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: root, env: { ...process.env, NODE_ENV: 'development' }, stdio: 'pipe' },
    );
    const main = readdirSync(join(out, 'assets')).find((f) => /^main-.*\.js$/.test(f))!;
    const code = readFileSync(join(out, 'assets', main), 'utf8');
    // React 19's development build names its stack frames "react-stack-top-frame".
    expect(code).not.toContain('react-stack-top-frame');
    expect(code.length).toBeLessThan(700_000);
    // And the build writes the compressed forms server/site.ts sends.
    expect(readdirSync(join(out, 'assets'))).toContain(`${main}.br`);
  }, 120_000);
});
