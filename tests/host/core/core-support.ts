/**
 * A CoreServices on a fresh temp data dir, pointed at a shared exchange simulator, that records
 * every event it emits (with the time it arrived) and closes and cleans up after each test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';
import { type CoreEvent, CoreServices, type CoreServicesOptions } from '../../../src-main/host/core/index.ts';
import type { CandleRows } from '../../../src-main/host/exchanges/adapter.ts';
import type { ExchangeSimulator } from '../../exchange-sim/index.ts';
import { fixturePath } from '../../support/fixtures.ts';

export interface CoreHarness {
  readonly services: CoreServices;
  readonly dataDir: string;
  /** Every event so far, with performance.now() at arrival. */
  readonly events: Array<{ readonly at: number; readonly event: CoreEvent }>;
  /** The progress payloads of one job. */
  progressOf(jobId: string): Array<{ at: number; done: number; total: number }>;
}

const harnesses: Array<{ services: CoreServices; dataDir: string }> = [];

export function startCore(simulator: ExchangeSimulator | null, options: Partial<CoreServicesOptions> = {}): CoreHarness {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bst-core-'));
  const events: CoreHarness['events'] = [];
  const services = new CoreServices({
    dataDir,
    endpoints: simulator?.endpoints,
    onEvent: (event) => events.push({ at: performance.now(), event }),
    ...options,
  });
  harnesses.push({ services, dataDir });
  return {
    services,
    dataDir,
    events,
    progressOf: (jobId) =>
      events.flatMap(({ at, event }) => (event.type === 'job-progress' && event.payload.jobId === jobId ? [{ at, done: event.payload.done, total: event.payload.total }] : [])),
  };
}

/** Closes every harness of the test and removes its data dir. */
export async function closeCores(): Promise<void> {
  for (const { services, dataDir } of harnesses.splice(0)) {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function expectColumnsEqual(actual: CandleRows, expected: CandleRows): void {
  expect(actual.time.length).toBe(expected.time.length);
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[field]), field).toEqual(Array.from(expected[field]));
  }
}

/** A fixture as cache.import uploads it: its bare name and its bytes. */
export function fixtureUpload(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: readFileSync(fixturePath(name)) };
}
