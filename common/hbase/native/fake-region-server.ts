// Test helper: a region server stand-in on a real local socket. It reads the preamble
// and the length-framed calls the client sends, hands each call (id, method, request
// bytes) to the test, and writes back framed answers the test builds with protobufjs 2.
// Used by specs only.

import net from 'node:net';
import { bytesOf, legacyRpc } from '../wire/legacy-proto-fixture';
import { ProtoReader } from '../wire/proto-reader';

export interface ReceivedCall {
  readonly callId: number;
  readonly method: string;
  readonly request: Buffer;
}

export type CallHandler = (call: ReceivedCall, server: FakeRegionServer) => void;

export class FakeRegionServer {
  readonly server = net.createServer((socket) => this.accept(socket));
  readonly calls: ReceivedCall[] = [];
  preamble: Buffer | undefined;
  socket: net.Socket | undefined;
  private waiting: (() => void)[] = [];

  constructor(private readonly handler?: CallHandler) {}

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.port;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  async callCount(n: number): Promise<void> {
    while (this.calls.length < n) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  answer(callId: number, body: Buffer, exception?: Record<string, unknown>): void {
    const header = bytesOf('ResponseHeader', exception ? { callId, exception } : { callId }, legacyRpc);
    const parts = exception ? [varint(header.length), header] : [varint(header.length), header, varint(body.length), body];
    const payload = Buffer.concat(parts);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(payload.length);
    // The frame in pieces, the length itself cut: the client must reassemble it.
    const frame = Buffer.concat([length, payload]);
    this.socket?.write(frame.subarray(0, 3));
    this.socket?.write(frame.subarray(3, 9));
    this.socket?.write(frame.subarray(9));
  }

  close(): void {
    this.socket?.destroy();
    this.server.close();
  }

  private accept(socket: net.Socket): void {
    this.socket = socket;
    let data = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (!this.preamble) {
        if (data.length < 10 || data.length < 10 + data.readUInt32BE(6)) return;
        const end = 10 + data.readUInt32BE(6);
        this.preamble = data.subarray(0, end);
        data = data.subarray(end);
      }
      while (data.length >= 4 && data.length >= 4 + data.readUInt32BE(0)) {
        const end = 4 + data.readUInt32BE(0);
        const r = new ProtoReader(data, 4, end);
        const headerEnd = r.delimitedEnd();
        let callId = -1;
        let method = '';
        while (r.pos < headerEnd) {
          const tag = r.varint();
          if (tag === 0x08) callId = r.varint();
          else if (tag === 0x1a) method = r.string();
          else r.skip(tag & 7);
        }
        const request = Buffer.from(r.bytes());
        const call = { callId, method, request };
        this.calls.push(call);
        data = data.subarray(end);
        this.handler?.(call, this);
      }
      for (const wake of this.waiting.splice(0)) wake();
    });
  }
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
