/**
 * The preload of every workstation window, bundled into one CommonJS file (a sandboxed preload
 * cannot import modules). The page gets `window.bst` with exactly `invoke` and `on`, limited to
 * the contract's names; ipcRenderer itself never crosses into the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { createPreloadBridge } from '../transports/electron-preload.ts';

contextBridge.exposeInMainWorld('bst', createPreloadBridge(ipcRenderer, workstationContract));
