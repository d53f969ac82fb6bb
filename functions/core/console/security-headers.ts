// The headers every console response carries, in AWS (a CloudFront response-headers policy) and
// locally (the loopback server) alike, so the browser tests check the policy that is deployed.

/**
 * A strict Content-Security-Policy: the console's own script and style sheet only (no inline
 * script or style, no third-party origin), API calls to its own origin, and the staff pool's
 * sign-in origin for the OAuth code exchange (none locally: the stand-in is the same origin).
 */
export function contentSecurityPolicy(signInOrigin?: string): string {
  const self = "'self'";
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `style-src ${self}`,
    `img-src ${self}`,
    `font-src ${self}`,
    `connect-src ${[self, signInOrigin].filter(Boolean).join(' ')}`,
    `form-action ${self}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The other security headers, beside the CSP (and HSTS, which only HTTPS carries). */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** HTTPS only: two years, subdomains included. */
export const STRICT_TRANSPORT_SECURITY_SECONDS = 63_072_000;
