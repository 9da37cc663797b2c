/**
 * The one behaviour every transport must show, run against each of them: a transport is only
 * a carrier, so a window cannot tell which one it is talking through. Each transport's test
 * file calls `describeTransportParity` with a factory that connects a client transport to a
 * server over the stub handlers (see stub-handlers.ts) with output validation on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import type { MethodName } from '../../src-shared/contract/rpc/define.ts';
import { RpcFailure } from '../../src-shared/contract/rpc/errors.ts';
import type { ClientTransport } from '../../src-shared/contract/rpc/transport.ts';
import { type WorkstationClient, type WorkstationContract, workstationContract } from '../../src-shared/contract/workstation.ts';
import { createStubHandlers, downloadJobId, SAMPLE_INPUTS, STACK_MARKER, STUB_JOB, uploadDigest } from './stub-handlers.ts';

export interface TransportHarness {
  readonly transport: ClientTransport;
  close(): Promise<void> | void;
}

const METHODS = Object.keys(workstationContract.methods) as MethodName<WorkstationContract>[];
const KEY = SAMPLE_INPUTS['download.start'].key;
const MINUTE = 60_000;

/** The RpcFailure a call rejects with (fails the test when it resolves). */
export async function failureOf(call: Promise<unknown>): Promise<RpcFailure> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the call to fail, it returned ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(RpcFailure);
  return outcome.error as RpcFailure;
}

function bytes(column: Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

export function describeTransportParity(name: string, connect: () => Promise<TransportHarness>): void {
  describe(`${name}: contract parity`, () => {
    let harness: TransportHarness;
    let client: WorkstationClient;

    beforeAll(async () => {
      harness = await connect();
      client = createRpcClient(workstationContract, harness.transport);
    });
    afterAll(async () => {
      client.close();
      await harness.close();
    });

    it.each(METHODS)('%s round-trips a valid call', async (method) => {
      const input = workstationContract.methods[method].input.parse(SAMPLE_INPUTS[method]);
      const expected = await createStubHandlers(() => {})[method](input as never);
      const output = await client.call(method, SAMPLE_INPUTS[method] as never);
      expect(output).toEqual(expected);
      expect(workstationContract.methods[method].output.safeParse(output).success).toBe(true);
    });

    it('refuses invalid input with invalid-input and the zod path in details', async () => {
      const failure = await failureOf(client.call('cache.readCandles', { key: { ...KEY, symbol: 'btc-usdt' } }));
      expect(failure.code).toBe('invalid-input');
      expect(failure.message).toMatch(/^Invalid request to cache\.readCandles: key\.symbol: symbol must be upper-case/);
      expect(failure.details).toEqual({ issues: [{ path: 'key.symbol', message: expect.stringMatching(/upper-case/) }] });

      const reversed = await failureOf(client.call('download.start', { key: KEY, from: 2 * MINUTE, to: MINUTE }));
      expect(reversed.details?.issues).toEqual([{ path: 'to', message: 'to must be after from' }]);
    });

    it('reports a handler that throws as internal, without its stack', async () => {
      const failure = await failureOf(client.call('jobs.cancel', { jobId: STUB_JOB.throwPlain }));
      expect(failure.code).toBe('internal');
      expect(failure.message).toBe('jobs.cancel failed unexpectedly: the disk caught fire');
      expect(JSON.stringify({ message: failure.message, details: failure.details })).not.toContain(STACK_MARKER);
    });

    it('keeps the code of a handler error that carries one', async () => {
      const failure = await failureOf(client.call('jobs.cancel', { jobId: STUB_JOB.throwCoded }));
      expect(failure.code).toBe('not-found');
      expect(failure.message).toBe(`no job named ${STUB_JOB.throwCoded}`);
      expect(failure.details).toEqual({ jobId: STUB_JOB.throwCoded });
    });

    it('catches a handler output that breaks the contract', async () => {
      const failure = await failureOf(client.call('jobs.cancel', { jobId: STUB_JOB.badOutput }));
      expect(failure.code).toBe('invalid-output');
      expect(failure.details?.issues).toEqual([{ path: 'cancelled', message: expect.stringMatching(/boolean/) }]);
    });

    it('answers an unknown method with unknown-method', async () => {
      const failure = await failureOf(client.call('cache.format' as never, {} as never));
      expect(failure.code).toBe('unknown-method');
      expect(failure.message).toContain('"cache.format"');
    });

    it('delivers events in order, and none to a listener that unsubscribed', async () => {
      const input = { key: { ...KEY, symbol: 'EVENTSUSDT' }, from: 3 * MINUTE };
      const jobId = downloadJobId(input);
      const seen: string[] = [];
      let unsubscribedCalls = 0;
      client.on('job.progress', (p) => {
        if (p.jobId === jobId) unsubscribedCalls++;
      })();
      const offProgress = client.on('job.progress', (p) => {
        if (p.jobId === jobId) seen.push(`progress ${p.done}/${p.total}`);
      });
      const finished = new Promise<void>((resolve) => {
        const offFinished = client.on('job.finished', (p) => {
          if (p.jobId !== jobId) return;
          seen.push(`finished ${p.ok}`);
          offFinished();
          resolve();
        });
      });
      expect(await client.call('download.start', input)).toEqual({ jobId });
      await finished;
      offProgress();
      expect(seen).toEqual(['progress 1/5', 'progress 2/5', 'progress 3/5', 'progress 4/5', 'progress 5/5', 'finished true']);
      expect(unsubscribedCalls).toBe(0);
    });

    it('resolves concurrent calls to their own callers', async () => {
      // Each answer waits (from / 1 min) % 7 ms, so they come back out of order.
      const inputs = Array.from({ length: 30 }, (_, i) => ({ key: { ...KEY, symbol: `C${i}USDT` }, from: i * MINUTE }));
      const outputs = await Promise.all(inputs.map((input) => client.call('download.start', input)));
      expect(outputs.map((o) => o.jobId)).toEqual(inputs.map(downloadJobId));
    });

    it('carries 100,000-bar Float64Array columns bit for bit', async () => {
      const input = { key: KEY, from: 1_704_067_200_000, to: 1_704_067_200_000 + 100_000 * MINUTE };
      const expected = (await createStubHandlers(() => {})['cache.readCandles'](input)).columns;
      const { columns } = await client.call('cache.readCandles', input);
      for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
        expect(columns[field]).toBeInstanceOf(Float64Array);
        expect(columns[field].length).toBe(100_000);
        expect(bytes(columns[field]).equals(bytes(expected[field])), field).toBe(true);
      }
      expect(Object.is(columns.volume[0], -0)).toBe(true);
    });

    it('carries uploaded file bytes bit for bit, a view into a larger buffer included', async () => {
      const backing = new Uint8Array(1024 * 1024 + 7);
      for (let i = 0; i < backing.length; i++) backing[i] = (i * 2_654_435_761) >>> 24;
      const view = backing.subarray(3, 3 + 1024 * 1024);
      const small = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
      const report = await client.call('cache.import', { files: [{ name: 'big.csv', bytes: view }, { name: 'small.zip', bytes: small }], target: KEY });
      expect(report.files.map(({ file, candles, from }) => ({ file, candles, from }))).toEqual([
        { file: 'big.csv', candles: view.byteLength, from: uploadDigest(view) },
        { file: 'small.zip', candles: 256, from: uploadDigest(small) },
      ]);
    });

    it.each(['../evil.csv', 'dir/a.csv', 'dir\\a.csv', '..', ''])('refuses the upload name %j with invalid-input', async (name) => {
      const failure = await failureOf(client.call('cache.import', { files: [{ name, bytes: new Uint8Array([1]) }] }));
      expect(failure.code).toBe('invalid-input');
      expect(failure.message).toMatch(/files\[0\]\.name: /);
    });

    it('refuses an empty upload with invalid-input', async () => {
      const failure = await failureOf(client.call('cache.import', { files: [{ name: 'a.csv', bytes: new Uint8Array(0) }] }));
      expect(failure.message).toMatch(/files\[0\]\.bytes: the file is empty/);
    });
  });
}
