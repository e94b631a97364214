// Statements per request, counted by MariaDB itself: the global Questions counter around one request.
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/db/database-url';

export class StatementCounter {
  private constructor(private readonly connection: mysql.Connection, private readonly overhead: number) {}

  static async open(url: string): Promise<StatementCounter> {
    const target = parseDatabaseUrl(url);
    if (target.driver !== 'mysql') throw new Error('statement counting needs MySQL');
    const connection = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
    const probe = new StatementCounter(connection, 0);
    // What reading the counter costs by itself (the SHOW statement counts too).
    return new StatementCounter(connection, await probe.count(async () => undefined, 3));
  }

  private async questions(): Promise<number> {
    const [rows] = await this.connection.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
    return Number(rows[0].Value);
  }

  private async delta(work: () => Promise<unknown>): Promise<number> {
    const before = await this.questions();
    await work();
    return (await this.questions()) - before - this.overhead;
  }

  /**
   * Fewest statements seen over a few tries: anything else on the server (another client, the
   * gateway's status sweep) can only add to a count, never take from it.
   */
  async count(work: () => Promise<unknown>, tries = 5): Promise<number> {
    let fewest = Infinity;
    for (let i = 0; i < tries; i++) fewest = Math.min(fewest, await this.delta(work));
    return fewest;
  }

  close(): Promise<void> {
    return this.connection.end();
  }
}
