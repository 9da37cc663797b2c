/**
 * Builds the renderer (src-renderer) into dist/renderer, which Electron serves as
 * app://workstation/ and the web host serves over HTTP. base './' keeps every asset URL
 * relative, so the same files work under both origins. Tests use vitest.config.ts, not this.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // One desktop page loaded from disk or localhost: chunk size is not a network concern.
    chunkSizeWarningLimit: 2000,
  },
});
