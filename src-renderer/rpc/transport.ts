/**
 * Opens the one transport this page uses: the preload bridge in Electron, or a WebSocket to the
 * web host in a browser, authenticated by the per-launch token the host put in the URL
 * fragment (`#token=...`; a fragment never reaches server logs or Referer headers).
 */
import {
  type ClientTransport,
  connectWebSocketTransport,
  createBridgeTransport,
  type WebSocketLike,
  webSocketUrl,
} from '../../src-shared/contract/index.ts';
import { findBridge } from './host.ts';

export function launchToken(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

/**
 * Resolves once calls can be made. `onLost` fires when an accepted WebSocket closes later;
 * the bridge has no such moment (a dead core answers 'unavailable' and says so in core.status).
 */
export async function openTransport(onLost: (message: string) => void): Promise<ClientTransport> {
  const bridge = findBridge();
  if (bridge !== undefined) return createBridgeTransport(bridge);

  const token = launchToken(location.hash);
  if (token === null || token === '') {
    throw new Error('This address has no launch token: open the link the web host printed (it ends in #token=...).');
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(webSocketUrl(`${scheme}//${location.host}`, token));
  let accepted = false;
  socket.addEventListener('close', (event) => {
    if (accepted) onLost(event.reason === '' ? `The connection closed (code ${event.code})` : event.reason);
  });
  const transport = await connectWebSocketTransport(socket as WebSocketLike);
  accepted = true;
  return transport;
}
