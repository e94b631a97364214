import { startTestGateway, TestGateway } from '../support/gateway';

let t: TestGateway;
let base: string;
beforeAll(async () => {
  t = await startTestGateway('http_routes');
  base = t.url.replace(/\/graphql$/, '');
});
afterAll(() => t.close());

describe('HTTP routes', () => {
  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz after asking the database', async () => {
    t.sql.reset();
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(t.sql.count).toBe(1);
  });

  it('serves the Apollo Sandbox landing page to a browser outside production', async () => {
    const response = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<!DOCTYPE html>');
  });

  it('gives every response a request id', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with 404 and a code', async () => {
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
