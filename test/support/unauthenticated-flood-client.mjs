// The attacker of the unauthenticated-flood tests (test/api; timed in test/faults/slow), in its own
// process so that its sockets do not share an event loop with the client whose latency is measured.
// Usage: node unauthenticated-flood-client.mjs <port> <connections> <rounds>; prints the status lines as JSON.
import net from 'node:net';

const [port, connections, rounds] = process.argv.slice(2).map(Number);

/** 230 KB of nested arrays as `variables`, behind a key that does not exist (issue 12's measurement). */
const depth = 115_000;
const body = `{"query":"{ viewer { role } }","variables":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
const request = Buffer.concat([Buffer.from(`POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n`
  + `authorization: Bearer tnr_test_not_a_key\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);

/** Sends the request on a new connection; resolves with the status line once the server has closed it. */
const attackOnce = () => new Promise((resolve) => {
  let head = '';
  const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
  socket.on('data', (chunk) => {
    if (head.length < 64) head += chunk.toString('latin1');
  });
  // The server may close while the body is still being written: that is the point.
  socket.on('error', () => undefined);
  socket.on('close', () => resolve(head.split('\r\n')[0]));
});

const statuses = [];
process.stderr.write('flooding\n');
await Promise.all(Array.from({ length: connections }, async () => {
  for (let round = 0; round < rounds; round++) statuses.push(await attackOnce());
}));
process.stdout.write(JSON.stringify(statuses));
