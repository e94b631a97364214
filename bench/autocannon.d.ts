// The part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface RawRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  interface RequestSpec extends RawRequest {
    /** A falsy answer starts the connection's sequence over from the first request. */
    setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  interface Options {
    url: string; connections?: number; pipelining?: number; duration?: number; method?: string;
    headers?: Record<string, string>; body?: string; requests?: RequestSpec[];
  }
  interface Histogram { average: number; mean: number; p50: number; p99: number; max: number }
  interface Result {
    requests: Histogram & { total: number }; latency: Histogram; non2xx: number; errors: number; timeouts: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
