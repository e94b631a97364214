import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * 230 KB nested bodies behind a key that does not exist, `attackers` connections at a time for
 * `rounds` each, from their own process (unauthenticated-flood-client.mjs) so that their sockets do
 * not share an event loop with the client the test measures: `started` once it sends, `done` with the
 * status line each attack got ('' when the gateway closed the connection while the body was sent).
 */
export function flood(port: number, attackers: number, rounds: number): { started: Promise<void>; done: Promise<string[]> } {
  const attacker = spawn(process.execPath, [path.join(__dirname, 'unauthenticated-flood-client.mjs'), String(port), String(attackers), String(rounds)]);
  const started = new Promise<void>((resolve) => attacker.stderr.once('data', () => resolve()));
  const done = new Promise<string[]>((resolve, reject) => {
    let output = '';
    attacker.stdout.on('data', (d) => (output += d));
    attacker.on('error', reject);
    attacker.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as string[]) : reject(new Error(`flood client exited ${code}`))));
  });
  return { started, done };
}

/** A request a partner sends meanwhile, and whether it got its answer. */
export async function partnerRead(url: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test_partner_acme' },
    body: JSON.stringify({ query: '{ viewer { role } }' }),
  });
  const body = await response.json() as { data?: unknown };
  return response.status === 200 && JSON.stringify(body.data) === JSON.stringify({ viewer: { role: 'PARTNER' } });
}
