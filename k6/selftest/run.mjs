// Runs each k6 script of this folder a few iterations against a stub of the gateway, with a shim of k6's API,
// and fails when a check fails or a threshold expression is malformed. It checks the scripts, not the gateway:
//   node k6/selftest/run.mjs
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { startStubWorker } from './stub-gateway.mjs';

register('./shim-loader.mjs', import.meta.url);
const shim = await import('./k6-shim.mjs');
const k6dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const creds = { clientId: 'bench client', clientSecret: 's3cret+/=', limitPerMinute: 5 };
const server = await startStubWorker(creds);
const base = `http://127.0.0.1:${server.port}`;

// What k6 provides to scripts as globals.
let currentScript = '';
globalThis.open = (p) => readFileSync(path.resolve(path.dirname(currentScript), p), 'utf8');
const THRESHOLD = /^(p\(\d+(\.\d+)?\)|avg|min|max|med|count|rate)\s*(<|<=|>|>=|==|!=)\s*\d+(\.\d+)?$/;

const cases = [
  { script: 'token.js', iterations: 3, env: {} },
  { script: 'token.js', iterations: 2, env: { CLIENT_AUTH: 'post' } },
  { script: 'get.js', iterations: 3, env: {} },
  { script: 'post.js', iterations: 40, env: { INVALID_PERCENT: '30' } },
  { script: 'ratelimit.js', iterations: 8, env: { LIMIT_PER_MINUTE: '5', MINUTES: '1', RATELIMIT_PATH: '/limited' } },
];

let failed = 0;
for (const c of cases) {
  globalThis.__ENV = { BASE_URL: base, CLIENT_ID: creds.clientId, CLIENT_SECRET: creds.clientSecret, ...c.env };
  currentScript = path.join(k6dir, c.script);
  shim.results.checks.length = 0;
  const mod = await import(`${pathToFileURL(currentScript).href}?case=${Math.random()}`);
  for (const [metric, list] of Object.entries(mod.options.thresholds || {})) {
    for (const t of list) {
      if (!THRESHOLD.test(t)) { console.log(`  ${c.script}: malformed threshold ${metric}: ${t}`); failed++; }
    }
  }
  const data = mod.setup ? mod.setup() : undefined;
  for (let i = 0; i < c.iterations; i++) mod.default(data);
  const bad = shim.results.checks.filter((r) => !r.ok);
  const names = [...new Set(bad.map((r) => r.name))];
  console.log(`${bad.length === 0 ? 'ok  ' : 'FAIL'} ${c.script} ${JSON.stringify(c.env)}: ` +
    `${shim.results.checks.length} checks${names.length ? `, failing: ${names.join('; ')}` : ''}`);
  if (bad.length) failed++;
}
console.log('counters:', JSON.stringify(shim.results.counters));
await server.close();
process.exit(failed ? 1 : 0);
