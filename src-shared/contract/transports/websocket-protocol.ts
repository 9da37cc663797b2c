/**
 * What both ends of the WebSocket transport agree on: the path, how the per-launch token is
 * passed (a query parameter, since a browser cannot set headers on a WebSocket), the greeting
 * that says the connection was accepted, and the close codes that say why it was not.
 */

export const WS_RPC_PATH = '/rpc';
export const WS_TOKEN_PARAM = 'token';

/** Sent by the server once the token and Origin are accepted; calls may follow. */
export const WS_WELCOME = { type: 'welcome' } as const;

export const WS_CLOSE = {
  /** Missing or wrong token. */
  unauthorized: 4401,
  /** An Origin header that is not on the allow-list, or none. */
  forbiddenOrigin: 4403,
  /** Frames that do not decode into messages (RFC 6455: invalid frame payload data). */
  malformed: 1007,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;

/** The connection URL for a server origin and token: `ws://127.0.0.1:PORT/rpc?token=...`. */
export function webSocketUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${WS_RPC_PATH}?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
