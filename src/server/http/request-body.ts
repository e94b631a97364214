import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** Request bodies larger than this are refused with 413 before they are read to the end. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * What a request may make us read before its key is known: every ordinary operation fits, so its
 * body is in hand even if the client goes away while the key is looked up, and thousands of callers
 * without a key cost a few KB each at most.
 */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 8 * 1024;

export function payloadTooLarge(maxBytes: number): HttpError {
  // Answered without reading the rest, and the connection is closed so the rest is never received.
  return new HttpError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBytes} bytes`, { maxBytes }, { connection: 'close' });
}

/**
 * A request's body, read from the moment the request arrives but only as far as it is allowed to
 * go: MAX_UNAUTHENTICATED_BODY_BYTES until `read` raises the allowance once the key is known. A body
 * declared longer than that, or of undeclared length (chunked), is not touched until then.
 */
export class RequestBody {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private allowance = MAX_UNAUTHENTICATED_BODY_BYTES;
  private listening = false;
  private outcome: 'ended' | 'gone' | null = null;
  private notify: () => void = () => undefined;

  constructor(private readonly req: IncomingMessage) {
    if (req.headers['content-length'] !== undefined && this.declaredLength() <= this.allowance) this.listen();
  }

  /** The whole body, or 413 once it is known to exceed `maxBytes`. */
  async read(maxBytes = MAX_BODY_BYTES): Promise<string> {
    if (this.declaredLength() > maxBytes) throw payloadTooLarge(maxBytes);
    this.allowance = maxBytes;
    this.listen();
    // Destroyed before anyone listened (the client went away while its key was looked up).
    if (this.req.destroyed && !this.req.readableEnded) this.settle('gone');
    this.req.resume();
    while (this.outcome === null) {
      if (this.size > maxBytes) throw payloadTooLarge(maxBytes);
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
    if (this.size > maxBytes) throw payloadTooLarge(maxBytes);
    if (this.outcome === 'gone') throw new HttpError('BAD_REQUEST', 'The connection closed before the request body ended');
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /**
   * For a refused request: waits for a body being read to end within its allowance, so that the
   * connection can serve the next request (a body left unread makes the answer close it).
   */
  async settleBeforeRefusal(): Promise<void> {
    while (this.listening && this.outcome === null && this.size <= this.allowance) await new Promise<void>((resolve) => (this.notify = resolve));
  }

  private declaredLength(): number {
    return Number(this.req.headers['content-length'] ?? 0);
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.req.on('data', (chunk: Buffer) => {
      this.size += chunk.length;
      this.chunks.push(chunk);
      // Past the allowance reading stops (one chunk over at most) until the allowance is raised.
      if (this.size > this.allowance) this.req.pause();
      this.notify();
    });
    this.req.once('end', () => this.settle('ended'));
    // A client that goes away before the body ended; 'close' alone when the stream was destroyed quietly.
    this.req.once('error', () => this.settle('gone'));
    this.req.once('close', () => this.settle('gone'));
  }

  private settle(outcome: 'ended' | 'gone'): void {
    this.outcome ??= outcome;
    this.notify();
  }
}
