/**
 * A small reader for the zip archives data.binance.vision publishes (one CSV per archive),
 * built on Node's zlib so the cache needs no unzip dependency. It walks the central
 * directory, reads each entry through its local header, inflates stored or deflated data and
 * checks the CRC-32 and size, so a truncated or damaged download is reported, never imported.
 * Zip64, encryption and multi-disk archives are refused with a clear message.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

export class ZipFormatError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: not a readable zip archive: ${reason}`);
    this.name = 'ZipFormatError';
    this.file = file;
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;

/** Every file entry of the archive (directories skipped), in central-directory order. */
export function readZipEntries(zip: Buffer, file: string): ZipEntry[] {
  const fail = (reason: string): never => {
    throw new ZipFormatError(file, reason);
  };
  const end = findEndRecord(zip) ?? fail('no end-of-central-directory record (truncated or not a zip file)');
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) fail('multi-disk archives are not supported');
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) fail('zip64 archives are not supported');
  if (directoryOffset + directorySize > end) fail('the central directory lies outside the file');

  const entries: ZipEntry[] = [];
  let pos = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (pos + 46 > end || zip.readUInt32LE(pos) !== CENTRAL_DIRECTORY_ENTRY) fail(`central directory entry ${index + 1} is damaged`);
    const flags = zip.readUInt16LE(pos + 8);
    const method = zip.readUInt16LE(pos + 10);
    const crc = zip.readUInt32LE(pos + 16);
    const compressedSize = zip.readUInt32LE(pos + 20);
    const size = zip.readUInt32LE(pos + 24);
    const nameLength = zip.readUInt16LE(pos + 28);
    const extraLength = zip.readUInt16LE(pos + 30);
    const commentLength = zip.readUInt16LE(pos + 32);
    const localOffset = zip.readUInt32LE(pos + 42);
    const nameEnd = pos + 46 + nameLength;
    if (nameEnd > end) fail(`central directory entry ${index + 1} is damaged`);
    const name = zip.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', pos + 46, nameEnd);
    pos = nameEnd + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) fail(`${name}: zip64 entries are not supported`);
    if (flags & FLAG_ENCRYPTED) fail(`${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) fail(`${name} uses compression method ${method}; only stored and deflate are supported`);

    if (localOffset + 30 > directoryOffset || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
      fail(`${name}: local file header missing at offset ${localOffset}`);
    }
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > directoryOffset) fail(`${name}: compressed data runs past the end of the archive`);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === STORED) {
      data = raw;
    } else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        return fail(`${name}: deflate data is corrupt (${(error as Error).message})`);
      }
    }
    if (data.length !== size) fail(`${name}: expected ${size} bytes, got ${data.length}`);
    if (crc32(data) !== crc) fail(`${name}: CRC-32 mismatch (the archive is damaged)`);
    entries.push({ name, data });
  }
  return entries;
}

/** Offset of the end-of-central-directory record, searched backwards over a possible comment. */
function findEndRecord(zip: Buffer): number | null {
  const lowest = Math.max(0, zip.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let pos = zip.length - END_RECORD_SIZE; pos >= lowest; pos--) {
    if (zip.readUInt32LE(pos) === END_OF_CENTRAL_DIRECTORY && pos + END_RECORD_SIZE + zip.readUInt16LE(pos + 20) <= zip.length) {
      return pos;
    }
  }
  return null;
}
