/**
 * Helpers shared by the simulator's own tests: plain HTTP and WebSocket clients that show the
 * raw protocol (status, headers, JSON), a silent logger for the SDKs, and polling waits.
 */
import { WebSocket } from 'ws';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // Tests inspect documented shapes field by field; the body is whatever the exchange sent.
  readonly json: any;
}

export async function get(url: string): Promise<RawResponse> {
  const response = await fetch(url);
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** For the SDKs' logger parameter: keeps test output clean. */
export const silentLogger = { trace: (): void => {}, info: (): void => {}, error: (): void => {} };

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw WebSocket that records every JSON message and ping frame it receives. */
export class RecordingSocket {
  readonly socket: WebSocket;
  readonly messages: any[] = [];
  pings = 0;
  closed = false;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    socket.on('ping', () => this.pings++);
    socket.on('close', () => (this.closed = true));
  }

  static open(url: string, options: { autoPong?: boolean } = {}): Promise<RecordingSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { autoPong: options.autoPong ?? true });
      socket.once('open', () => resolve(new RecordingSocket(socket)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (from `from` on) that matches. */
  next(match: (message: any) => boolean, timeoutMs = 5000, from = 0): Promise<any> {
    return waitFor(() => this.messages.slice(from).find(match), timeoutMs, 'a matching WebSocket message');
  }

  close(): void {
    this.socket.terminate();
  }
}
