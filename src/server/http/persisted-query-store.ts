import { documentVerdict } from '../limits/document-limits';
import type { DocumentLimits } from '../limits/limits-config';
import { sha256Hex } from './persisted-query';

/** About what Apollo's default store holds (30 MiB); a document is at most a request body (256 KB). */
export const PERSISTED_QUERY_CHARS = 30 * 1024 * 1024;

/** Apollo keys its store `apq:<hash>`; the hash is what identifies a document. */
const KEY = /^(?:[^:]*:)?([0-9a-f]{64})$/;

/**
 * The automatic persisted queries of this process, least recently used evicted past a budget of
 * characters. Apollo registers and looks up documents through the KeyValueCache methods (get, set,
 * delete); the HTTP layer reads the document of a request that sends only its hash, so that it
 * passes the very checks a document sent in full passes. A document over the limits is never
 * stored, whoever asks.
 */
export class PersistedQueryStore {
  private readonly documents = new Map<string, string>();
  private chars = 0;

  constructor(private readonly limits: DocumentLimits, private readonly maxChars = PERSISTED_QUERY_CHARS) {}

  /** The document stored under a bare hex hash, marked as just used. */
  document(hash: string): string | undefined {
    const document = this.documents.get(hash);
    if (document !== undefined) {
      this.documents.delete(hash);
      this.documents.set(hash, document);
    }
    return document;
  }

  async get(key: string): Promise<string | undefined> {
    return this.document(hashOf(key));
  }

  async set(key: string, document: string): Promise<void> {
    const hash = hashOf(key);
    if (sha256Hex(document) !== hash || documentVerdict(document, this.limits).violation || document.length > this.maxChars) return;
    await this.delete(key);
    this.documents.set(hash, document);
    this.chars += document.length;
    for (const [oldest, evicted] of this.documents) {
      if (this.chars <= this.maxChars) break;
      this.documents.delete(oldest);
      this.chars -= evicted.length;
    }
  }

  async delete(key: string): Promise<boolean> {
    const hash = hashOf(key);
    const document = this.documents.get(hash);
    if (document === undefined) return false;
    this.documents.delete(hash);
    this.chars -= document.length;
    return true;
  }
}

function hashOf(key: string): string {
  const hash = KEY.exec(key)?.[1];
  // Apollo changed how it keys persisted queries: the HTTP layer would no longer find them.
  if (hash === undefined) throw new Error(`PersistedQueryStore: unexpected key "${key.slice(0, 80)}"; expected apq:<sha256 hex>`);
  return hash;
}
