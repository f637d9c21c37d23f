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
