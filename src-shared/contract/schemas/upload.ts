/**
 * Files a window uploads to the core (cache.import): a bare file name and its bytes. The core
 * writes them to disk under these names, so a name must not be able to leave its folder, and
 * the total is capped so one call cannot exhaust the host's memory.
 */
import { z } from 'zod';

/** All files of one call together: years of 1m candles as CSV, yet well within what a page and the core can hold twice. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 255;

/** Path separators (either platform's), a drive or stream colon, and control characters. */
const FORBIDDEN_IN_NAME = /[/\\:\u0000-\u001f\u007f]/;

export const uploadedFileNameSchema = z
  .string()
  .min(1, { error: 'a file name is required' })
  .max(MAX_FILE_NAME_LENGTH, { error: `a file name has at most ${MAX_FILE_NAME_LENGTH} characters` })
  .refine((name) => !FORBIDDEN_IN_NAME.test(name), { error: 'a file name only: no folders (/ or \\), colons or control characters' })
  .refine((name) => name !== '.' && !name.includes('..'), { error: 'a file name must not be . or contain ..' });

export const uploadedFileSchema = z.strictObject({
  name: uploadedFileNameSchema,
  // Any Uint8Array, a Node Buffer included; z.instanceof would narrow the type to ArrayBuffer-backed ones.
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'expected the file contents as a Uint8Array' }).refine((bytes) => bytes.byteLength > 0, { error: 'the file is empty' }),
});

export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** Case-insensitively, as the folder they are written to may be on macOS or Windows. */
function hasDuplicateNames(files: readonly UploadedFile[]): boolean {
  return new Set(files.map((file) => file.name.toLowerCase())).size !== files.length;
}

export const uploadedFilesSchema = z
  .array(uploadedFileSchema)
  .min(1, { error: 'choose at least one file to import' })
  .refine((files) => !hasDuplicateNames(files), { error: 'two files have the same name' })
  .refine((files) => files.reduce((sum, file) => sum + file.bytes.byteLength, 0) <= MAX_UPLOAD_BYTES, {
    error: `the files exceed ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together; import them in several steps`,
  });
