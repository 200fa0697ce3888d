// Fills what is left of Node's Buffer pool with 0xa5, so the next small
// Buffer.allocUnsafe calls hand out memory that holds garbage, not zeros: a
// spec then sees every byte an encoder forgets to write. (Dirtying a Buffer of
// one's own does not do it: the pool never hands that memory out again.)

export function dirtyBufferPool(): void {
  const probe = Buffer.allocUnsafe(1); // a slice of the current pool
  new Uint8Array(probe.buffer, probe.byteOffset + 1).fill(0xa5);
}
