#!/usr/bin/env python3
"""The approval workflow for the benchmark and cluster scripts, through the product's own doors.

Since the approval workflow (issue 18) an API reaches `Approved` only through the decisions of the approval profile's
reviewers, and a subscription is approved only by the subscription decider of the API's OPD: named people, each in
their own portal session with a second factor, never the management client that registered and submitted. This module
is the automation an operator would write for a test or benchmark installation:

  * a management client (client credentials, scope spbe.admin) registers, submits and publishes through the admin API,
    reads the approval profile in force (`GET /admin/v1/approval-profile`) and creates the people as portal accounts
    (`POST /admin/v1/portal-accounts`, with a temporary password);
  * each person signs in through the portal's sign-in form, replaces the temporary password, enrols an authenticator
    app (the TOTP key shown on the enrolment page; codes computed here per RFC 6238) and keeps that one session;
  * one reviewer per stage (a person holding the stage's role; nobody decides two stages, none is the submitter: four
    eyes) decides on the admin API with the session cookie and the session's anti-forgery token in X-CSRF-TOKEN
    (`POST /admin/v1/approval-requests/{id}/decisions`); an external stage is recorded with a letter;
  * the OPD's subscription decider (per profile: its publisher or data owner) approves the same way
    (`POST /admin/v1/subscriptions/{id}/status`).

The people are made once per gateway and kept in a state file (their passwords, authenticator keys, session cookies
and anti-forgery tokens; mode 0600) so that later calls reuse their sessions. Standard library only; loopback only.

Command line (each prints one JSON object):

  approvals.py publish      --base URL --cacert F --client ID:SECRET --state FILE --api ID [--through Approved|Published]
  approvals.py subscription --base URL --cacert F --client ID:SECRET --state FILE --subscription ID
  approvals.py people       --base URL --cacert F --client ID:SECRET --state FILE [--opd CODE ...]
"""
import argparse
import base64
import hashlib
import hmac
import html
import http.client
import json
import os
import re
import secrets
import ssl
import struct
import sys
import threading
import time
import urllib.parse

TOKEN_FIELD = re.compile(r'name="__RequestVerificationToken" value="([^"]+)"')
AUTHENTICATOR_KEY = re.compile(r'<code id="authenticator-key">([^<]+)</code>')


class ApprovalError(RuntimeError):
    """A step of the workflow the product refused; the message names the step and the product's answer."""


def totp(key_base32, at=None):
    """RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits, from the base32 key (RFC 4648) the portal shows."""
    clean = key_base32.replace(" ", "").upper()
    key = base64.b32decode(clean + "=" * (-len(clean) % 8))
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def new_password():
    """A password the portal's policy accepts (length, four character types), never reused."""
    return "Bench-" + secrets.token_hex(10) + "-aZ9!"


class Connection:
    """Keep-alive HTTPS connections to the gateway on loopback (one per thread); optional cookies shared by the threads."""

    def __init__(self, base, cacert, cookies=None):
        url = urllib.parse.urlsplit(base)
        if url.hostname not in ("127.0.0.1", "::1", "localhost"):
            sys.exit(f"refusing to send requests to {url.hostname}: the set-up stays on this machine")
        self.host, self.port = url.hostname, url.port
        self.context = ssl.create_default_context(cafile=cacert)
        self.context.check_hostname = False  # the development certificate names the machine, not 127.0.0.1
        self.cookies = cookies
        self.cookie_lock = threading.Lock()
        self.local = threading.local()

    def send(self, method, path, body=None, headers=None):
        """One request; returns (status, headers, body bytes). Retries a dropped keep-alive connection."""
        headers = dict(headers or {})
        if self.cookies is not None:
            with self.cookie_lock:
                if self.cookies:
                    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(3):
            try:
                if getattr(self.local, "conn", None) is None:
                    self.local.conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=60)
                self.local.conn.request(method, path, body=body, headers=headers)
                response = self.local.conn.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.local.conn = None
                if attempt == 2:
                    raise
        if self.cookies is not None:
            self._remember(response.headers.get_all("Set-Cookie") or [])
        return response.status, response.headers, payload

    def _remember(self, set_cookies):
        with self.cookie_lock:
            for line in set_cookies:
                pair, _, attributes = line.partition(";")
                name, _, value = pair.strip().partition("=")
                expired = "expires=thu, 01 jan 1970" in attributes.lower() or re.search(r"max-age=0\b", attributes.lower())
                if not value or expired:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value


class ManagementClient:
    """The automation's own identity on the admin API: a management client's access token, renewed before it ends."""

    def __init__(self, base, cacert, credentials):
        self.connection = Connection(base, cacert)
        self.client_id, _, self.secret = credentials.partition(":")
        self.token, self.renew_at = None, 0.0
        self.lock = threading.Lock()

    def bearer(self):
        with self.lock:
            if self.token is None or time.monotonic() > self.renew_at:
                basic = base64.b64encode(f"{urllib.parse.quote(self.client_id)}:{urllib.parse.quote(self.secret)}".encode()).decode()
                status, _, payload = self.connection.send("POST", "/oauth2/token", b"grant_type=client_credentials&scope=spbe.admin", {
                    "Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"})
                if status != 200:
                    raise ApprovalError(f"the management client {self.client_id} got no token: HTTP {status} {payload[:300]!r}")
                answer = json.loads(payload)
                self.token = answer["access_token"]
                self.renew_at = time.monotonic() + max(30, int(answer.get("expires_in", 300)) - 60)
            return self.token

    def request(self, method, path, body=None, expect_ok=True):
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self.bearer()}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        status, _, payload = self.connection.send(method, path, data, headers)
        if expect_ok and status >= 400:
            raise ApprovalError(f"{method} {path}: HTTP {status}: {payload[:400].decode(errors='replace')}")
        return status, (json.loads(payload) if payload[:1] in (b"{", b"[") else None)


class Person:
    """One named person in one portal session: signed in with a password and an authenticator code."""

    def __init__(self, base, cacert, record):
        self.record = record  # username, role, opd, password, key, cookies (kept in the state file)
        self.record.setdefault("cookies", {})
        self.connection = Connection(base, cacert, self.record["cookies"])
        self.lock = threading.Lock()

    @property
    def username(self):
        return self.record["username"]

    def get(self, path):
        return self.connection.send("GET", path, headers={"Accept": "text/html"})

    def post_form(self, path, fields):
        return self.connection.send("POST", path, urllib.parse.urlencode(fields).encode(),
                                    {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"})

    def form_token(self, path):
        """The anti-forgery token of this session, as the page at path carries it in its forms."""
        status, headers, payload = self.get(path)
        if status in (301, 302, 303, 307):
            return None, headers.get("Location", "")
        match = TOKEN_FIELD.search(payload.decode(errors="replace"))
        if not match:
            raise ApprovalError(f"{self.username}: no form on {path} (HTTP {status})")
        return html.unescape(match.group(1)), None

    def signed_in(self):
        """Whether this session may act: the portal's home answers without sending the person elsewhere."""
        if not self.record["cookies"]:
            return False
        status, _, _ = self.get("/portal")
        return status == 200

    def sign_in(self):
        """The portal's sign-in as the person would do it: password, then (first time) the new password and the
        authenticator's enrolment, else the authenticator code. Ends with a session that presented a second factor."""
        with self.lock:
            if self.signed_in():
                return
            self.record["cookies"].clear()
            self.record.pop("csrf", None)
            token, _ = self.form_token("/portal/masuk")
            status, headers, payload = self.post_form("/portal/masuk", {
                "username": self.username, "password": self.record["password"], "__RequestVerificationToken": token})
            if status not in (302, 303):
                raise ApprovalError(f"{self.username}: sign-in refused (HTTP {status}): {page_error(payload)}")
            location = headers.get("Location", "")
            if location.startswith("/portal/masuk/kode"):
                self._second_step(location)
            if self.record.get("temporary"):
                self._replace_password()
            if not self.record.get("key"):
                self._enrol_authenticator()
            if not self.signed_in():
                raise ApprovalError(f"{self.username}: signed in, but the portal still sends the session elsewhere")

    def _second_step(self, location):
        for attempt in range(2):
            token, _ = self.form_token(location)
            status, headers, payload = self.post_form(location, {"code": totp(self.record["key"]), "__RequestVerificationToken": token})
            if status in (302, 303) and not headers.get("Location", "").startswith("/portal/masuk"):
                return
            if attempt == 0:
                time.sleep(31 - time.time() % 30)  # a code already used in this step is refused: the next one
        raise ApprovalError(f"{self.username}: the authenticator code was refused (HTTP {status}): {page_error(payload)}")

    def _replace_password(self):
        token, _ = self.form_token("/portal/kata-sandi")
        replacement = new_password()
        status, _, payload = self.post_form("/portal/kata-sandi", {
            "currentPassword": self.record["password"], "newPassword": replacement, "confirmPassword": replacement,
            "__RequestVerificationToken": token})
        if status not in (302, 303):
            raise ApprovalError(f"{self.username}: the password change was refused (HTTP {status}): {page_error(payload)}")
        self.record["password"] = replacement
        self.record["temporary"] = False

    def _enrol_authenticator(self):
        status, _, payload = self.get("/portal/akun/faktor-kedua")
        text = payload.decode(errors="replace")
        key, token = AUTHENTICATOR_KEY.search(text), TOKEN_FIELD.search(text)
        if status != 200 or not key or not token:
            raise ApprovalError(f"{self.username}: the enrolment page shows no authenticator key (HTTP {status})")
        self.record["key"] = key.group(1).replace(" ", "").upper()
        status, _, payload = self.post_form("/portal/akun/faktor-kedua/autentikator", {
            "code": totp(self.record["key"]), "__RequestVerificationToken": html.unescape(token.group(1))})
        if status != 200:
            raise ApprovalError(f"{self.username}: the authenticator was not confirmed (HTTP {status}): {page_error(payload)}")

    def csrf(self):
        """The session's anti-forgery token, as its portal pages carry it in their forms (the sign-out form of every page)."""
        if not self.record.get("csrf"):
            token, moved = self.form_token("/portal")
            if token is None:
                raise ApprovalError(f"{self.username}: the portal sends the session to {moved}")
            self.record["csrf"] = token
        return self.record["csrf"]

    def call(self, method, path, body):
        """A change on the admin API as this person: the session cookie and the anti-forgery token. A session that ended
        (401) is signed in again, a refused token (403 without the workflow's reason) read again, once each."""
        for attempt in range(3):
            if not self.record["cookies"]:
                self.record.pop("csrf", None)
                self.sign_in()
            status, _, payload = self.connection.send(method, path, json.dumps(body).encode(), {
                "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-TOKEN": self.csrf()})
            answer = json.loads(payload) if payload[:1] in (b"{", b"[") else None
            if status == 401 or status == 403 and not (answer or {}).get("detail"):
                with self.lock:
                    self.record["cookies"].clear()
                continue
            if status >= 400:
                raise ApprovalError(f"{self.username}: {method} {path}: HTTP {status}: {(answer or {}).get('detail') or payload[:300]!r}")
            return answer
        raise ApprovalError(f"{self.username}: {method} {path} was refused to the session three times (HTTP {status})")


def page_error(payload):
    """The text of a portal page that refused a form, for the operator's message."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", payload.decode(errors="replace"))))[:300]


class ApprovalDesk:
    """The people of the approval profile in force, made once per gateway, and their decisions."""

    def __init__(self, base, cacert, credentials, state_file):
        self.base, self.cacert, self.state_file = base, cacert, state_file
        self.admin = ManagementClient(base, cacert, credentials)
        self.state = {"people": {}}
        if state_file and os.path.exists(state_file):
            with open(state_file, encoding="utf-8") as f:
                self.state = json.load(f)
        _, self.profile = self.admin.request("GET", "/admin/v1/approval-profile")
        self.people = {name: Person(base, cacert, record) for name, record in self.state["people"].items()}
        self.lock = threading.Lock()

    def save(self):
        if not self.state_file:
            return
        temporary = self.state_file + ".new"
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
            json.dump(self.state, f)
        os.replace(temporary, self.state_file)

    def person(self, username, role, opd=None):
        """The person with this name, created as a portal account (through the admin API) and signed in on first use."""
        with self.lock:
            if username not in self.people:
                record = {"username": username, "role": role, "opd": opd, "password": new_password(), "temporary": True}
                status, answer = self.admin.request("POST", "/admin/v1/portal-accounts", {
                    "username": username, "displayName": f"{username} (bench/lib/approvals.py)", "role": role,
                    "opdCode": opd, "temporaryPassword": record["password"]}, expect_ok=False)
                if status >= 400:
                    raise ApprovalError(f"creating the portal account {username} ({role}) failed: HTTP {status} {answer}")
                self.state["people"][username] = record
                self.people[username] = Person(self.base, self.cacert, record)
            person = self.people[username]
        person.sign_in()
        with self.lock:
            self.save()
        return person

    def reviewer(self, stage):
        """One person per stage, holding the stage's (first) role: nobody decides two stages of a request."""
        role = stage["decidedBy"][0]
        return self.person(f"bench-{stage['key']}-{role.lower()}"[:64], role)

    def decider(self, opd):
        return self.person(f"bench-decider-{opd}"[:64], self.profile["subscriptionDecider"], opd)

    def prepare(self, opds=()):
        """Signs in every reviewer of the profile (and the deciders of the OPDs given) before the first decision."""
        for stage in self.profile["stages"]:
            self.reviewer(stage)
        for opd in opds:
            self.decider(opd)

    def approve_api(self, api_id, through="Published", api=None):
        """Submits the API (a draft) as the management client, has each remaining stage decided by its reviewer, then
        publishes it (through="Published") or leaves it approved (through="Approved")."""
        if api is None:
            _, api = self.admin.request("GET", f"/admin/v1/apis/{api_id}")
        if api["status"] == "Draft":
            # A submission needs the registration profile (owner contact, PSE number, SLA target, a plan); a build from
            # before the profile endpoint answers 404 and submits without it.
            status, _ = self.admin.request("PUT", f"/admin/v1/apis/{api_id}/profile", {
                "ownerContact": "bench@example.go.id", "pseRegistrationNumber": "PSE-BENCH/2026", "slaTargetPercent": 99.5,
                "plans": ["Bronze"]}, expect_ok=False)
            if status >= 400 and status != 404:
                raise ApprovalError(f"PUT /admin/v1/apis/{api_id}/profile: HTTP {status}")
            _, api = self.admin.request("POST", f"/admin/v1/apis/{api_id}/status", {"status": "Submitted"})
        if api["status"] == "Submitted":
            _, pending = self.admin.request("GET", f"/admin/v1/approval-requests?apiId={api_id}&pending=true")
            if not pending:
                raise ApprovalError(f"API {api['slug']} is submitted but no approval request is pending")
            request = pending[0]
            stages = [stage["key"] for stage in self.profile["stages"]]
            while request["status"] == "Pending":
                stage = self.profile["stages"][stages.index(request["stageKey"])]
                decision = {"approve": True, "notes": "bench/lib/approvals.py", "reviewedRevision": api["documentRevision"]}
                if stage.get("externalAuthority"):
                    decision["letter"] = {
                        "number": f"B-{stage['key'].upper()}/BENCH/{time.strftime('%Y')}", "date": time.strftime("%Y-%m-%d"),
                        "issuer": stage["externalAuthority"], "fileName": "surat-keputusan.pdf", "contentType": "application/pdf",
                        "content": base64.b64encode(b"%PDF-1.4 bench " + stage["key"].encode()).decode()}
                request = self.reviewer(stage).call("POST", f"/admin/v1/approval-requests/{request['id']}/decisions", decision)
            if request["status"] != "Approved":
                raise ApprovalError(f"the publication of API {api['slug']} is {request['status']} after the profile's stages")
            api["status"] = "Approved"
        if through == "Published" and api["status"] == "Approved":
            self.admin.request("POST", f"/admin/v1/apis/{api_id}/status", {"status": "Published"})
        elif api["status"] not in ("Approved", "Published"):
            raise ApprovalError(f"API {api['slug']} is {api['status']}: neither a draft nor in review")
        return api_id

    def approve_subscription(self, subscription_id, opd=None):
        """The decider of the API's OPD approves a requested subscription."""
        if opd is None:
            _, subscription = self.admin.request("GET", f"/admin/v1/subscriptions/{subscription_id}")
            _, api = self.admin.request("GET", f"/admin/v1/apis/{subscription['apiId']}")
            opd = api["opdCode"]
        subscription = self.decider(opd).call("POST", f"/admin/v1/subscriptions/{subscription_id}/status",
                                              {"status": "Approved", "reason": "bench/lib/approvals.py"})
        if subscription["status"] != "Approved":
            raise ApprovalError(f"subscription {subscription_id} is {subscription['status']} after the decider's approval")
        return subscription


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("publish", "subscription", "people"):
        p = sub.add_parser(name)
        p.add_argument("--base", required=True)
        p.add_argument("--cacert", required=True)
        p.add_argument("--client", required=True, help="the management client's id:secret (scope spbe.admin)")
        p.add_argument("--state", required=True, help="where the people's passwords, keys and sessions are kept (0600)")
        if name == "publish":
            p.add_argument("--api", required=True)
            p.add_argument("--through", choices=("Approved", "Published"), default="Published")
        elif name == "subscription":
            p.add_argument("--subscription", required=True)
        else:
            p.add_argument("--opd", action="append", default=[])
    args = parser.parse_args()
    try:
        desk = ApprovalDesk(args.base, args.cacert, args.client, args.state)
        if args.command == "publish":
            desk.approve_api(args.api, args.through)
            answer = {"api": args.api, "status": args.through}
        elif args.command == "subscription":
            answer = {"subscription": args.subscription, "status": desk.approve_subscription(args.subscription)["status"]}
        else:
            desk.prepare(args.opd)
            answer = {"profile": desk.profile["name"], "people": sorted(desk.people)}
        desk.save()
    except ApprovalError as error:
        sys.exit(f"approvals.py: {error}")
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
