/** The in-memory transport: parity, and that it refuses what structured clone refuses. */
import { describe, expect, it } from 'vitest';
import { createInMemoryTransport } from '../../src-main/transports/in-memory.ts';
import { createRpcClient } from '../../src-shared/contract/rpc/client.ts';
import { createRpcServer } from '../../src-shared/contract/rpc/server.ts';
import { workstationContract } from '../../src-shared/contract/workstation.ts';
import { describeTransportParity, failureOf } from './parity-suite.ts';
import { createStubHandlers, createStubServer, SAMPLE_INPUTS } from './stub-handlers.ts';

describeTransportParity('in-memory', async () => {
  const transport = createInMemoryTransport(createStubServer());
  return { transport, close: () => transport.close() };
});

describe('in-memory transport', () => {
  it('refuses an input that structured clone cannot copy', async () => {
    const client = createRpcClient(workstationContract, createInMemoryTransport(createStubServer()));
    const failure = await failureOf(client.call('strategy.validate', { document: { name: 'x', onLoad: () => 1 } }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.message).toMatch(/^The request to strategy\.validate cannot be sent: .*could not be cloned/);
  });

  it('refuses an output that structured clone cannot copy when the server does not validate', async () => {
    const handlers = createStubHandlers(() => {});
    const server = createRpcServer(workstationContract, { ...handlers, 'system.info': () => ({ ...handlers['system.info']({}), close: () => {} }) as never });
    const client = createRpcClient(workstationContract, createInMemoryTransport(server));
    const failure = await failureOf(client.call('system.info', {}));
    expect(failure.code).toBe('invalid-output');
  });

  it('lets the client check outputs when the server does not', async () => {
    const handlers = createStubHandlers(() => {});
    const server = createRpcServer(workstationContract, { ...handlers, 'system.info': () => ({ engineVersion: 1 }) as never });
    const unchecked = createRpcClient(workstationContract, createInMemoryTransport(server));
    expect(await unchecked.call('system.info', {})).toEqual({ engineVersion: 1 });
    const checked = createRpcClient(workstationContract, createInMemoryTransport(server), { validateOutput: true });
    const failure = await failureOf(checked.call('system.info', {}));
    expect(failure.code).toBe('invalid-output');
    expect(failure.details?.issues).toContainEqual({ path: 'engineVersion', message: expect.any(String) });
  });

  it('hands each side its own copy', async () => {
    const server = createStubServer();
    const client = createRpcClient(workstationContract, createInMemoryTransport(server));
    const input = structuredClone(SAMPLE_INPUTS['strategy.validate']);
    const output = await client.call('strategy.validate', input);
    output.parameterValues!.fast = 99;
    expect(input.overrides).toEqual({ fast: 12, mode: 'fast' });
  });

  it('fails calls after close with unavailable', async () => {
    const transport = createInMemoryTransport(createStubServer());
    transport.close();
    const failure = await failureOf(createRpcClient(workstationContract, transport).call('jobs.list', {}));
    expect(failure.code).toBe('unavailable');
  });
});
