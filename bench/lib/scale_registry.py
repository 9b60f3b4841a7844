#!/usr/bin/env python3
"""Registry side of bench/scale.sh: fills a gateway's registry through its admin API, and measures how long a
registry change takes to be in force (the time from the change's request to the first request its new route answers).

    scale_registry.py seed    --base URL --client ID:SECRET --cacert F --state FILE --upstream URL --doc FILE --apis N --pending K --workers W
    scale_registry.py publish --base URL --client ID:SECRET --cacert F --state FILE --api ID --path PATH [--timeout S]

The administrator is a management client (scope spbe.admin); the approval profile's reviewers and the OPD's
subscription decider are named people in their own portal sessions (approvals.py, beside this file), who approve each
API and each subscription. Standard library only; every connection goes to the URL given (bench/scale.sh passes
https://127.0.0.1:port). Prints one JSON object on stdout.
"""
import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from approvals import ApprovalDesk, ApprovalError, Connection

OPD = "scale"


def parallel(args, items, work):
    """Runs work(item) over items on W threads (each with its own connections); returns the results in order."""
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        return list(pool.map(work, items))


def seed(args):
    started = time.monotonic()
    desk = ApprovalDesk(args.base, args.cacert, args.client, args.state)
    admin = desk.admin
    status, _ = admin.request("POST", "/admin/v1/opds", {"code": OPD, "name": "Scale OPD"}, expect_ok=False)
    if status >= 400 and status != 409:
        raise ApprovalError(f"creating the OPD failed: HTTP {status}")
    # The reviewers of each stage and the OPD's subscription decider, signed in once before the first decision.
    desk.prepare([OPD])
    document = open(args.doc, encoding="utf-8").read()
    # Limits counted on every request but never reached, so that the plan step costs what it costs without refusing.
    admin.request("POST", "/admin/v1/plans", {"name": "scale", "description": "bench/scale.sh", "requestsPerSecond": 1000000000,
                                              "requestsPerMinute": 1000000000, "dailyQuota": 1000000000000})

    def register(slug, through):
        _, api = admin.request("POST", "/admin/v1/apis", {
            "opdCode": OPD, "name": f"Scale {slug}", "slug": slug, "version": "v1", "description": "bench/scale.sh",
            "upstreamUrls": [args.upstream], "allowInsecureUpstream": True, "openApiDocument": document,
            "classification": "Restricted", "isPublic": False})
        return desk.approve_api(api["id"], through)

    def client_for(api_id):
        _, created = admin.request("POST", "/admin/v1/clients", {"opdCode": OPD, "name": "Scale client", "description": "bench/scale.sh"})
        client = created.get("client", created)
        client_id = client.get("clientId") or client.get("client_id")
        _, sub = admin.request("POST", "/admin/v1/subscriptions", {"clientId": client_id, "apiId": api_id, "purpose": "bench/scale.sh: load test"})
        desk.approve_subscription(sub["id"])
        admin.request("PUT", f"/admin/v1/subscriptions/{sub['id']}/plan", {"plan": "scale"})
        return client_id, created.get("clientSecret") or created.get("client_secret")

    apis = parallel(args, range(args.apis), lambda i: register(f"s{i}", "Published"))
    apis_done = time.monotonic()
    pending = parallel(args, range(args.pending), lambda i: register(f"p{i}", "Approved"))
    clients = parallel(args, apis, client_for)
    desk.save()
    print(json.dumps({
        "apis": len(apis), "clients": len(clients), "first_api": apis[0], "pending": pending,
        "bench_client": {"client_id": clients[0][0], "client_secret": clients[0][1]},
        "seconds": round(time.monotonic() - started, 1), "api_seconds": round(apis_done - started, 1),
    }))


def publish(args):
    """Publishes an API the reviewers approved (Approved -> Published, the management client's move) and polls its route
    until it is routed; the route answers 401 (no token) once in force, 404 before."""
    desk = ApprovalDesk(args.base, args.cacert, args.client, args.state)
    admin = desk.admin
    probe = Connection(args.base, args.cacert)
    probe.send("GET", "/healthz")  # connect before the clock starts
    admin.bearer()  # and hold the management client's token
    started = time.monotonic()
    admin.request("POST", f"/admin/v1/apis/{args.api}/status", {"status": "Published"})
    stored = time.monotonic()
    polls = 0
    while True:
        status, _, _ = probe.send("GET", args.path)
        polls += 1
        if status != 404:
            break
        if time.monotonic() - started > args.timeout:
            raise ApprovalError(f"{args.path} still 404 after {args.timeout} s")
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
        p.add_argument("--client", required=True, help="the management client's id:secret (scope spbe.admin)")
        p.add_argument("--cacert", required=True)
        p.add_argument("--state", required=True, help="approvals.py's people: passwords, authenticator keys, sessions (0600)")
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
    try:
        seed(args) if args.command == "seed" else publish(args)
    except ApprovalError as error:
        sys.exit(f"scale_registry.py: {error}")


if __name__ == "__main__":
    main()
