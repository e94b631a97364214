import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** Request bodies larger than this are refused with 413 before they are read to the end. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * What a request that failed authentication may make us read: enough to keep a keep-alive
 * connection usable after a typo in a key, too little to cost memory when thousands arrive.
 */
export const MAX_UNAUTHENTICATED_BODY_BYTES = 8 * 1024;

export function payloadTooLarge(maxBytes: number): HttpError {
  // Answered without reading the rest, and the connection is closed so the rest is never received.
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBytes} bytes`, { maxBytes }, { connection: 'close' });
}

/** Reads the body, or rejects with 413 as soon as it is known to be longer than `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return reject(payloadTooLarge(maxBytes));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(payloadTooLarge(maxBytes));
        req.pause();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Reads and drops at most MAX_UNAUTHENTICATED_BODY_BYTES of a refused request's body. Resolves true
 * when the body ended within that (the connection can serve the next request), false when the rest
 * was left unread (the response must close the connection). Nothing is kept in memory.
 */
export function discardSmallBody(req: IncomingMessage): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  if (Number(req.headers['content-length'] ?? 0) > MAX_UNAUTHENTICATED_BODY_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let size = 0;
    const stop = (ended: boolean) => {
      req.removeListener('data', onData);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UNAUTHENTICATED_BODY_BYTES) stop(false);
    };
    req.on('data', onData);
    req.once('end', () => stop(true));
    req.once('error', () => stop(false));
  });
}
