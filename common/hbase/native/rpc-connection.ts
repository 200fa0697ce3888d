// One TCP connection to a region server speaking HBase's RPC protocol: the preamble
// ("HBas", version 0, SIMPLE auth) and ConnectionHeader with the effective user, then
// length-framed calls with call ids, any number in flight. Each call has a timeout;
// when the socket closes or fails, every pending call fails with a retriable HBaseError.

import net from 'node:net';
import { HBaseError } from '../../errors';
import { ProtoReader } from '../wire/proto-reader';
import { encodeConnectionPreamble } from '../wire/request-codec';
import { decodeResponseHeader } from '../wire/response-codec';
import { serverError } from './server-error';

export type Decoder<T> = (reader: ProtoReader, end: number) => T;

interface PendingCall {
  readonly decode: Decoder<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly operation: string;
  readonly table: string;
}

export interface RpcConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly callTimeoutMs: number;
}

export class RpcConnection {
  private readonly socket: net.Socket;
  private readonly pending = new Map<number, PendingCall>();
  private nextCallId = 1;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private needed = 0;
  private failure: HBaseError | undefined;

  constructor(private readonly options: RpcConnectionOptions) {
    this.socket = net.connect({ host: options.host, port: options.port, noDelay: true });
    this.socket.setKeepAlive(true, 30_000);
    this.socket.write(encodeConnectionPreamble(options.user, options.user));
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) =>
      this.fail(new HBaseError(`HBase connection to ${this.address} failed: ${error.message}`, { retriable: true, cause: error })),
    );
    this.socket.on('close', () => this.fail(new HBaseError(`HBase connection to ${this.address} closed`, { retriable: true })));
  }

  get address(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** False once the socket failed or closed: the pool then opens a new connection. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends the call `encode(callId)` builds; resolves with the decoded response. */
  call<T>(operation: string, table: string, encode: (callId: number) => Buffer, decode: Decoder<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const callId = this.nextCallId;
    this.nextCallId = this.nextCallId >= 0x7fffffff ? 1 : this.nextCallId + 1;
    const frame = encode(callId);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(callId)) {
          reject(
            new HBaseError(`HBase ${operation} on ${table} timed out after ${this.options.callTimeoutMs} ms (${this.address})`, {
              retriable: true,
            }),
          );
        }
      }, this.options.callTimeoutMs);
      this.pending.set(callId, { decode, resolve: resolve as (value: unknown) => void, reject, timer, operation, table });
      this.socket.write(frame);
    });
  }

  close(): void {
    this.fail(new HBaseError(`HBase connection to ${this.address} closed by the client`, { retriable: true }));
    this.socket.destroy();
  }

  /** Frames are dispatched as views of the chunk; a partial frame waits, in pieces, until it is whole. */
  private receive(chunk: Buffer): void {
    let data = chunk;
    if (this.chunks.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered < this.needed) return;
      data = Buffer.concat(this.chunks, this.buffered);
      this.chunks = [];
      this.buffered = 0;
    }
    let offset = 0;
    while (data.length - offset >= 4) {
      const length = data.readUInt32BE(offset);
      if (data.length - offset - 4 < length) break;
      const start = offset + 4;
      offset = start + length;
      this.dispatch(data, start, offset);
    }
    if (offset < data.length) {
      const rest = data.subarray(offset);
      this.chunks = [rest];
      this.buffered = rest.length;
      this.needed = rest.length >= 4 ? 4 + rest.readUInt32BE(0) : 4;
    }
  }

  private dispatch(data: Buffer, start: number, end: number): void {
    const reader = new ProtoReader(data, start, end);
    let call: PendingCall | undefined;
    try {
      const headerEnd = reader.delimitedEnd();
      const header = decodeResponseHeader(reader, headerEnd);
      call = this.pending.get(header.callId);
      if (!call) return; // timed out already
      this.pending.delete(header.callId);
      clearTimeout(call.timer);
      if (header.exception) {
        call.reject(serverError(call.operation, call.table, header.exception));
        return;
      }
      const bodyEnd = reader.pos < end ? reader.delimitedEnd() : end;
      call.resolve(call.decode(reader, bodyEnd));
    } catch (error) {
      const failure = new HBaseError(`malformed HBase response from ${this.address}: ${(error as Error).message}`, {
        retriable: true,
        cause: error,
      });
      if (call) call.reject(failure);
      else {
        this.fail(failure);
        this.socket.destroy();
      }
    }
  }

  private fail(error: HBaseError): void {
    if (!this.failure) this.failure = error;
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.reject(new HBaseError(`HBase ${call.operation} on ${call.table} failed: ${error.message}`, { retriable: true, cause: error }));
    }
    this.pending.clear();
  }
}
