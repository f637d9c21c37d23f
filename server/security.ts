/**
 * What every answer carries and every state-changing request must show (issue 5, hardening):
 * security headers with a strict Content-Security-Policy, HSTS over HTTPS, and the same-origin
 * check that refuses a request sent by another site's page (CSRF, first layer; the per-session
 * token of app.ts is the second).
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { fail } from './errors.ts';

/** Whether to believe X-Forwarded-Proto/-Host/-For (ESAT_TRUST_PROXY=1, behind a reverse proxy). */
export interface ProxyOptions {
  trustProxy?: boolean;
}

/** The first value of a list header (`a, b` → `a`). */
const first = (value: string | undefined) => value?.split(',')[0]?.trim() || undefined;

/** Whether the request reached us over HTTPS: direct TLS, or said so by a trusted proxy. */
export function overHttps(c: Context, { trustProxy }: ProxyOptions): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return !!trustProxy && first(c.req.header('x-forwarded-proto'))?.toLowerCase() === 'https';
}

/** The origin the user's browser sees (`https://esat.example.org`), to compare with `Origin`. */
export function publicOrigin(c: Context, options: ProxyOptions): string {
  const host =
    (options.trustProxy && first(c.req.header('x-forwarded-host'))) || new URL(c.req.url).host;
  return `${overHttps(c, options) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/**
 * The client's address for login throttling: the socket's peer, or behind a trusted proxy the
 * last address that proxy added to X-Forwarded-For (the ones before it are the client's word).
 */
export function clientAddress(c: Context, { trustProxy }: ProxyOptions): string | undefined {
  if (trustProxy) {
    const chain = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim());
    const last = chain?.filter(Boolean).at(-1);
    if (last) return last;
  }
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
}

const unsafe = /^(POST|PUT|PATCH|DELETE)$/;

/**
 * The routes that take a body other than JSON (a CSV or XLSX file, multipart), exempted from
 * `jsonOnly`: the payroll import of SPEC §12 (R-IM). A route is added here by name, on purpose.
 */
export const routesFichiers = ['/api/imports'];

/** The deepest JSON body accepted: our bodies are 3 levels deep, a 4 000-level one broke a write. */
export const PROFONDEUR_MAX = 20;

/** Whether the request has a body: said by its headers from a socket, or present on a Request. */
function aUnCorps(c: Context): boolean {
  const length = c.req.header('content-length');
  if (c.req.header('transfer-encoding')) return true;
  if (length !== undefined) return length !== '0';
  const fromSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
  return !fromSocket && c.req.raw.body !== null;
}

/** How deep `text` nests arrays and objects, read as JSON text (strings skipped), up to `max` + 1. */
export function profondeurJson(text: string, max = PROFONDEUR_MAX): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest && (deepest = depth) > max) return deepest;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/**
 * JSON routes take JSON only (issue 11, points 1 and 13): a state-changing /api request with a
 * body must say `Content-Type: application/json` (415 otherwise), and the body may not nest
 * deeper than PROFONDEUR_MAX (400). The size is bounded before, by the body limit of app.ts.
 * Routes taking a file are listed in `routesFichiers`.
 */
export function jsonOnly(): MiddlewareHandler {
  return async function jsonOnlyCheck(c, next) {
    const exempt = routesFichiers.some((r) => c.req.path === r || c.req.path.startsWith(`${r}/`));
    if (/^(POST|PUT|PATCH)$/.test(c.req.method) && !exempt && aUnCorps(c)) {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        fail(
          415,
          'type-non-supporte',
          'Le contenu de la requête doit être du JSON, envoyé avec l’en-tête « Content-Type: application/json ».',
        );
      }
      if (profondeurJson(await c.req.text()) > PROFONDEUR_MAX) {
        fail(
          400,
          'json-trop-profond',
          `Le contenu de la requête imbrique trop de niveaux (${PROFONDEUR_MAX} au plus).`,
        );
      }
    }
    await next();
  };
}

/**
 * What anonymous clients can make the service write (issue 11, point 5): a client address
 * without a live session gets at most `accepter`'s quota of state-changing /api requests (login,
 * « Mot de passe oublié ? », refused cross-origin requests: each one hashes or writes a line),
 * then 429 with Retry-After. Requests whose address is unknown (no socket: tests) are not counted.
 */
export function limiteAnonyme(options: {
  proxy: ProxyOptions;
  anonyme: (c: Context) => boolean | Promise<boolean>;
  accepter: (
    address: string,
  ) =>
    | { ok: true }
    | { ok: false; secondes: number }
    | Promise<{ ok: true } | { ok: false; secondes: number }>;
}): MiddlewareHandler {
  return async function limiteAnonymeCheck(c, next) {
    if (unsafe.test(c.req.method) && (await options.anonyme(c))) {
      const address = clientAddress(c, options.proxy);
      const verdict = address ? await options.accepter(address) : { ok: true as const };
      if (!verdict.ok) {
        c.header('Retry-After', String(verdict.secondes));
        fail(
          429,
          'trop-de-requetes',
          'Trop de requêtes depuis cet accès. Réessayez dans une minute.',
        );
      }
    }
    await next();
  };
}

/** French message of every CSRF refusal. */
export const messageCsrf =
  'La requête a été refusée par mesure de sécurité. Rechargez la page puis réessayez.';

/**
 * CSRF, first layer: a state-changing request whose `Origin` is another site, or which the
 * browser marks as cross-site (`Sec-Fetch-Site`), is refused with 403 `csrf`. Requests without
 * either header do not come from a browser page (curl, tests) and go on to the token check.
 */
export function sameOrigin(options: ProxyOptions): MiddlewareHandler {
  return async function sameOriginCheck(c, next) {
    if (unsafe.test(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
      if (
        crossSite ||
        (origin !== undefined && origin.toLowerCase() !== publicOrigin(c, options))
      ) {
        fail(403, 'csrf', messageCsrf);
      }
    }
    await next();
  };
}

/**
 * The two <style> elements react-aria-components adds to the page, allowed by their hash (not by
 * 'unsafe-inline'): usePress's, which removes the double-tap zoom delay on pressable elements,
 * and usePreventScroll's, for modal dialogs on iOS. A react-aria upgrade that changes them is
 * caught by test/server/hardening.test.ts and test/e2e/csp.test.ts.
 */
export const reactAriaStyles = [
  '@layer {\n  [data-react-aria-pressable] {\n    touch-action: pan-x pan-y pinch-zoom;\n  }\n}',
  '@layer {\n  * {\n    overscroll-behavior: contain;\n  }\n}',
];
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The Content-Security-Policy the built UI runs under: nothing inline, nothing evaluated, no
 * plugin, no framing, no other site. React sets inline styles through the CSSOM, which CSP does
 * not govern, so style attributes need no 'unsafe-inline' (test/e2e/csp.test.ts watches for
 * violations on the real screens).
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", ...reactAriaStyles.map(sha256)],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** Security headers on every answer, API and static UI alike; HSTS only over HTTPS. */
export function securityHeaders(options: ProxyOptions): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    // Set below, and only over HTTPS: over plain HTTP browsers ignore it anyway.
    strictTransportSecurity: false,
    permissionsPolicy: {
      accelerometer: [],
      camera: [],
      geolocation: [],
      gyroscope: [],
      magnetometer: [],
      microphone: [],
      payment: [],
      usb: [],
      fullscreen: ['self'],
    },
  });
  return async function security(c, next) {
    await headers(c, async () => {
      await next();
      if (overHttps(c, options)) {
        c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      }
    });
  };
}
