import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/host/data-dir.ts';

const home = path.join(path.sep, 'home', 'ada');

describe('defaultDataDir', () => {
  it("is Electron's userData folder for the product name", () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: path.join('C:', 'Users', 'ada', 'AppData', 'Roaming') }, homeDir: home })).toBe(
      path.join('C:', 'Users', 'ada', 'AppData', 'Roaming', 'Bybit Strategy Tester'),
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, homeDir: home })).toBe(path.join(home, 'AppData', 'Roaming', 'Bybit Strategy Tester'));
    expect(defaultDataDir({ platform: 'darwin', env: {}, homeDir: home })).toBe(
      path.join(home, 'Library', 'Application Support', 'Bybit Strategy Tester'),
    );
    expect(defaultDataDir({ platform: 'linux', env: {}, homeDir: home })).toBe(path.join(home, '.config', 'Bybit Strategy Tester'));
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: path.join(home, 'cfg') }, homeDir: home })).toBe(
      path.join(home, 'cfg', 'Bybit Strategy Tester'),
    );
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, homeDir: home })).toBe(path.join(home, '.config', 'Bybit Strategy Tester'));
  });

  it('defaults to the running platform', () => {
    expect(path.basename(defaultDataDir())).toBe('Bybit Strategy Tester');
  });
});
