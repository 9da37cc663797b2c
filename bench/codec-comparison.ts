/**
 * Measures how 1,000,000-bar candle columns cross a real WebSocket on 127.0.0.1 in three
 * encodings, to justify the frame codec: JSON text plus binary frames (the codec), base64
 * strings inside JSON, and plain JSON number arrays (for scale). Each figure is the median
 * time from the client's request to columns decoded on the client, server encoding included;
 * then the same through the full transport (validation, envelope). Not a test: run it with
 * `node bench/codec-comparison.ts`.
 */
import { performance } from 'node:perf_hooks';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { createStubServer, stubColumns } from '../tests/contract/stub-handlers.ts';
import { encodeFrames, FrameDecoder } from '../src-shared/contract/rpc/frame-codec.ts';
import { createRpcClient } from '../src-shared/contract/rpc/client.ts';
import { connectWebSocketTransport } from '../src-shared/contract/transports/websocket-client.ts';
import { workstationContract } from '../src-shared/contract/workstation.ts';
import { createLaunchToken, startWebSocketRpcServer } from '../src-main/transports/websocket-server.ts';

const BARS = 1_000_000;
const columns = stubColumns(1_704_067_200_000, BARS);
const message = { type: 'response', id: 1, result: { ok: true, value: { columns } } };
type Columns = typeof columns;

interface Variant {
  readonly name: string;
  readonly runs: number;
  send(socket: WebSocket): void;
  /** Feeds one frame; returns the decoded columns once complete. */
  receiver(): (data: RawData, isBinary: boolean) => Columns | undefined;
}

const asArrayBuffer = (data: RawData): ArrayBuffer => data as ArrayBuffer;
const text = (data: RawData): string => Buffer.from(data as ArrayBuffer).toString('utf8');
const columnsOf = (decoded: unknown): Columns => (decoded as typeof message).result.value.columns;

const variants: Variant[] = [
  {
    name: 'JSON + binary frames (chosen)',
    runs: 9,
    send(socket) {
      const frames = encodeFrames(message);
      socket.send(frames.text);
      for (const binary of frames.binaries) socket.send(binary);
    },
    receiver() {
      const decoder = new FrameDecoder();
      return (data, isBinary) => {
        const decoded = decoder.push(isBinary ? asArrayBuffer(data) : text(data));
        return decoded === undefined ? undefined : columnsOf(decoded.message);
      };
    },
  },
  {
    name: 'base64 inside JSON',
    runs: 9,
    send(socket) {
      socket.send(
        JSON.stringify(message, (_key, value: unknown) =>
          value instanceof Float64Array ? { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') } : value,
        ),
      );
    },
    receiver() {
      return (data) =>
        columnsOf(
          JSON.parse(text(data), (_key, value: { $f64?: unknown }) => {
            if (typeof value?.$f64 !== 'string') return value;
            const bytes = Buffer.from(value.$f64, 'base64');
            return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }),
        );
    },
  },
  {
    name: 'JSON number arrays (lossy: NaN, ±Inf)',
    runs: 3,
    send(socket) {
      socket.send(JSON.stringify(message, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value)));
    },
    receiver() {
      return (data) => {
        const parsed = columnsOf(JSON.parse(text(data)));
        return Object.fromEntries(Object.entries(parsed).map(([field, values]) => [field, Float64Array.from(values as unknown as number[])])) as Columns;
      };
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

async function measureVariant(port: number, variant: Variant, serverSide: { current: Variant }): Promise<{ ms: number; exact: boolean }> {
  serverSide.current = variant;
  const socket = new WebSocket(`ws://127.0.0.1:${port}`, { maxPayload: 512 * 1024 * 1024 });
  socket.binaryType = 'arraybuffer';
  await new Promise((resolve) => socket.once('open', resolve));
  const once = () =>
    new Promise<{ ms: number; decoded: Columns }>((resolve) => {
      const receive = variant.receiver();
      const started = performance.now();
      const onMessage = (data: RawData, isBinary: boolean) => {
        const decoded = receive(data, isBinary);
        if (decoded === undefined) return;
        socket.off('message', onMessage);
        resolve({ ms: performance.now() - started, decoded });
      };
      socket.on('message', onMessage);
      socket.send('go');
    });
  let last = await once();
  const times: number[] = [];
  for (let run = 0; run < variant.runs; run++) {
    last = await once();
    times.push(last.ms);
  }
  socket.close();
  const bytes = (column: Float64Array) => Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  const exact = (Object.keys(columns) as (keyof Columns)[]).every((field) => bytes(columns[field]).equals(bytes(last.decoded[field])));
  return { ms: median(times), exact };
}

async function measureTransport(): Promise<number> {
  const token = createLaunchToken();
  const server = await startWebSocketRpcServer({ endpoint: createStubServer({}), token });
  const transport = await connectWebSocketTransport(new WebSocket(server.connectionUrl, { origin: server.httpOrigin, maxPayload: 512 * 1024 * 1024 }));
  const client = createRpcClient(workstationContract, transport);
  const input = { key: { exchange: 'bybit', market: 'linear', symbol: 'BTCUSDT', interval: '1m' } as const, from: 0, to: BARS * 60_000 };
  await client.call('cache.readCandles', input);
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const started = performance.now();
    await client.call('cache.readCandles', input);
    times.push(performance.now() - started);
  }
  transport.close();
  await server.close();
  return median(times);
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((resolve) => wss.once('listening', resolve));
const serverSide = { current: variants[0] };
wss.on('connection', (socket) => socket.on('message', () => serverSide.current.send(socket)));
const { port } = wss.address() as { port: number };

console.log(`${BARS.toLocaleString('en')} bars x 6 Float64Array columns (${((BARS * 6 * 8) / 1e6).toFixed(0)} MB), server encode -> ws on 127.0.0.1 -> client decode, median`);
for (const variant of variants) {
  const { ms, exact } = await measureVariant(port, variant, serverSide);
  console.log(`${variant.name.padEnd(40)}${ms.toFixed(1).padStart(9)} ms   ${exact ? 'bit-exact' : 'NOT bit-exact'}`);
}
wss.close();
console.log(`${'full transport: cache.readCandles call'.padEnd(40)}${(await measureTransport()).toFixed(1).padStart(9)} ms   (handler builds the columns each call)`);
