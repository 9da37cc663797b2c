/**
 * Time cells of candle CSVs: ISO 8601 dates and datetimes parsed by hand (Date.parse is slow,
 * locale-free only for some shapes, and treats a bare datetime as local time), and epoch
 * numbers whose unit is inferred from their magnitude.
 */

/** How a file writes its times: ISO text, or epoch seconds, milliseconds or microseconds. */
export type CsvTimeUnit = 'iso' | 's' | 'ms' | 'us';

export const TIME_UNIT_NAMES: Readonly<Record<CsvTimeUnit, string>> = {
  iso: 'ISO 8601 text',
  s: 'epoch seconds',
  ms: 'epoch milliseconds',
  us: 'epoch microseconds',
};

/**
 * Epoch unit thresholds. Each unit covers the same span, 1973-03-03T09:46:40Z up to
 * 5138-11-16T09:46:40Z, so the ranges cannot overlap:
 *   seconds       1e8  <= v < 1e11
 *   milliseconds  1e11 <= v < 1e14
 *   microseconds  1e14 <= v < 1e17
 * Anything below 1e8 is refused rather than read as 1970 seconds: a column of row numbers or
 * a compact date like 20240101 must not pass for a time. Market data from before March 1973
 * has to use ISO dates.
 */
export const EPOCH_SECONDS_MIN = 1e8;
export const EPOCH_MILLISECONDS_MIN = 1e11;
export const EPOCH_MICROSECONDS_MIN = 1e14;
export const EPOCH_MICROSECONDS_END = 1e17;

/** The unit of an epoch value by magnitude, or null when it is outside every unit's range. */
export function epochUnitOf(value: number): 's' | 'ms' | 'us' | null {
  if (!(value >= EPOCH_SECONDS_MIN)) return null;
  if (value < EPOCH_MILLISECONDS_MIN) return 's';
  if (value < EPOCH_MICROSECONDS_MIN) return 'ms';
  if (value < EPOCH_MICROSECONDS_END) return 'us';
  return null;
}

/** Converts an epoch value in `unit` to epoch milliseconds. */
export function epochToMs(value: number, unit: 's' | 'ms' | 'us'): number {
  return unit === 's' ? value * 1000 : unit === 'ms' ? value : value / 1000;
}

/** True when text[start, end) is shaped like an ISO date (a dash after a 4-digit year). */
export function looksLikeIsoDate(text: string, start: number, end: number): boolean {
  return end - start >= 10 && text.charCodeAt(start + 4) === 45;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD[T| ]HH:MM[:SS[.f…]]` with an optional `Z`, `±HH:MM`,
 * `±HHMM` or `±HH` offset, into epoch milliseconds UTC; no offset means UTC. Fraction digits
 * past milliseconds are truncated. Returns NaN for anything else, including impossible
 * calendar values (2023-02-29, 24:00).
 */
export function parseIsoTime(text: string, start: number, end: number): number {
  if (end - start < 10) return Number.NaN;
  const year = digits(text, start, 4);
  const month = digits(text, start + 5, 2);
  const day = digits(text, start + 8, 2);
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return Number.NaN;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  const dateMs = daysFromCivil(year, month, day) * MS_PER_DAY;
  let i = start + 10;
  if (i === end) return dateMs;

  const separator = text.charCodeAt(i);
  if (separator !== 84 && separator !== 116 && separator !== 32) return Number.NaN;
  i++;
  if (end - i < 5 || text.charCodeAt(i + 2) !== 58) return Number.NaN;
  const hour = digits(text, i, 2);
  const minute = digits(text, i + 3, 2);
  i += 5;
  let second = 0;
  if (i < end && text.charCodeAt(i) === 58) {
    if (end - i < 3) return Number.NaN;
    second = digits(text, i + 1, 2);
    i += 3;
  }
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  let millisecond = 0;
  if (i < end && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
    i++;
    const fractionStart = i;
    let scale = 100;
    let c = 0;
    while (i < end && (c = text.charCodeAt(i) - 48) >= 0 && c <= 9) {
      millisecond += c * scale;
      scale = Math.trunc(scale / 10);
      i++;
    }
    if (i === fractionStart) return Number.NaN;
  }
  const localMs = dateMs + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
  if (i === end) return localMs;

  const sign = text.charCodeAt(i);
  if ((sign === 90 || sign === 122) && i + 1 === end) return localMs;
  if (sign !== 43 && sign !== 45) return Number.NaN;
  i++;
  const rest = end - i;
  let offsetHours: number;
  let offsetMinutes = 0;
  if (rest === 2) {
    offsetHours = digits(text, i, 2);
  } else if (rest === 4) {
    offsetHours = digits(text, i, 2);
    offsetMinutes = digits(text, i + 2, 2);
  } else if (rest === 5 && text.charCodeAt(i + 2) === 58) {
    offsetHours = digits(text, i, 2);
    offsetMinutes = digits(text, i + 3, 2);
  } else {
    return Number.NaN;
  }
  if (!(offsetHours <= 23 && offsetMinutes <= 59)) return Number.NaN;
  const offsetMs = offsetHours * MS_PER_HOUR + offsetMinutes * MS_PER_MINUTE;
  return sign === 43 ? localMs - offsetMs : localMs + offsetMs;
}

/** The `count` decimal digits at text[start], or NaN if any of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
