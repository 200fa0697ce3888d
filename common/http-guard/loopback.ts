// Which names and addresses are this machine's own: a server without keys
// listens only on these and answers only clients from these.

const LOOPBACK_NAME = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost)$/i;

/** A host setting or Host name that can only be reached from this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAME.test(host.trim());
}

/** A socket's remote address (IPv4, IPv6 or IPv4-mapped IPv6) on this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) || plain === '::1';
}

/** An address that means "every interface" (never a name a client sends in Host). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}
