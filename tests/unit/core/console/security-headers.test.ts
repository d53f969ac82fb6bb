import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../functions/core/console/security-headers.js';

const directives = (policy: string) => policy.split('; ');

describe('the console content security policy', () => {
  it("denies everything by default and allows only the console's own script, style, images, fonts and forms", () => {
    expect(directives(contentSecurityPolicy())).toEqual([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]);
  });

  it("lets API calls reach the staff pool's sign-in origin, and nothing else beside its own", () => {
    const policy = contentSecurityPolicy('https://staff.auth.eu-west-1.amazoncognito.com');
    expect(directives(policy)).toContain(
      "connect-src 'self' https://staff.auth.eu-west-1.amazoncognito.com",
    );
    expect(directives(policy).filter((d) => d.includes('amazoncognito'))).toHaveLength(1);
  });
});
