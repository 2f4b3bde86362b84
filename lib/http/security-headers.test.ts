import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from './security-headers';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
  it('allows scripts only with the request’s nonce (and eval, for the editor’s schema checks)', () => {
    const production = directives(contentSecurityPolicy({ nonce: 'abc123==', development: false }));
    expect(production['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(production['frame-ancestors']).toEqual(["'none'"]);
    expect(production['object-src']).toEqual(["'none'"]);
    expect(production['connect-src']).toEqual(["'self'"]);
    expect(production['script-src']).not.toContain("'unsafe-inline'");
    // No nonce among style sources: it would switch 'unsafe-inline' off for CodeMirror's styles.
    expect(production['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    const development = directives(contentSecurityPolicy({ nonce: 'abc123==', development: true }));
    expect(development['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('sends HSTS only over https, and the rest always', () => {
    const plain = securityHeaders({ nonce: 'n', development: false, https: false });
    expect(plain).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
    expect(plain['permissions-policy']).toContain('camera=()');
    expect(plain['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', development: false, https: true })['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  it('knows https from the load balancer’s x-forwarded-proto', () => {
    const url = new URL('http://10.0.0.1:3000/apps');
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https' }), url)).toBe(true);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https, http' }), url)).toBe(true);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'http' }), new URL('https://berth.example/'))).toBe(false);
    expect(servedOverHttps(new Headers(), url)).toBe(false);
    expect(servedOverHttps(new Headers(), new URL('https://berth.example/'))).toBe(true);
  });

  it('makes a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
