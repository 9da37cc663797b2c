/** The error an import throws for a file it cannot take as a whole (name, type, checksum, contents). */
export class ImportError extends Error {
  /** The file as the user named it. */
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ImportError';
    this.file = file;
  }
}
