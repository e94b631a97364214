import net from 'node:net';

/** A TCP port free on 127.0.0.1 right now, for a process the test starts (Prometheus, Redis, MariaDB) that cannot take port 0. */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
