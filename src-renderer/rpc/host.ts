/**
 * Which host the page runs in. Electron's preload puts the contract bridge on `window`; a plain
 * browser (browser mode) has none and talks to the web host over WebSocket instead.
 */
import type { PreloadBridge } from '../../src-shared/contract/index.ts';

/** The preload surface plus the one helper file import needs in Electron. */
export interface RendererBridge extends PreloadBridge {
  /**
   * The absolute path of a dropped or picked file (Electron's webUtils.getPathForFile); File.path
   * no longer exists in a sandboxed page, and cache.import takes paths.
   */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    readonly bst?: RendererBridge;
  }
}

export function findBridge(): RendererBridge | undefined {
  return window.bst;
}

export type HostKind = 'electron' | 'browser';

export const hostKind: HostKind = findBridge() === undefined ? 'browser' : 'electron';
