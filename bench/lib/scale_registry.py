#!/usr/bin/env python3
"""Registry side of bench/scale.sh: fills a gateway's registry through its admin API, and measures how long a
registry change takes to be in force (the time from the change's request to the first request its new route answers).

    scale_registry.py seed    --base URL --token T --cacert F --upstream URL --doc FILE --apis N --pending K --workers W
    scale_registry.py publish --base URL --token T --cacert F --api ID --path PATH [--timeout S]

Standard library only; every connection goes to the URL given (bench/scale.sh passes https://127.0.0.1:port).
Prints one JSON object on stdout.
"""
import argparse
import http.client
import json
import ssl
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

OPD = "scale"


class Admin:
    """One keep-alive HTTPS connection to the gateway, as the administrator."""

    def __init__(self, base, token, cacert):
        url = urllib.parse.urlsplit(base)
        if url.hostname not in ("127.0.0.1", "::1", "localhost"):
            sys.exit(f"refusing to send requests to {url.hostname}: the benchmark stays on this machine")
        self.host, self.port = url.hostname, url.port
        self.context = ssl.create_default_context(cafile=cacert)
        self.context.check_hostname = False  # the development certificate names the machine, not 127.0.0.1
        self.token = token
        self.conn = None

    def request(self, method, path, body=None, auth=True, expect_ok=True):
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 2:
                    raise
        if expect_ok and response.status >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {response.status}: {payload[:300]!r}")
        return response.status, (json.loads(payload) if payload and payload[:1] in (b"{", b"[") else None)


def parallel(args, items, work):
    """Runs work(admin, item) over items on W threads, each with its own connection; returns the results in order."""
    local = threading.local()

    def run(item):
        if not hasattr(local, "admin"):
            local.admin = Admin(args.base, args.token, args.cacert)
        return work(local.admin, item)

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        return list(pool.map(run, items))


def seed(args):
    started = time.monotonic()
    admin = Admin(args.base, args.token, args.cacert)
    status, _ = admin.request("POST", "/admin/v1/opds", {"code": OPD, "name": "Scale OPD"}, expect_ok=False)
    if status >= 400 and status != 409:
        raise RuntimeError(f"creating the OPD failed: HTTP {status}")
    document = open(args.doc, encoding="utf-8").read()
    # Limits counted on every request but never reached, so that the plan step costs what it costs without refusing.
    admin.request("POST", "/admin/v1/plans", {"name": "scale", "description": "bench/scale.sh", "requestsPerSecond": 1000000000,
                                              "requestsPerMinute": 1000000000, "dailyQuota": 1000000000000})

    def register(a, slug, through):
        _, api = a.request("POST", "/admin/v1/apis", {
            "opdCode": OPD, "name": f"Scale {slug}", "slug": slug, "version": "v1", "description": "bench/scale.sh",
            "upstreamUrls": [args.upstream], "allowInsecureUpstream": True, "openApiDocument": document,
            "classification": "Restricted", "isPublic": False})
        for s in ("Submitted", "Approved", "Published"):
            a.request("POST", f"/admin/v1/apis/{api['id']}/status", {"status": s})
            if s == through:
                break
        return api["id"]

    def client_for(a, api_id):
        _, created = a.request("POST", "/admin/v1/clients", {"opdCode": OPD, "name": "Scale client", "description": "bench/scale.sh"})
        client = created.get("client", created)
        client_id = client.get("clientId") or client.get("client_id")
        _, sub = a.request("POST", "/admin/v1/subscriptions", {"clientId": client_id, "apiId": api_id})
        a.request("POST", f"/admin/v1/subscriptions/{sub['id']}/status", {"status": "Approved"})
        a.request("PUT", f"/admin/v1/subscriptions/{sub['id']}/plan", {"plan": "scale"})
        return client_id, created.get("clientSecret") or created.get("client_secret")

    apis = parallel(args, range(args.apis), lambda a, i: register(a, f"s{i}", "Published"))
    apis_done = time.monotonic()
    pending = parallel(args, range(args.pending), lambda a, i: register(a, f"p{i}", "Approved"))
    clients = parallel(args, apis, client_for)
    print(json.dumps({
        "apis": len(apis), "clients": len(clients), "first_api": apis[0], "pending": pending,
        "bench_client": {"client_id": clients[0][0], "client_secret": clients[0][1]},
        "seconds": round(time.monotonic() - started, 1), "api_seconds": round(apis_done - started, 1),
    }))


def publish(args):
    """Publishes an API (Approved -> Published) and polls its route until it is routed; the route answers 401 (no token)
    once in force, 404 before."""
    admin = Admin(args.base, args.token, args.cacert)
    probe = Admin(args.base, args.token, args.cacert)
    probe.request("GET", "/healthz", auth=False, expect_ok=False)  # connect before the clock starts
    started = time.monotonic()
    admin.request("POST", f"/admin/v1/apis/{args.api}/status", {"status": "Published"})
    stored = time.monotonic()
    polls = 0
    while True:
        status, _ = probe.request("GET", args.path, auth=False, expect_ok=False)
        polls += 1
        if status != 404:
            break
        if time.monotonic() - started > args.timeout:
            raise RuntimeError(f"{args.path} still 404 after {args.timeout} s")
        time.sleep(0.002)
    done = time.monotonic()
    print(json.dumps({"in_force_ms": round((done - started) * 1000, 1), "write_ms": round((stored - started) * 1000, 1),
                      "status": status, "polls": polls}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("seed", "publish"):
        p = sub.add_parser(name)
        p.add_argument("--base", required=True)
        p.add_argument("--token", required=True)
        p.add_argument("--cacert", required=True)
        if name == "seed":
            p.add_argument("--upstream", required=True)
            p.add_argument("--doc", required=True)
            p.add_argument("--apis", type=int, required=True)
            p.add_argument("--pending", type=int, default=6)
            p.add_argument("--workers", type=int, default=4)
        else:
            p.add_argument("--api", required=True)
            p.add_argument("--path", required=True)
            p.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    seed(args) if args.command == "seed" else publish(args)


if __name__ == "__main__":
    main()
