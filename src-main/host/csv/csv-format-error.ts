/**
 * The one error a CSV reader throws for bad input. It pins the problem to a file, a 1-based
 * line and (when one cell is at fault) a column, so a user can open the file and fix it.
 */

export class CsvFormatError extends Error {
  /** File name as given to the reader (usually the base name). */
  readonly file: string;
  /** 1-based line number in the file, counting the header line. */
  readonly line: number;
  /** Column name as spelled in the header, or undefined when the problem is the whole row or file. */
  readonly column: string | undefined;
  /** What is wrong, without the location prefix. */
  readonly reason: string;

  constructor(file: string, line: number, reason: string, column?: string) {
    super(`${file} line ${line}: ${column === undefined ? '' : `column ${column}: `}${reason}`);
    this.name = 'CsvFormatError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}
