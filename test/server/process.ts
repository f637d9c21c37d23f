/**
 * The real server as a child process (as `npm start` runs it, without the build), for what only a
 * process shows: a `kill -9` in the middle of writes, a refusal to start. Free-port and spawn
 * logic as in test/e2e/harness.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const root = new URL('../..', import.meta.url).pathname;

/** The records of a JSON-lines file the server appends to (outbox, audit log); [] if absent. */
export function jsonLines<T = Record<string, unknown>>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Child {
  url: string;
  process: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
}

/** The variables a server started by the tests gets on `dataDir` and `port`, then `env`'s. */
export function variablesDeTest(dataDir: string, port: number, env: Record<string, string>) {
  return {
    ...process.env,
    // Not 'production': ESAT_TODAY (fixed dates of the tests) is refused there (SPEC §9).
    NODE_ENV: 'test',
    PORT: String(port),
    ESAT_DATA_DIR: dataDir,
    ESAT_TODAY: '2026-12-02',
    ...env,
  };
}

/** Spawns `server/index.ts` on a free port over `dataDir`; does not wait for it to listen. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: variablesDeTest(dataDir, port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => {
    output += d;
    stderr += d;
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal!)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    stderr: () => stderr,
    exited,
  };
}

/** Waits until the child answers HTTP (or fails with what it printed). */
export async function listening(child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${child.url}/api/calendar`);
      if (r.status < 500) return;
    } catch {
      /* not yet listening */
    }
    if (
      child.process.exitCode !== null ||
      child.process.signalCode !== null ||
      Date.now() > deadline
    ) {
      throw new Error(`server did not start:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A JSON request to a child server with the session cookie and CSRF token, as the UI sends it. */
export async function request(
  child: Child,
  method: string,
  path: string,
  session?: { cookie: string; csrf: string },
  body?: unknown,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.Cookie = session.cookie;
    headers['X-CSRF-Token'] = session.csrf;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(child.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** Logs in and accepts the CGU; returns what the next requests need. */
export async function session(child: Child, email: string, password: string) {
  const r = await request(child, 'POST', '/api/session', undefined, { email, password });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
  const s = {
    cookie: r.headers.get('set-cookie')!.split(';')[0],
    csrf: r.json.csrfToken as string,
  };
  const cgu = await request(child, 'POST', '/api/cgu', s, { accept: true });
  if (cgu.status !== 200) throw new Error(`cgu: ${cgu.status}`);
  return s;
}
