/**
 * The app:// handler over a real folder: files with their types, the CSP on every response
 * (errors too), and no way out of the renderer folder; plus what counts as the app's origin
 * and what the CSP allows.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, isAppUrl } from '../../src-main/electron/app-protocol.ts';

const base = mkdtempSync(path.join(os.tmpdir(), 'bst-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'chart data.json'), '{}');
writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);

describe('app:// responses', () => {
  it('serves the renderer files with their content type and the CSP', async () => {
    for (const [url, type, body] of [
      ['app://workstation/', 'text/html; charset=utf-8', '<!doctype html>'],
      ['app://workstation/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
      ['app://workstation/assets/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://workstation/assets/chart%20data.json', 'application/json', '{}'],
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(body);
    }
  });

  it('answers everything else with an error that carries the CSP too, and never leaves the folder', async () => {
    const cases: Array<[Request, number]> = [
      [new Request('app://workstation/missing.js'), 404],
      [new Request('app://workstation/assets'), 404],
      [new Request('app://workstation/%2e%2e/secret.txt'), 404],
      [new Request('app://workstation/assets/..%2F..%2Fsecret.txt'), 404],
      [new Request('app://workstation/..%5Csecret.txt'), 404],
      [new Request('app://workstation/%E0%A4%A'), 404],
      [new Request('app://elsewhere/index.html'), 404],
      [new Request('app://workstation/index.html', { method: 'POST', body: 'x' }), 405],
    ];
    for (const [request, status] of cases) {
      const response = await handler(request);
      expect(response.status, request.url).toBe(status);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('outside the renderer');
    }
  });
});

describe('the app origin and its policy', () => {
  it('is app://workstation and nothing that merely looks like it', () => {
    expect(isAppUrl('app://workstation/index.html')).toBe(true);
    expect(isAppUrl('app://workstation/')).toBe(true);
    for (const url of ['app://workstation.evil/', 'app://user@workstation/', 'app://workstation:8080/', 'https://workstation/', 'file:///app/index.html', 'about:blank', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it("allows only the app's own sources, no eval, and no connection anywhere but 'self'", () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*|https?:|ws:/);
  });
});
