import { describe, expect, it } from 'vitest';
import { ZipFormatError, readZipEntries } from '../../../src-main/host/store/zip.ts';
import { writeZip } from './zip-writer.ts';

const csv = Buffer.from('1704067200000,1,2,0.5,1.5,10,1704067259999,15,3,5,7.5,0\n'.repeat(50));
const notes = Buffer.from('stored, not compressed');

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a ZipFormatError');
}

describe('readZipEntries', () => {
  it('reads a deflated and a stored entry, skipping directories', () => {
    const zip = writeZip([
      { name: 'klines/', data: Buffer.alloc(0), method: 'stored' },
      { name: 'klines/BTCUSDT-1m-2024-01.csv', data: csv, method: 'deflate' },
      { name: 'notes.txt', data: notes, method: 'stored' },
    ]);
    const entries = readZipEntries(zip, 'a.zip');
    expect(entries.map((e) => e.name)).toEqual(['klines/BTCUSDT-1m-2024-01.csv', 'notes.txt']);
    expect(entries[0].data.equals(csv)).toBe(true);
    expect(entries[1].data.equals(notes)).toBe(true);
  });

  it('reads an archive with a trailing comment', () => {
    const zip = writeZip([{ name: 'a.csv', data: csv, method: 'deflate' }]);
    const comment = Buffer.from('published by a test');
    zip.writeUInt16LE(comment.length, zip.length - 2);
    expect(readZipEntries(Buffer.concat([zip, comment]), 'a.zip')[0].data.equals(csv)).toBe(true);
  });

  it('reports truncated, damaged and unsupported archives with the file name', () => {
    const deflated = writeZip([{ name: 'a.csv', data: csv, method: 'deflate' }]);
    expect(reason(() => readZipEntries(deflated.subarray(0, deflated.length - 30), 'cut.zip'))).toBe(
      'cut.zip: not a readable zip archive: no end-of-central-directory record (truncated or not a zip file)',
    );
    expect(reason(() => readZipEntries(Buffer.from('not a zip at all, just text'), 'text.zip'))).toContain('text.zip');

    const stored = writeZip([{ name: 'a.csv', data: csv, method: 'stored' }]);
    stored[30 + 'a.csv'.length + 5] ^= 0xff;
    expect(reason(() => readZipEntries(stored, 'flip.zip'))).toBe(
      'flip.zip: not a readable zip archive: a.csv: CRC-32 mismatch (the archive is damaged)',
    );

    const garbage = Buffer.from(deflated);
    garbage.fill(0xff, 30 + 5, 30 + 5 + 8);
    expect(reason(() => readZipEntries(garbage, 'bad.zip'))).toMatch(/^bad\.zip: not a readable zip archive: a\.csv: /);

    const encrypted = writeZip([{ name: 'a.csv', data: csv, method: 'stored' }]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(0x801, central + 8);
    expect(reason(() => readZipEntries(encrypted, 'e.zip'))).toContain('a.csv is encrypted');
    encrypted.writeUInt16LE(0x800, central + 8);
    encrypted.writeUInt16LE(14, central + 10);
    expect(reason(() => readZipEntries(encrypted, 'm.zip'))).toContain('compression method 14');
  });
});
