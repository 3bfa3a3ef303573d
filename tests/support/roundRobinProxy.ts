/**
 * A load balancer for tests: a TCP proxy on a free loopback port that hands each new connection
 * to the next server in turn, and to the one after when a server does not answer (a killed
 * process), as a real balancer's health checks would. Websockets and HTTP both pass through
 * untouched.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Balancer {
  port: number;
  baseUrl: string;
  /** Which server took each connection so far, by port: to check the spread. */
  readonly taken: Map<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backendPorts: readonly number[]): Promise<Balancer> {
  let next = 0;
  const taken = new Map<number, number>();
  const sockets = new Set<Socket>();

  function forward(client: Socket, tries: number): void {
    if (tries >= backendPorts.length) {
      client.destroy();
      return;
    }
    const port = backendPorts[next % backendPorts.length] ?? 0;
    next += 1;
    const backend = connect({ host: '127.0.0.1', port });
    let connected = false;
    sockets.add(backend);
    backend.once('connect', () => {
      connected = true;
      taken.set(port, (taken.get(port) ?? 0) + 1);
      client.pipe(backend);
      backend.pipe(client);
      client.resume();
    });
    backend.once('error', () => {
      sockets.delete(backend);
      if (connected) client.destroy();
      else forward(client, tries + 1);
    });
    backend.once('close', () => {
      sockets.delete(backend);
      if (connected) client.destroy();
    });
    client.once('close', () => backend.destroy());
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.once('close', () => sockets.delete(client));
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    taken,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
