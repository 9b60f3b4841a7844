// A small stand-in for k6's JavaScript API, enough to run this folder's scripts once against a stub server:
// synchronous HTTP (through curl, as k6's calls are synchronous), check/fail, base64 and counters. It proves the
// scripts' logic (token flow, headers, checks, thresholds' syntax); it measures nothing.
import { spawnSync } from 'node:child_process';

export const results = { checks: [], counters: {} };

function canonical(name) { // Go's textproto canonical header key, as k6 reports headers
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, d, c) => d + c.toUpperCase());
}

function request(method, url, body, params = {}) {
  const args = ['-s', '-i', '-X', method, '--max-time', '10'];
  for (const [k, v] of Object.entries(params.headers || {})) args.push('-H', `${k}: ${v}`);
  if (body !== undefined && body !== null) {
    if (typeof body === 'object') {
      body = Object.entries(body).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      args.push('-H', 'Content-Type: application/x-www-form-urlencoded');
    }
    args.push('--data-binary', '@-');
  }
  args.push(url);
  const out = spawnSync('curl', args, { input: body ?? '', encoding: 'utf8' });
  const text = out.stdout || '';
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).split('\r\n');
  const status = Number((head[0] || '').split(' ')[1] || 0);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[canonical(line.slice(0, i).trim())] = line.slice(i + 1).trim();
  }
  const res = { status, headers, body: split >= 0 ? text.slice(split + 4) : '', request: { method, url } };
  res.json = () => JSON.parse(res.body);
  return res;
}

export const http = {
  get: (url, params) => request('GET', url, null, params),
  post: (url, body, params) => request('POST', url, body, params),
  expectedStatuses: (...statuses) => ({ statuses }),
  setResponseCallback: () => {},
};

export const k6 = {
  check(value, checks, tags = {}) {
    let all = true;
    for (const [name, fn] of Object.entries(checks)) {
      let ok = false;
      try { ok = Boolean(fn(value)); } catch (e) { ok = false; }
      results.checks.push({ name, ok, tags });
      all = all && ok;
    }
    return all;
  },
  fail(message) { throw new Error(message); },
  sleep() {},
};

export const encoding = { b64encode: (s) => Buffer.from(s, 'utf8').toString('base64') };

class Metric {
  constructor(name) { this.name = name; results.counters[name] = 0; }
  add(v) { results.counters[this.name] += v; }
}
export const metrics = { Counter: Metric, Rate: Metric, Trend: Metric };
