/**
 * Allocation-free building blocks for reading large CSV texts: splitting one line into cell
 * bounds and parsing a decimal straight out of the text. Cells are never materialised as
 * strings on the hot path; a reader keeps one reusable bounds buffer for the whole file.
 */

import { CsvFormatError } from './csv-format-error.ts';

const COMMA = 44;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/**
 * Splits text[lineStart, lineEnd) (no line terminator) into cells. For cell k, bounds[2k] and
 * bounds[2k+1] receive the trimmed content range, inside the quotes for a quoted cell (a
 * doubled quote inside stays doubled: no numeric or time cell can contain one anyway). Cells
 * beyond the buffer's capacity are counted but not stored, so the caller can report the
 * real count. Quoted cells may not span lines: market data never needs that.
 */
export function splitCells(
  text: string,
  lineStart: number,
  lineEnd: number,
  bounds: Int32Array,
  file: string,
  line: number,
): number {
  const capacity = bounds.length >> 1;
  let count = 0;
  let pos = lineStart;
  for (;;) {
    let c = 0;
    while (pos < lineEnd && ((c = text.charCodeAt(pos)) === SPACE || c === TAB)) pos++;
    let start: number;
    let end: number;
    if (pos < lineEnd && c === QUOTE) {
      start = pos + 1;
      let q = start;
      for (;;) {
        q = text.indexOf('"', q);
        if (q < 0 || q >= lineEnd) {
          throw new CsvFormatError(file, line, `cell ${count + 1} has an opening quote but no closing quote`);
        }
        if (q + 1 < lineEnd && text.charCodeAt(q + 1) === QUOTE) q += 2;
        else break;
      }
      end = q;
      pos = q + 1;
      while (pos < lineEnd && ((c = text.charCodeAt(pos)) === SPACE || c === TAB)) pos++;
      if (pos < lineEnd && c !== COMMA) {
        throw new CsvFormatError(file, line, `cell ${count + 1} has text after its closing quote`);
      }
    } else {
      start = pos;
      pos = text.indexOf(',', pos);
      if (pos < 0 || pos > lineEnd) pos = lineEnd;
      end = pos;
      while (end > start && ((c = text.charCodeAt(end - 1)) === SPACE || c === TAB)) end--;
    }
    if (count < capacity) {
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
    }
    count++;
    if (pos >= lineEnd) return count;
    pos++;
  }
}

/** Cell content as a string with doubled quotes undone; for headers and error messages only. */
export function cellText(text: string, bounds: Int32Array, cell: number): string {
  return text.slice(bounds[2 * cell], bounds[2 * cell + 1]).replaceAll('""', '"');
}

/** True when text[start, end) holds nothing but spaces and tabs. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

const EXACT_INTEGER_LIMIT = 2 ** 53;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parses text[start, end) as a plain decimal: optional sign, digits with an optional fraction,
 * optional exponent. Returns NaN for anything else (empty, hex, "NaN", "Infinity", "1,5"),
 * which Number() would partly accept. When the digits fit in 2^53 and there are at most 22
 * fraction digits, mantissa / 10^k is one correctly rounded division of two exact values,
 * hence the same double Number() returns; other inputs are checked here and handed to Number().
 */
export function parseDecimal(text: string, start: number, end: number): number {
  let i = start;
  if (i >= end) return Number.NaN;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  while (i < end && (c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
    mantissa = mantissa * 10 + c;
    digits++;
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end && (c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      fractionDigits++;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return Number.NaN;
    i++;
    if (i < end && ((c = text.charCodeAt(i)) === 43 || c === 45)) i++;
    const exponentStart = i;
    while (i < end && (c = text.charCodeAt(i) - 48) >= 0 && c <= 9) i++;
    if (i === exponentStart || i < end) return Number.NaN;
    return Number(text.slice(start, end));
  }
  if (mantissa < EXACT_INTEGER_LIMIT && fractionDigits < POWERS_OF_TEN.length) {
    const value = mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }
  return Number(text.slice(start, end));
}
