/**
 * Reading fields out of exchange responses. Every malformed field becomes a FailureError of
 * kind 'invalid-response' (retried, then reported), never a NaN in our data.
 */
import type { FundingRate } from '../../../src-shared/market.ts';
import { strictNumber } from './candle-page.ts';
import { FailureError, invalidResponseFailure, type RequestSubject } from './failures.ts';

export function invalid(subject: RequestSubject, problem: string): FailureError {
  return new FailureError(invalidResponseFailure(subject, problem));
}

/** A non-negative amount (tick size, step, minimum); absent or empty means the exchange sets none. */
export function amount(subject: RequestSubject, value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const number = strictNumber(value);
  if (!Number.isFinite(number) || number < 0) {
    throw invalid(subject, `${subject.symbol ?? 'instrument'} ${field} is ${JSON.stringify(value)}, expected a non-negative number`);
  }
  return number;
}

/** An epoch-ms listing time; exchanges send 0 or nothing when they have none. */
export function launchTime(value: unknown): number | null {
  const time = strictNumber(value);
  return Number.isFinite(time) && time > 0 ? time : null;
}

export function record(subject: RequestSubject, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(subject, `expected ${what} to be an object, got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return value as Record<string, unknown>;
}

export function list(subject: RequestSubject, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(subject, `expected ${what} to be a list, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return value;
}

export function text(subject: RequestSubject, value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(subject, `${field} is ${JSON.stringify(value)}, expected a string`);
  return value;
}

export function fundingRate(subject: RequestSubject, time: unknown, rate: unknown): FundingRate {
  const parsedTime = strictNumber(time);
  const parsedRate = strictNumber(rate);
  if (!Number.isFinite(parsedTime) || !Number.isFinite(parsedRate)) {
    throw invalid(subject, `funding row time ${JSON.stringify(time)} rate ${JSON.stringify(rate)} is not a pair of numbers`);
  }
  return { time: parsedTime, rate: parsedRate };
}

/** Settlements in [from, to), one per time, ascending. */
export function fundingInRange(rates: Iterable<FundingRate>, from: number, to: number): FundingRate[] {
  const byTime = new Map<number, FundingRate>();
  for (const rate of rates) if (rate.time >= from && rate.time < to && !byTime.has(rate.time)) byTime.set(rate.time, rate);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
