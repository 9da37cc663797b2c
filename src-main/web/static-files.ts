/**
 * Serves the built renderer (Vite's dist/renderer) to a browser: index.html for `/` and for
 * any path that is not a file (the app routes on the client), the assets with the right
 * Content-Type, and nothing outside the folder. The request path is checked segment by
 * segment before it is joined (so an encoded `..` is refused, not normalised away), and the
 * joined and real paths are checked again to stay inside the folder.
 */
import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { setSecurityHeaders } from './security-headers.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Vite puts content-hashed files here, so they never change under the same name. */
const IMMUTABLE_FOLDER = 'assets';
const INDEX = 'index.html';
export const NOT_BUILT_MESSAGE = 'The workstation pages are not built: run npm run build first';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export function createStaticSite(staticDir: string): RequestHandler {
  const root = path.resolve(staticDir);
  return (request, response) => {
    serve(root, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, 'The workstation could not read this file');
      else response.destroy(error instanceof Error ? error : undefined);
    });
  };
}

/**
 * The decoded path segments of a request target, or null when one of them could leave the
 * folder or name something other than a plain file (`..`, `.`, separators, a drive, NUL).
 */
export function requestSegments(target: string): string[] | null {
  const rawPath = target.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    if (segment !== '') segments.push(segment);
  }
  return segments;
}

async function serve(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const port = request.socket.localPort ?? 0;
  setSecurityHeaders(response, port);
  // A page on another name resolving to 127.0.0.1 (DNS rebinding) would be same-origin with it.
  if (!isOwnHost(request.headers.host, port)) return sendText(response, 421, 'This server only answers to 127.0.0.1 and localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'Only GET and HEAD are served here');
  }
  const segments = requestSegments(request.url ?? '/');
  if (segments === null || !isInside(root, path.join(root, ...segments))) return sendText(response, 400, 'That path is not served');
  // Dotfiles are never part of a build; they are more likely a leftover with something private.
  if (segments.some((segment) => segment.startsWith('.'))) return sendText(response, 404, 'Not found');

  const file = segments.length === 0 ? null : await regularFile(root, path.join(root, ...segments));
  if (file !== null) return sendFile(request, response, file.path, file.stats, segments[0] === IMMUTABLE_FOLDER && segments.length > 1);
  const last = segments.at(-1);
  if (last !== undefined && path.extname(last) !== '') return sendText(response, 404, 'Not found');
  const index = await regularFile(root, path.join(root, INDEX));
  if (index === null) return sendText(response, 503, NOT_BUILT_MESSAGE);
  return sendFile(request, response, index.path, index.stats, false);
}

function isOwnHost(host: string | undefined, port: number): boolean {
  const name = host?.toLowerCase();
  return name === `127.0.0.1:${port}` || name === `localhost:${port}`;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The file when it exists, is a regular file, and its real path (symlinks followed) stays inside the root. */
async function regularFile(root: string, candidate: string): Promise<{ path: string; stats: Stats } | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const stats = await stat(realFile);
    return stats.isFile() ? { path: realFile, stats } : null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG';
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: string, stats: Stats, immutable: boolean): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  response.setHeader('Content-Length', stats.size);
  // index.html and unhashed files are revalidated so a rebuild shows up on reload.
  response.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', (error) => response.destroy(error));
  stream.pipe(response);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(`${text}\n`);
}
