// Security headers on every response: a CSP that allows only our own scripts (the built index.html has no
// inline script; tests/server/http.headers.test.ts checks the build), no framing, no MIME sniffing, no
// referrer leaving the site, no powerful features, and HSTS once the site is reached over HTTPS.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { infoOf, type AppEnv } from './session';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style properties through the DOM (allowed); style="" in markup is not used by the first screen.
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()';

/** One year, as HSTS preload lists ask; sent only over HTTPS (a browser ignores it over HTTP anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // A route may send a stricter or page-specific policy (the print views' hashed <style>).
    if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-frame-options', 'DENY');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('permissions-policy', PERMISSIONS_POLICY);
    c.header('cross-origin-opener-policy', 'same-origin');
    if (infoOf(c).https) c.header('strict-transport-security', HSTS);
  };
}

/** The policy for a generated page whose only inline content is its <style> blocks: each allowed by hash. */
export function cspForHtml(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${hashes.join(' ')}`.trim());
}
