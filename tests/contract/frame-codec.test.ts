/** The WebSocket frame codec: typed arrays out of band, exact round trips, and refusals. */
import { describe, expect, it } from 'vitest';
import { CodecError, encodeFrames, FrameDecoder } from '../../src-shared/contract/rpc/frame-codec.ts';

/** Encodes, then feeds the frames through a decoder as a socket would deliver them. */
function roundTrip(message: unknown): unknown {
  const { text, binaries } = encodeFrames(message);
  const decoder = new FrameDecoder();
  let decoded = decoder.push(text);
  for (const view of binaries) {
    expect(decoded).toBeUndefined();
    decoded = decoder.push(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer);
  }
  return decoded?.message;
}

describe('frame codec', () => {
  it('sends a message without typed arrays as one text frame', () => {
    const frames = encodeFrames({ type: 'event', event: 'a.b', payload: { list: [1, 'two', null, { x: true }] } });
    expect(frames.binaries).toHaveLength(0);
    expect(roundTrip({ a: [1, 'two', null] })).toEqual({ a: [1, 'two', null] });
  });

  it('round-trips typed arrays of every kind, views into larger buffers included', () => {
    const big = new Float64Array([1, 2, 3, 4, 5]);
    const message = {
      columns: { time: big.subarray(1, 4), flags: new Uint8Array([0, 1, 255]) },
      list: [new Int32Array([-1, 2 ** 31 - 1]), new Float32Array([0.5])],
    };
    const decoded = roundTrip(message) as typeof message;
    expect(decoded.columns.time).toEqual(new Float64Array([2, 3, 4]));
    expect(decoded.columns.flags).toEqual(new Uint8Array([0, 1, 255]));
    expect(decoded.list[0]).toEqual(new Int32Array([-1, 2 ** 31 - 1]));
    expect(decoded.list[1]).toBeInstanceOf(Float32Array);
  });

  it('sends a copy of a view on a SharedArrayBuffer, which browsers cannot send', () => {
    const shared = new Float64Array(new SharedArrayBuffer(16));
    shared.set([1.5, -2]);
    const [binary] = encodeFrames({ shared }).binaries;
    expect(binary.buffer).toBeInstanceOf(ArrayBuffer);
    expect(roundTrip({ shared })).toEqual({ shared: new Float64Array([1.5, -2]) });
  });

  it('leaves user data that looks like a marker alone', () => {
    const document = { $typed: 'Float64Array', index: 0, arrays: [{ path: [], type: 'Float64Array' }] };
    expect(roundTrip({ document, column: new Float64Array([1]) })).toEqual({ document, column: new Float64Array([1]) });
  });

  it.each([
    ['a function', { f: () => 1 }, /cannot send a function at f/],
    ['a Date', { when: new Date(0) }, /cannot send a Date at when/],
    ['a Map', { m: new Map() }, /cannot send a Map at m/],
    ['NaN outside a typed array', { x: [1, Number.NaN] }, /cannot send NaN at x\.1/],
    ['undefined in an array', { x: [undefined] }, /cannot send undefined in an array at x\.0/],
    ['a BigInt', { n: 1n }, /cannot send a bigint at n/],
    ['a DataView', { v: new DataView(new ArrayBuffer(8)) }, /cannot send a DataView/],
  ])('refuses %s', (_what, message, error) => {
    expect(() => encodeFrames(message)).toThrow(error);
  });

  it('refuses a value that contains itself, but not one shared twice', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeFrames(cyclic)).toThrow(/contains itself/);
    const shared = { n: 1 };
    expect(roundTrip({ a: shared, b: shared })).toEqual({ a: { n: 1 }, b: { n: 1 } });
  });

  it('refuses frames that do not form a message', () => {
    expect(() => new FrameDecoder().push(new ArrayBuffer(8))).toThrow('a binary frame arrived without a message header');
    expect(() => new FrameDecoder().push('{nope')).toThrow('a text frame is not JSON');
    expect(() => new FrameDecoder().push('[1]')).toThrow(CodecError);
    const decoder = new FrameDecoder();
    decoder.push(encodeFrames({ c: new Float64Array(2) }).text);
    expect(() => decoder.push(new ArrayBuffer(12))).toThrow('a Float64Array frame of 12 bytes');
    expect(() => decoder.push('{"message":1}')).toThrow(/binary frames were due/);
  });

  it('cannot be steered into a prototype by a crafted header', () => {
    const header = JSON.stringify({ message: { __proto__: null, x: null }, arrays: [{ path: ['__proto__', 'polluted'], type: 'Uint8Array' }] });
    const decoder = new FrameDecoder();
    decoder.push(header);
    expect(() => decoder.push(new ArrayBuffer(1))).toThrow(CodecError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const direct = new FrameDecoder();
    direct.push(JSON.stringify({ message: JSON.parse('{"__proto__": null}'), arrays: [{ path: ['__proto__'], type: 'Uint8Array' }] }));
    const decoded = direct.push(new Uint8Array([7]).buffer) as { message: Record<string, unknown> };
    expect(Object.getPrototypeOf(decoded.message)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded.message, '__proto__')?.value).toEqual(new Uint8Array([7]));
  });
});
