// Before a service starts, its ports must be free: a port held by another
// program would otherwise show up as a start-up hang or a confusing JVM error.

import net from 'node:net';

export interface ServicePort {
  readonly port: number;
  readonly what: string;
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The ports of `ports` that something else already listens on. */
export async function takenPorts(ports: readonly ServicePort[]): Promise<ServicePort[]> {
  const free = await Promise.all(ports.map((p) => isPortFree(p.port)));
  return ports.filter((_, i) => !free[i]);
}
