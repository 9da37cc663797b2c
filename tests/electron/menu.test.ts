/** The menu's items and Windows shortcuts: role-based, but for the live monitor's own item. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src-main/electron/menu.ts';

function items(template: MenuItemConstructorOptions[]) {
  return Object.fromEntries(
    template.map((menu) => [
      menu.label,
      (menu.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator').map((item) => [item.role ?? item.label, item.accelerator ?? null]),
    ]),
  );
}

describe('application menu', () => {
  it('has the usual Windows shortcuts on role-based items', () => {
    expect(items(buildMenuTemplate({ isDev: false, openMonitor: () => {} }))).toEqual({
      '&File': [['quit', 'CmdOrCtrl+Q']],
      '&Edit': [
        ['undo', 'CmdOrCtrl+Z'],
        ['redo', 'CmdOrCtrl+Y'],
        ['cut', 'CmdOrCtrl+X'],
        ['copy', 'CmdOrCtrl+C'],
        ['paste', 'CmdOrCtrl+V'],
        ['selectAll', 'CmdOrCtrl+A'],
      ],
      '&View': [
        ['resetZoom', 'CmdOrCtrl+0'],
        ['zoomIn', 'CmdOrCtrl+='],
        ['zoomOut', 'CmdOrCtrl+-'],
        ['togglefullscreen', 'F11'],
      ],
      '&Window': [
        ['&Live monitor', 'CmdOrCtrl+Shift+M'],
        ['minimize', null],
        ['close', 'CmdOrCtrl+W'],
      ],
      '&Help': [['about', null]],
    });
  });

  it('adds reload and the developer tools in development only', () => {
    expect(items(buildMenuTemplate({ isDev: true, openMonitor: () => {} }))['&View'].slice(0, 2)).toEqual([
      ['reload', 'CmdOrCtrl+R'],
      ['toggleDevTools', 'CmdOrCtrl+Shift+I'],
    ]);
  });

  it('handles no click itself but the live monitor, which it hands to main', () => {
    const openMonitor = vi.fn();
    for (const isDev of [false, true]) {
      for (const menu of buildMenuTemplate({ isDev, openMonitor })) {
        for (const item of menu.submenu as MenuItemConstructorOptions[]) {
          if (item.label === '&Live monitor') {
            (item.click as () => void)();
            continue;
          }
          expect(item.click).toBeUndefined();
          expect(item.role !== undefined || item.type === 'separator').toBe(true);
        }
      }
    }
    expect(openMonitor).toHaveBeenCalledTimes(2);
  });
});
