/**
 * Electron's main-process entry (package.json "main"). Electron runs it as ESM with Node's type
 * stripping; everything happens in startWorkstation, with the real Electron modules. No
 * top-level await: the scheme registration must run before Electron emits 'ready'.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { connectCore } from './core-connection.ts';
import { startWorkstation } from './workstation.ts';

startWorkstation({ app, BrowserWindow, ipcMain, Menu, protocol, session, shell }, { env: process.env, startCore: (dataDir, configDir) => connectCore({ dataDir, configDir }) });
