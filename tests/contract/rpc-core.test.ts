/** The RPC layer itself, without a transport: contract definition, error mapping, server and client rules. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ExchangeError } from '../../src-main/host/exchanges/adapter.ts';
import { CsvFormatError } from '../../src-main/host/csv/csv-format-error.ts';
import { ImportError } from '../../src-main/host/store/import-error.ts';
import { createInMemoryTransport } from '../../src-main/transports/in-memory.ts';
import { StrategyError } from '../../src-engine/strategy/validate.ts';
import { classifyError } from '../../src-shared/contract/rpc/classify-error.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { defineContract, type InputOf, type OutputOf, type PayloadOf } from '../../src-shared/contract/rpc/define.ts';
import { RpcFailure } from '../../src-shared/contract/rpc/errors.ts';
import { createRpcServer } from '../../src-shared/contract/rpc/server.ts';
import type { WorkstationClient, WorkstationContract } from '../../src-shared/contract/workstation.ts';
import { failureOf } from './parity-suite.ts';

const tiny = defineContract({
  methods: {
    'math.half': { input: z.strictObject({ n: z.number() }), output: z.strictObject({ half: z.number() }), description: 'n / 2' },
    'math.fail': { input: z.strictObject({}), output: z.strictObject({}), description: 'throws' },
  },
  events: { 'math.tick': { payload: z.strictObject({ n: z.number().int() }), description: 'a tick' } },
});

function tinyServer(fail: () => never = () => {
  throw new Error('boom');
}, options: Parameters<typeof createRpcServer>[2] = { validateOutput: true }) {
  return createRpcServer(tiny, { 'math.half': ({ n }) => ({ half: n / 2 }), 'math.fail': fail }, options);
}

describe('defineContract', () => {
  it('accepts domain.action names and refuses others', () => {
    const method = tiny.methods['math.half'];
    expect(() => defineContract({ methods: { half: method }, events: {} })).toThrow('contract name "half" must look like "domain.action"');
    expect(() => defineContract({ methods: { 'Math.half': method }, events: {} })).toThrow(TypeError);
    expect(Object.isFrozen(tiny.methods)).toBe(true);
  });
});

describe('contract types', () => {
  it('infers inputs, outputs and payloads, and refuses names outside the contract', () => {
    expectTypeOf<OutputOf<WorkstationContract, 'cache.readCandles'>['columns']['time']>().toExtend<Float64Array>();
    expectTypeOf<InputOf<WorkstationContract, 'download.start'>['to']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PayloadOf<WorkstationContract, 'job.progress'>['etaMs']>().toEqualTypeOf<number | null>();
    expectTypeOf<WorkstationClient['call']>().parameter(0).toEqualTypeOf<keyof WorkstationContract['methods']>();
    const typed = (client: WorkstationClient) => {
      // @ts-expect-error: no such method
      void client.call('cache.format', {});
      // @ts-expect-error: from must be a number
      void client.call('download.start', { key: { exchange: 'bybit', market: 'spot', symbol: 'BTCUSDT', interval: '1m' }, from: '2024-01-01' });
      // @ts-expect-error: no such event
      client.on('job.started', () => {});
    };
    expect(typed).toBeTypeOf('function');
  });
});

describe('error classification', () => {
  it('keeps an RpcFailure and any error whose code is in the closed set', () => {
    expect(classifyError(new RpcFailure('busy', 'the cache is being written', { retryInMs: 100 }), 'm')).toEqual({
      code: 'busy',
      message: 'the cache is being written',
      details: { retryInMs: 100 },
    });
    expect(classifyError(Object.assign(new Error('no such job'), { code: 'not-found' }), 'm')).toEqual({ code: 'not-found', message: 'no such job' });
  });

  it("maps the host's own errors to the code a UI acts on, with their fields as details", () => {
    const exchange = new ExchangeError('bybit', 'rate-limited', 'Bybit asked us to slow down', { code: 10006, retryable: true });
    expect(classifyError(exchange, 'm')).toEqual({
      code: 'exchange',
      message: 'Bybit asked us to slow down',
      details: { kind: 'rate-limited', exchange: 'bybit', sourceCode: 10006, retryable: true },
    });
    expect(classifyError(new ExchangeError('binance', 'cancelled', 'download cancelled after 3 of 9 pages'), 'm').code).toBe('cancelled');
    expect(classifyError(new StrategyError([{ path: 'entry.long', message: 'missing' }]), 'm')).toEqual({
      code: 'strategy',
      message: 'entry.long: missing',
      details: { issues: [{ path: 'entry.long', message: 'missing' }] },
    });
    expect(classifyError(new CsvFormatError('a.csv', 7, 'not a number', 'close'), 'm')).toEqual({
      code: 'data',
      message: 'a.csv line 7: column close: not a number',
      details: { file: 'a.csv', line: 7, column: 'close', reason: 'not a number' },
    });
    expect(classifyError(new ImportError('b.zip', 'checksum mismatch'), 'm').code).toBe('data');
    expect(classifyError(Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), { code: 'ENOENT' }), 'm').code).toBe('not-found');
    expect(classifyError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'm').code).toBe('busy');
  });

  it('turns anything else into internal with the first line only', () => {
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'x')\n    at f (/src/a.ts:1:1)"), 'cache.inventory')).toEqual({
      code: 'internal',
      message: "cache.inventory failed unexpectedly: Cannot read properties of undefined (reading 'x')",
    });
    expect(classifyError('a string', 'jobs.list')).toEqual({ code: 'internal', message: 'jobs.list failed unexpectedly' });
    expect(classifyError(new Error('x'.repeat(2000)), 'm').message.length).toBeLessThan(600);
  });
});

describe('RPC server', () => {
  it('never rejects: every outcome is an envelope', async () => {
    const server = tinyServer();
    await expect(server.handle('math.half', { n: 3 })).resolves.toEqual({ ok: true, value: { half: 1.5 } });
    await expect(server.handle('math.half', { n: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await expect(server.handle('math.fail', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(server.handle('toString', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('reports internal failures with their stack to the log hook only', async () => {
    const logged: unknown[] = [];
    const server = tinyServer(undefined, { onInternalError: (error) => logged.push(error) });
    const result = await server.handle('math.fail', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'math.fail failed unexpectedly: boom' } });
    expect((logged[0] as Error).stack).toContain('boom');
  });

  it('lets a custom classifier decide first', async () => {
    const server = tinyServer(undefined, { classifyError: () => ({ code: 'busy', message: 'try later' }) });
    expect(await server.handle('math.fail', {})).toEqual({ ok: false, error: { code: 'busy', message: 'try later' } });
  });

  it('checks event payloads in development and refuses unknown events', () => {
    const server = tinyServer();
    expect(() => server.emit('math.tick', { n: 1.5 })).toThrow(RpcFailure);
    expect(() => server.emit('math.tock' as never, { n: 1 } as never)).toThrow('"math.tock" is not an event of this contract');
    const production = tinyServer(undefined, {});
    expect(() => production.emit('math.tick', { n: 1.5 })).not.toThrow();
  });

  it('keeps delivering an event when one listener throws', () => {
    const logged: string[] = [];
    const server = tinyServer(undefined, { onInternalError: (_error, context) => logged.push(context) });
    const delivered: number[] = [];
    server.subscribe(() => {
      throw new Error('window gone');
    });
    server.subscribe((_event, payload) => delivered.push((payload as { n: number }).n));
    server.emit('math.tick', { n: 7 });
    expect(delivered).toEqual([7]);
    expect(logged).toEqual(['event math.tick']);
  });
});

describe('RPC client', () => {
  it('throws RpcFailure with the envelope error', async () => {
    const client = createRpcClient(tiny, createInMemoryTransport(tinyServer()));
    expect(await client.call('math.half', { n: 8 })).toEqual({ half: 4 });
    const failure = await failureOf(client.call('math.half', { n: 'eight' as never }));
    expect(failure).toMatchObject({ name: 'RpcFailure', code: 'invalid-input', details: { issues: [{ path: 'n', message: expect.any(String) }] } });
  });

  it('refuses to listen to an event the contract does not have', () => {
    const client = createRpcClient(tiny, createInMemoryTransport(tinyServer()));
    expect(() => client.on('math.tock' as never, () => {})).toThrow(TypeError);
  });

  it('drops an invalid event payload when validating, and says so', async () => {
    const server = tinyServer(undefined, {});
    const invalid: string[] = [];
    const client = createRpcClient(tiny, createInMemoryTransport(server), { validateOutput: true, onInvalidEvent: (event, failure) => invalid.push(`${event} ${failure.code}`) });
    const ticks: number[] = [];
    client.on('math.tick', ({ n }) => ticks.push(n));
    server.emit('math.tick', { n: 1.5 });
    server.emit('math.tick', { n: 2 });
    await Promise.resolve();
    expect(ticks).toEqual([2]);
    expect(invalid).toEqual(['math.tick invalid-output']);
  });
});
