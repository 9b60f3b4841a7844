// A stub of the gateway's planned behaviour, for k6/selftest only: /oauth2/token (client_secret_basic and
// client_secret_post), a protected API with a schema check on POST and a per-minute limit with 429.
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export function startStub({ clientId, clientSecret, limitPerMinute }) {
  let windowStart = Date.now(), used = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const problem = (status, title, extra = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/problem+json', ...extra });
        res.end(JSON.stringify({ status, title }));
      };
      if (req.method === 'POST' && req.url === '/oauth2/token') {
        const form = new URLSearchParams(body);
        let id = form.get('client_id'), secret = form.get('client_secret');
        const basic = /^Basic (.+)$/.exec(req.headers.authorization || '');
        if (basic) {
          const [u, p] = Buffer.from(basic[1], 'base64').toString().split(':');
          id = decodeURIComponent(u.replace(/\+/g, ' ')); secret = decodeURIComponent(p.replace(/\+/g, ' '));
        }
        if (id !== clientId || secret !== clientSecret) {
          res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic', 'Cache-Control': 'no-store' });
          return res.end('{"error":"invalid_client"}');
        }
        if (form.get('grant_type') !== 'client_credentials') return problem(400, 'unsupported_grant_type');
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        return res.end(JSON.stringify({ access_token: 'stub-token', token_type: 'Bearer', expires_in: 300 }));
      }
      if (req.url.startsWith('/bench/full/v1/')) {
        if (req.headers.authorization !== 'Bearer stub-token') {
          return problem(401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
        }
        if (Date.now() - windowStart >= 60000) { windowStart = Date.now(); used = 0; }
        const policy = { 'X-Request-Id': 'stub' };
        if (req.url.includes('/limited') && used >= limitPerMinute) {
          return problem(429, 'Too Many Requests', { ...policy, 'Retry-After': '30',
            'RateLimit-Policy': `"plan";q=${limitPerMinute};w=60`, 'RateLimit': '"plan";r=0;t=30' });
        }
        if (req.method === 'POST') {
          let parsed;
          try { parsed = JSON.parse(body); } catch (e) { return problem(400, 'Invalid JSON', policy); }
          if (typeof parsed !== 'object' || Array.isArray(parsed) || !/^[0-9]{16}$/.test(parsed.nik || '')) {
            return problem(400, 'Request body does not match the schema', policy);
          }
        }
        if (req.url.includes('/limited')) used += 1;
        res.writeHead(200, { 'Content-Type': 'application/json', ...policy });
        return res.end('{"ok":true}');
      }
      problem(404, 'Not Found');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The stub runs in a worker thread: the shim's HTTP calls are synchronous and block the main thread's event loop.
export function startStubWorker(options) {
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('message', (port) => resolve({ port, close: () => worker.terminate() }));
    worker.once('error', reject);
  });
}

if (!isMainThread && workerData) {
  const server = await startStub(workerData);
  parentPort.postMessage(server.address().port);
}
