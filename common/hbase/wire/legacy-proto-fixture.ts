// Test helper: the messages as protobufjs 2.2.1 (the copy hbase-rpc-client uses) encodes
// and decodes them from hbase-rpc-client's bundled (patched) .proto files, as the
// reference the hand-written codec is compared with byte for byte. Used by specs only.

import { createRequire } from 'node:module';
import path from 'node:path';

export interface LegacyMessage {
  encode(): { toBuffer(): Buffer };
}
export interface LegacyMessageClass {
  new (fields: Record<string, unknown>): LegacyMessage;
  decode(bytes: Buffer): Record<string, unknown>;
}
export interface LegacyLong {
  toString(): string;
}
interface ProtoBuf2 {
  convertFieldsToCamelCase: boolean;
  loadProtoFile(file: string): { build(): Record<string, LegacyMessageClass> };
  Long: { fromString(text: string, unsigned: boolean): LegacyLong };
}

const load = createRequire(__filename);
const protobuf = load('protobufjs') as ProtoBuf2;
protobuf.convertFieldsToCamelCase = true;
const protoDir = path.join(path.dirname(load.resolve('hbase-rpc-client/package.json')), 'proto');

export const legacyClient = protobuf.loadProtoFile(path.join(protoDir, 'Client.proto')).build();
export const legacyRpc = protobuf.loadProtoFile(path.join(protoDir, 'RPC.proto')).build();
export const legacyHBase = protobuf.loadProtoFile(path.join(protoDir, 'HBase.proto')).build();

export function legacyLong(value: bigint): LegacyLong {
  return protobuf.Long.fromString(BigInt.asUintN(64, value).toString(), true);
}

export function msg(cls: string, fields: Record<string, unknown>, from: Record<string, LegacyMessageClass> = legacyClient): LegacyMessage {
  const Class = from[cls];
  if (!Class) throw new Error(`no message ${cls} in the bundled protos`);
  return new Class(fields);
}

export function bytesOf(cls: string, fields: Record<string, unknown>, from: Record<string, LegacyMessageClass> = legacyClient): Buffer {
  return msg(cls, fields, from).encode().toBuffer();
}

/** Fields of Get with a default, cleared so protobufjs 2 does not write them (the hand-written codec never does). */
export const GET_DEFAULTS_OFF = { maxVersions: null, cacheBlocks: null, existenceOnly: null, closestRowBefore: null };
export const SCAN_DEFAULTS_OFF = { maxVersions: null, cacheBlocks: null, reversed: null };
