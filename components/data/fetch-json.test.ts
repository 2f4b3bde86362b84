// fetchJson against a real HTTP server: every kind of answer becomes a Result in Berth's vocabulary.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonError, respond } from '@/lib/http/respond';
import { fail, ok } from '@/lib/result/result';
import { dataOrThrow, fetchJson, RequestFailed } from './fetch-json';

let server: http.Server;
let base = '';
const received: { method?: string; type?: string; body: string }[] = [];

/** Answers with a Response built by Berth's own helpers, so both ends of the vocabulary meet. */
async function send(res: http.ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method, type: req.headers['content-type'], body });
      switch (req.url) {
        case '/data':
          return void send(res, respond(ok({ hello: 'world' })));
        case '/created':
          return void send(res, respond(ok({ id: 7 }), { status: 201 }));
        case '/refused':
          return void send(res, respond(fail('conflict', 'Someone changed it.', { details: { headRevision: 'abc' } }), { requestId: 'req-1' }));
        case '/forbidden':
          return void send(res, jsonError('forbidden', 'Not yours.'));
        case '/proxy':
          res.writeHead(502, { 'content-type': 'text/html' });
          return void res.end('<html>Bad gateway</html>');
        case '/expired':
          res.writeHead(401);
          return void res.end();
        case '/odd-code':
          res.writeHead(503, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ error: { code: 'teapot', message: 'I am a teapot.' } }));
        case '/slow':
          return void setTimeout(() => send(res, respond(ok({}))), 5_000);
        default:
          return void send(res, jsonError('not-found', 'No such route.'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchJson', () => {
  it('reads data, and sends a body as JSON', async () => {
    expect(await fetchJson(`${base}/data`)).toEqual({ ok: true, data: { hello: 'world' } });
    expect(await fetchJson(`${base}/created`, { method: 'POST', body: { name: 'x' } })).toEqual({ ok: true, data: { id: 7 } });
    expect(received.at(-1)).toEqual({ method: 'POST', type: 'application/json', body: '{"name":"x"}' });
  });

  it("keeps Berth's own failure as it is, details and request id included", async () => {
    expect(await fetchJson(`${base}/refused`)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Someone changed it.', details: { headRevision: 'abc' }, requestId: 'req-1' },
    });
    expect(await fetchJson(`${base}/forbidden`)).toEqual({ ok: false, error: { code: 'forbidden', message: 'Not yours.' } });
  });

  it('turns answers without Berth’s error body into the code their status means', async () => {
    expect(await fetchJson(`${base}/proxy`)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/HTTP 502/) } });
    expect(await fetchJson(`${base}/expired`)).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringMatching(/sign in again/) } });
    expect(await fetchJson(`${base}/odd-code`)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('says Berth could not be reached when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await fetchJson(`http://127.0.0.1:${port}/data`)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/could not be reached/) } });
  });

  it('throws the AbortError when the caller aborts, so a stale answer is never taken for a failure', async () => {
    const controller = new AbortController();
    const pending = fetchJson(`${base}/slow`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('unwraps data, or throws the failure for code that reports by throwing', async () => {
    expect(dataOrThrow(await fetchJson<{ hello: string }>(`${base}/data`))).toEqual({ hello: 'world' });
    const thrown = await fetchJson(`${base}/forbidden`).then(dataOrThrow, (e: unknown) => e).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RequestFailed);
    expect((thrown as RequestFailed).failure).toEqual({ code: 'forbidden', message: 'Not yours.' });
  });
});
