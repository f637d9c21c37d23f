/**
 * Issue #12, point 12: the built UI over real HTTP — compressed (brotli, gzip) when the browser
 * accepts it, cached for a year when hashed, revalidated when HTML; real robots.txt and favicon;
 * `GET /api/session` answers 200 whether or not someone is logged in.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.ts';
import { createSite } from '../../server/site.ts';
import { call, login, setup, VILLETTE } from './helpers.ts';
import { root } from './process.ts';

const script = `console.log(${JSON.stringify('Espace Esat '.repeat(4000))});\n`;
const index =
  '<!doctype html><html lang="fr"><head><title>Espace Esat</title></head><body><div id="root"></div></body></html>';
let server: ServerType;
let base: string;
let app: Awaited<ReturnType<typeof setup>>['app'];

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'esat-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), index);
  writeFileSync(join(dist, 'assets', 'main-Ab12Cd34.js'), script);
  cpSync(join(root, 'ui', 'public'), dist, { recursive: true });
  precompressDir(dist);
  // Written after the build's precompression: compressed by the server itself.
  writeFileSync(join(dist, 'assets', 'late-Zz99Yy88.css'), 'body { color: black; }\n'.repeat(300));
  ({ app } = await setup());
  const site = createSite(app, dist);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: site.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One raw GET (no automatic decompression), with the body's bytes as sent. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression', () => {
  it('brotli when accepted, the bytes decompressing to the file', async () => {
    const r = await get('/assets/main-Ab12Cd34.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(r.body).toString()).toBe(script);
    expect(r.body.length).toBeLessThan(script.length / 10);
  });

  it('gzip when brotli is not accepted (or refused with q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.8']) {
      const r = await get('/assets/main-Ab12Cd34.js', { 'Accept-Encoding': accept });
      expect(r.headers['content-encoding'], accept).toBe('gzip');
      expect(gunzipSync(r.body).toString()).toBe(script);
    }
  });

  it('the file as it is when nothing is accepted', async () => {
    const r = await get('/assets/main-Ab12Cd34.js');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(script);
  });

  it('a file the build did not precompress is compressed by the server', async () => {
    const r = await get('/assets/late-Zz99Yy88.css', { 'Accept-Encoding': 'br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(r.body).toString()).toContain('body { color: black; }');
  });
});

describe('caching', () => {
  it('hashed assets are immutable for a year', async () => {
    const r = await get('/assets/main-Ab12Cd34.js', { 'Accept-Encoding': 'br' });
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/travailleurs?page=2', '/une/adresse/du/portail'])(
    'the HTML at %s is revalidated (no-cache) and compressed',
    async (path) => {
      const r = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(gunzipSync(r.body).toString()).toBe(index);
    },
  );

  it('the security headers stay on static files', async () => {
    const r = await get('/assets/main-Ab12Cd34.js');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBeTruthy();
  });
});

describe('robots.txt and favicon.ico', () => {
  it('/robots.txt is a real robots file', async () => {
    const r = await get('/robots.txt');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body.toString()).toMatch(/^User-agent: \*$/m);
    expect(r.body.toString()).toMatch(/^Disallow: \/$/m);
  });

  it('/favicon.ico is an icon, not the page', async () => {
    const r = await get('/favicon.ico');
    expect(r.headers['content-type']).toBe('image/x-icon');
    // ICO header: reserved 0, type 1 (icon).
    expect([...r.body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('nothing outside dist is served', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/main-Ab12Cd34.js.br',
    ]) {
      const r = await get(path);
      expect(r.body.toString(), path).toBe(index);
    }
  });
});

describe('GET /api/session', () => {
  it('answers 200 {authenticated:false} without a session, true with one, never cached', async () => {
    const r = await get('/api/session');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(r.body.toString())).toEqual({ authenticated: false });
    const cookie = await login(app, VILLETTE.declarant);
    expect((await call(app, 'GET', '/api/session', { cookie })).json).toEqual({
      authenticated: true,
    });
    await call(app, 'DELETE', '/api/session', { cookie });
    expect((await call(app, 'GET', '/api/session', { cookie })).json).toEqual({
      authenticated: false,
    });
  });

  it('R-SE-1: an idle session reads false, and the look does not prolong it', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const s = await setup({ clock: () => t, idleMinutes: 30 });
    const cookie = await login(s.app, VILLETTE.declarant);
    t += 20 * 60_000;
    expect((await call(s.app, 'GET', '/api/session', { cookie })).json.authenticated).toBe(true);
    t += 11 * 60_000;
    expect((await call(s.app, 'GET', '/api/session', { cookie })).json.authenticated).toBe(false);
    expect((await call(s.app, 'GET', '/api/me', { cookie })).status).toBe(401);
  });
});
