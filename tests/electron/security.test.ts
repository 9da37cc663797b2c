/**
 * The guards on their own: which links leave the app for the OS browser, and that a browser
 * that cannot open one does not take the app down.
 */
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, isSafeExternalUrl } from '../../src-main/electron/security.ts';
import { FakeWebContents, settle } from './fake-electron.ts';

describe('external links', () => {
  it('are plain https URLs only', () => {
    expect(isSafeExternalUrl('https://www.bybit.com/en/trade')).toBe(true);
    const refused = [
      'http://example.com/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-settings:',
      'smb://host/share',
      'https://user:pass@example.com/',
      'https ://broken',
      '',
    ];
    for (const url of refused) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('a link that the OS cannot open is logged, not thrown', async () => {
    const contents = new FakeWebContents();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    guardWebContents(contents as never, () => Promise.reject(new Error('no browser')));
    expect(contents.open('https://docs.example/')).toEqual({ action: 'deny' });
    await settle();
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});
