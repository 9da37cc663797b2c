/**
 * How a message with typed arrays crosses a WebSocket. JSON cannot carry a Float64Array (it
 * would become an object of a million decimal strings), so a message goes as one JSON text
 * frame, with every typed array replaced by null and its location listed in a header, followed
 * by one binary frame per typed array holding its raw bytes. Locations are listed out of band,
 * rather than marked in place, so no user value (a strategy document) can be mistaken for a
 * marker. Both ends run on one machine, so the bytes' endianness is the same on both sides.
 *
 * The encoder refuses what JSON would silently change (functions, Dates, Maps, NaN outside a
 * typed array, cycles), so a value crosses a WebSocket exactly as it crosses structured clone.
 */

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;

type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;
type PathKey = string | number;

interface ArraySlot {
  readonly path: readonly PathKey[];
  readonly type: TypedArrayName;
}

interface Header {
  readonly message: unknown;
  readonly arrays?: readonly ArraySlot[];
}

export interface EncodedFrames {
  readonly text: string;
  /** Sent after `text`, in this order. */
  readonly binaries: readonly ArrayBufferView<ArrayBuffer>[];
}

/** A value that cannot be encoded, or frames that do not form a message. */
export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

export function encodeFrames(message: unknown): EncodedFrames {
  const slots: ArraySlot[] = [];
  const binaries: ArrayBufferView<ArrayBuffer>[] = [];
  collectTypedArrays(message, [], new Set(), slots, binaries);
  if (slots.length === 0) return { text: JSON.stringify({ message } satisfies Header), binaries };
  const header: Header = { message, arrays: slots };
  return { text: JSON.stringify(header, (_key, value: unknown) => (ArrayBuffer.isView(value) ? null : value)), binaries };
}

function typedArrayName(value: ArrayBufferView): TypedArrayName {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (value instanceof TYPED_ARRAYS[name]) return name;
  }
  throw new CodecError(`cannot send a ${value.constructor.name}; typed arrays of numbers only`);
}

function collectTypedArrays(
  value: unknown,
  path: PathKey[],
  ancestors: Set<object>,
  slots: ArraySlot[],
  binaries: ArrayBufferView<ArrayBuffer>[],
): void {
  const where = () => (path.length === 0 ? 'the message' : path.join('.'));
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CodecError(`cannot send ${value} at ${where()} (JSON would turn it into null); use a Float64Array or null`);
      return;
    case 'undefined':
      if (typeof path[path.length - 1] === 'number') throw new CodecError(`cannot send undefined in an array at ${where()}`);
      return;
    case 'object':
      break;
    default:
      throw new CodecError(`cannot send a ${typeof value} at ${where()}`);
  }
  if (value === null) return;
  if (ArrayBuffer.isView(value)) {
    const type = typedArrayName(value);
    slots.push({ path: [...path], type });
    // A browser's WebSocket.send refuses views on a SharedArrayBuffer (the engine pool's candles): send a copy.
    binaries.push(value.buffer instanceof ArrayBuffer ? (value as ArrayBufferView<ArrayBuffer>) : new TYPED_ARRAYS[type](value as never));
    return;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    throw new CodecError(`cannot send a ${value.constructor?.name ?? 'class instance'} at ${where()}; plain objects, arrays and typed arrays only`);
  }
  if (ancestors.has(value)) throw new CodecError(`cannot send a value that contains itself (at ${where()})`);
  ancestors.add(value);
  const entries: Iterable<[PathKey, unknown]> = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, child] of entries) {
    path.push(key);
    collectTypedArrays(child, path, ancestors, slots, binaries);
    path.pop();
  }
  ancestors.delete(value);
}

/** Reassembles messages from frames in arrival order: a text frame, then its binary frames. */
export class FrameDecoder {
  #pending: { root: { message: unknown }; slots: readonly ArraySlot[]; next: number } | null = null;

  /** The finished message, or undefined while binary frames are still due. */
  push(frame: string | ArrayBuffer): { readonly message: unknown } | undefined {
    if (typeof frame === 'string') return this.#header(frame);
    const pending = this.#pending;
    if (pending === null) throw new CodecError('a binary frame arrived without a message header');
    const slot = pending.slots[pending.next];
    const Type = TYPED_ARRAYS[slot.type];
    if (frame.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new CodecError(`a ${slot.type} frame of ${frame.byteLength} bytes`);
    place(pending.root, ['message', ...slot.path], new Type(frame));
    pending.next++;
    if (pending.next < pending.slots.length) return undefined;
    this.#pending = null;
    return { message: pending.root.message };
  }

  #header(text: string): { readonly message: unknown } | undefined {
    if (this.#pending !== null) throw new CodecError(`a message header arrived while ${this.#pending.slots.length - this.#pending.next} binary frames were due`);
    let header: Header;
    try {
      header = JSON.parse(text) as Header;
    } catch {
      throw new CodecError('a text frame is not JSON');
    }
    if (typeof header !== 'object' || header === null || !('message' in header)) throw new CodecError('a text frame is not a message header');
    const slots = header.arrays ?? [];
    if (!Array.isArray(slots) || !slots.every(isSlot)) throw new CodecError('a message header lists its typed arrays wrongly');
    if (slots.length === 0) return { message: header.message };
    this.#pending = { root: { message: header.message }, slots, next: 0 };
    return undefined;
  }
}

function isSlot(value: unknown): value is ArraySlot {
  if (typeof value !== 'object' || value === null) return false;
  const slot = value as { path?: unknown; type?: unknown };
  return (
    typeof slot.type === 'string' &&
    Object.hasOwn(TYPED_ARRAYS, slot.type) &&
    Array.isArray(slot.path) &&
    slot.path.every((key) => typeof key === 'string' || typeof key === 'number')
  );
}

/**
 * Puts `array` where the header said a typed array was: only into an own property holding the
 * null placeholder, and by defineProperty, so a crafted path such as `__proto__` cannot reach a
 * prototype.
 */
function place(root: object, path: readonly PathKey[], array: TypedArray): void {
  let parent: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    parent = ownValue(parent, path[i]);
    if (typeof parent !== 'object' || parent === null) throw new CodecError('a typed array path leads nowhere');
  }
  const key = path[path.length - 1];
  if (ownValue(parent, key) !== null) throw new CodecError('a typed array path does not point at its placeholder');
  Object.defineProperty(parent, key, { value: array, writable: true, enumerable: true, configurable: true });
}

function ownValue(container: unknown, key: PathKey): unknown {
  if (typeof container !== 'object' || container === null || !Object.hasOwn(container, key)) throw new CodecError('a typed array path leads nowhere');
  return (container as Record<PathKey, unknown>)[key];
}
