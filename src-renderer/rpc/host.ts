/**
 * Which host the page runs in. Electron's preload puts the contract bridge on `window`; a plain
 * browser (browser mode) has none and talks to the web host over WebSocket instead.
 */
import type { PreloadBridge } from '../../src-shared/contract/index.ts';

declare global {
  interface Window {
    readonly bst?: PreloadBridge;
  }
}

export function findBridge(): PreloadBridge | undefined {
  return window.bst;
}

export type HostKind = 'electron' | 'browser';

export const hostKind: HostKind = findBridge() === undefined ? 'browser' : 'electron';
