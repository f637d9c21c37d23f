/**
 * The whole site as served: the API, then the built UI from `dist` (any other GET gets the one
 * page). The API's security headers middleware is mounted first, so static files carry the same
 * headers (CSP, nosniff, framing refused…) as API answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { createApp } from './app.ts';

/** The API and the UI built in `dist` (or a 503 saying to build it). */
export function createSite(api: ReturnType<typeof createApp>, dist: string) {
  const root = new Hono();
  root.route('/', api);
  if (existsSync(join(dist, 'index.html'))) {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    root.use('/*', serveStatic({ root: dist }));
    root.get('*', (c) => c.html(index));
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
