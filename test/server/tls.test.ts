/**
 * HTTPS without a reverse proxy (ESAT_TLS_CERT, ESAT_TLS_KEY): the real server on TLS sets a
 * Secure cookie and HSTS, and accepts its own https origin. A self-signed certificate is made
 * with openssl for the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, VILLETTE } from './helpers.ts';
import { spawnServer, type Child } from './process.ts';

const dirs: string[] = [];
const children: Child[] = [];
afterAll(() => {
  for (const c of children) c.process.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tlsCall(
  url: string,
  ca: Buffer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
  }>((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = httpsRequest(
      url + path,
      {
        method,
        ca,
        headers: { ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: data }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('HTTPS served directly (ESAT_TLS_CERT / ESAT_TLS_KEY)', () => {
  it('answers over TLS with a Secure session cookie and Strict-Transport-Security', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esat-tls-'));
    dirs.push(dir);
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const child = await spawnServer(join(dir, 'data'), { ESAT_TLS_CERT: cert, ESAT_TLS_KEY: key });
    children.push(child);
    const url = child.url.replace('http://127.0.0.1', 'https://localhost');
    const ca = readFileSync(cert);
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await tlsCall(url, ca, 'GET', '/api/calendar');
        break;
      } catch {
        if (child.process.exitCode !== null || Date.now() > deadline)
          throw new Error(child.output());
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(child.output()).toContain(`Espace Esat : https://localhost:`);
    const r = await tlsCall(
      url,
      ca,
      'POST',
      '/api/session',
      { email: VILLETTE.declarant, password: DEMO_PASSWORD },
      { Origin: url },
    );
    expect(r.status, r.text).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/; Secure/);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  }, 40_000);

  it('a certificate without its key stops the server with a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esat-tls-'));
    dirs.push(dir);
    const child = await spawnServer(join(dir, 'data'), { ESAT_TLS_CERT: join(dir, 'cert.pem') });
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toContain('ESAT_TLS_CERT et ESAT_TLS_KEY vont ensemble');
  }, 30_000);
});
