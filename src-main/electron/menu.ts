/**
 * The application menu: Windows' usual shortcuts on role-based items, so Electron supplies the
 * behaviour (the focused page's undo, the window's zoom); the one item of our own opens the live
 * monitor window, through main's callback.
 * Reload and the developer tools exist only in development: in the installed app they would
 * let a user drop the page's state or poke at the IPC surface.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly isDev: boolean;
  readonly openMonitor: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate({ isDev, openMonitor }: MenuOptions): MenuItemConstructorOptions[] {
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [{ role: 'reload', accelerator: 'CmdOrCtrl+R' }, { role: 'toggleDevTools', accelerator: 'CmdOrCtrl+Shift+I' }, separator]
    : [];
  return [
    { label: '&File', submenu: [{ role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        // Ctrl+Y is Windows' redo; Ctrl+Shift+Z stays available through the role's default.
        { role: 'redo', accelerator: 'CmdOrCtrl+Y' },
        separator,
        { role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', accelerator: 'CmdOrCtrl+V' },
        separator,
        { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...devItems,
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        // The key that carries "+" without Shift on most layouts, as browsers and VS Code bind it.
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        separator,
        { role: 'togglefullscreen', accelerator: 'F11' },
      ],
    },
    {
      label: '&Window',
      submenu: [{ label: '&Live monitor', accelerator: 'CmdOrCtrl+Shift+M', click: () => openMonitor() }, separator, { role: 'minimize' }, { role: 'close', accelerator: 'CmdOrCtrl+W' }],
    },
    { label: '&Help', role: 'help', submenu: [{ role: 'about' }] },
  ];
}
