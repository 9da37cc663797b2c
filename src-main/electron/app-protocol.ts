/**
 * The app:// protocol the workstation's pages are served from: the privileges the scheme is
 * registered with, the one origin our pages have, and the handler that serves the built
 * renderer's files with a Content-Security-Policy on every response, errors included.
 * A custom scheme instead of file:// gives the pages a real origin, so 'self' in the CSP, the
 * IPC sender check and the navigation guard all mean "the app's own files" and nothing else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The live monitor: the same page, told by its fragment to show the monitor (src-renderer/monitor/route.ts). */
export const MONITOR_URL = `${APP_ENTRY_URL}#view=monitor`;

/**
 * standard: relative URLs, a real origin and the same-origin policy; secure: treated like
 * https (secure context APIs, no mixed-content exception); fetch and code cache for the bundle.
 * bypassCSP stays off, so the header below is enforced, and corsEnabled too: the pages load
 * only same-origin files, and without it no other origin can read app:// at all.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * Only the app's own files and no eval. style-src allows inline styles because MUI (emotion)
 * injects <style> elements at run time; styles cannot run code. connect-src 'self' keeps the
 * page from talking to any server: everything goes through the preload's IPC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Whether `url` is one of the app's own pages: app://workstation, nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes in Node, so the parts are compared instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** Whether `url` is the live monitor's page, which a page may ask to open (window.open). */
export function isMonitorUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/index.html' && new URLSearchParams(parsed.hash.replace(/^#/, '')).get('view') === 'monitor';
}

/** The protocol.handle handler: files under `rendererRoot`, read off the main thread. */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'method not allowed');
    if (!isAppUrl(request.url)) return respond(404, 'not found');
    const file = fileFor(root, new URL(request.url).pathname);
    if (file === null) return respond(404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return respond(404, 'not found');
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
  };
}

/** The file a URL path names inside `root`, or null when it would leave it. */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded === '/' ? '/index.html' : decoded)}`);
  return file.startsWith(root + path.sep) ? file : null;
}

function respond(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
