/**
 * Where the built pieces of the desktop app live, relative to the app's root (the repository
 * in development, app.asar when installed). The build writes them, main loads them and
 * electron-builder packs them, so all three take the paths from here.
 */

/** The bundled preload: one CommonJS file, since a sandboxed preload cannot import modules. */
export const PRELOAD_BUNDLE = 'dist/electron/preload.cjs';
/** The built renderer (index.html and its assets), served as app://workstation/. */
export const RENDERER_DIR = 'dist/renderer';
/** The preload's source, the bundle's entry. */
export const PRELOAD_SOURCE = 'src-main/electron/preload.ts';
