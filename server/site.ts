/**
 * The whole site as served: the API, then the built UI from `dist` (any other GET gets the one
 * page). The API's security headers middleware is mounted first, so static files carry the same
 * headers (CSP, nosniff, framing refused…) as API answers.
 *
 * Files go out compressed when the browser accepts it: the `.br` / `.gz` written beside them at
 * build time (scripts/precompress.ts), else compressed once here and kept in memory. Hashed
 * files (`/assets/…`) are cached for a year as immutable; the HTML is revalidated each time
 * (`no-cache`), so that a new version is picked up at the next visit.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { createApp } from './app.ts';
import { COMPRESSIBLE } from '../scripts/precompress.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Year-long immutable caching for the hashed build output, revalidation for the rest. */
export const CACHE = {
  hashed: 'public, max-age=31536000, immutable',
  html: 'no-cache',
  other: 'public, max-age=86400',
} as const;

type Encoding = 'br' | 'gzip';

/** The encoding to send, brotli first, from an Accept-Encoding header (q=0 refuses). */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

/** Static files of one directory, with their compressed forms cached in memory. */
function staticFiles(dist: string) {
  const root = resolve(dist);
  const cache = new Map<string, Uint8Array>();
  /** The file's bytes in this encoding (the build's `.br`/`.gz`, else compressed once). */
  const bytes = (file: string, encoding: Encoding | undefined): Uint8Array => {
    const key = `${file}\0${encoding ?? ''}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
    let out: Uint8Array;
    if (suffix && existsSync(file + suffix)) out = readFileSync(file + suffix);
    else {
      const raw = readFileSync(file);
      out = encoding === 'br' ? brotliCompressSync(raw) : encoding === 'gzip' ? gzipSync(raw) : raw;
    }
    cache.set(key, out);
    return out;
  };
  /** The file a URL path names inside dist, or undefined (never outside it). */
  const find = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = resolve(root, `.${decoded}`);
    if (!file.startsWith(root + sep)) return undefined;
    if (/\.(br|gz)$/.test(file)) return undefined;
    return existsSync(file) && statSync(file).isFile() ? file : undefined;
  };
  /** Answers one file with its type, caching and, when worth it, compression. */
  const send = (c: Context, file: string, cacheControl: string) => {
    const encoding = COMPRESSIBLE.test(file)
      ? chooseEncoding(c.req.header('accept-encoding'))
      : undefined;
    const body = bytes(file, encoding);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      'Content-Length': String(body.length),
    };
    if (COMPRESSIBLE.test(file)) headers.Vary = 'Accept-Encoding';
    if (encoding) headers['Content-Encoding'] = encoding;
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  };
  const cacheFor = (file: string) =>
    file.startsWith(join(root, 'assets') + sep)
      ? CACHE.hashed
      : file.endsWith('.html')
        ? CACHE.html
        : CACHE.other;
  return { find, send, cacheFor, index: join(root, 'index.html') };
}

/** The API and the UI built in `dist` (or a 503 saying to build it). */
export function createSite(api: ReturnType<typeof createApp>, dist: string) {
  const root = new Hono();
  root.route('/', api);
  if (existsSync(join(dist, 'index.html'))) {
    const files = staticFiles(dist);
    root.on(['GET', 'HEAD'], '*', (c) => {
      const file = files.find(c.req.path);
      if (file) return files.send(c, file, files.cacheFor(file));
      // The one page of the UI, for every address of its screens.
      return files.send(c, files.index, CACHE.html);
    });
  } else {
    root.get('*', (c) =>
      c.text(
        "L'interface n'est pas construite : lancez `npm run build` (ou `npm start`).\nThe UI is not built: run `npm run build`.",
        503,
      ),
    );
  }
  return root;
}
