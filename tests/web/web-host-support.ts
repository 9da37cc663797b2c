/**
 * What the web host tests share: a temp folder holding a data dir, a fake renderer build
 * (index.html and one hashed asset) and, next to the build, a file a traversal would reach;
 * and a raw HTTP GET that sends the request target exactly as written (fetch normalises `..`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const INDEX_HTML = '<!doctype html><title>workstation</title><div id="root"></div>\n';
export const ASSET_PATH = '/assets/index-3f2a9c.js';
export const ASSET_JS = 'console.log("renderer");\n';
export const SECRET = '{"name":"outside-the-build"}\n';

export interface WebFixture {
  readonly dataDir: string;
  readonly staticDir: string;
  dispose(): void;
}

export function createWebFixture(): WebFixture {
  const folder = mkdtempSync(path.join(tmpdir(), 'bst-web-'));
  const dataDir = path.join(folder, 'data');
  const staticDir = path.join(folder, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(staticDir, ...ASSET_PATH.split('/').filter(Boolean)), ASSET_JS);
  writeFileSync(path.join(folder, 'package.json'), SECRET);
  return { dataDir, staticDir, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export interface RawHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export function rawGet(port: number, target: string, options: { method?: string; host?: string } = {}): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    const headers = options.host === undefined ? {} : { host: options.host };
    const outgoing = request({ host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
