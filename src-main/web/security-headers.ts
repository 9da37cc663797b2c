/**
 * The headers every response of the web host carries, whatever its status: a strict
 * Content-Security-Policy that lets the page load only its own files and talk only to this
 * host's RPC socket, plus the usual hardening (no MIME sniffing, no referrer, no framing).
 */
import type { ServerResponse } from 'node:http';

/** The policy for a host listening on `port` of 127.0.0.1. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    // Only the bundle's own files: no inline scripts and no 'unsafe-eval'.
    "script-src 'self'",
    // MUI styles through emotion, which injects <style> elements at run time; without
    // 'unsafe-inline' every component would render unstyled.
    "style-src 'self' 'unsafe-inline'",
    // data: for the small images bundlers inline and for chart snapshots.
    "img-src 'self' data:",
    "font-src 'self'",
    // Spelled out because browsers disagree on whether 'self' covers ws: URLs.
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function setSecurityHeaders(response: ServerResponse, port: number): void {
  for (const [name, value] of Object.entries(securityHeaders(port))) response.setHeader(name, value);
}
