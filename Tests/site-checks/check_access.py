#!/usr/bin/env python3
"""End-to-end check of the generated access rules with a real nginx.

Makes the small demo database, gives every user a password of their own (bcrypt, cheap cost so the run is
quick), adds vendors whose accounts look like another's (a trailing dot, another case, a space, an encoded
form), builds the site, starts nginx on loopback with the generated configuration included in a server block,
and checks, for every user: their own portal's every file answers 200; every other portal answers 401 or
403; path tricks never reach another portal; no credentials, a wrong password or an inactive user get 401;
the public pages need no sign-in; nothing outside the release is served; the private-data headers are set.

usage: check_access.py PORTICO WORKDIR
"""
import base64
import hashlib
import http.client
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import warnings

from nginx_server import Nginx

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt

portico, work = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
db = work / "access.sqlite"
out = work / "site"
failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 40:
        print("FAIL:", message)


def run(*args):
    subprocess.run([portico, *args], check=True, stdout=subprocess.DEVNULL)


# The database: the small demo, one password per user, and look-alike vendors.
run("demo", "--db", str(db), "--scale", "small", "--seed", "7")
con = sqlite3.connect(db)
lookalikes = ["V10001.", "v10001", "V10001 ", "V1000~31", "V10001/..", "%56%31%30%30%30%31"]
for i, account in enumerate(lookalikes):
    con.execute("INSERT INTO vendor VALUES (?, ?, NULL, 'en-US', 'EUR', 1)", (account, f"Look-alike {i}"))
    con.execute("INSERT INTO portal_user VALUES (?, ?, NULL, 'vendor', ?, NULL, 1)", (f"lookalike{i}", f"Look-alike {i}", account))
passwords = {}
for (login,) in con.execute("SELECT login FROM portal_user").fetchall():
    passwords[login] = f"pw-{login}-secret"
    salt = crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)
    con.execute("UPDATE portal_user SET password_hash = ? WHERE login = ?", (crypt.crypt(passwords[login], salt), login))
con.commit()
users = con.execute("SELECT login, party_kind, account, active FROM portal_user ORDER BY login").fetchall()
portal_of = {a: (ia or a) for a, ia in con.execute("SELECT account, invoice_account FROM customer")}
con.close()

subprocess.run([portico, "build", "--db", str(db), "--out", str(out)], check=False, stdout=subprocess.DEVNULL)
current = out / "current"
if not current.exists():
    sys.exit("the build published nothing")
rules = out / "access" / "nginx.conf"
htpasswd = out / "access" / "htpasswd"
if not rules.exists() or not htpasswd.exists():
    sys.exit("the build wrote no access rules (access/nginx.conf, access/htpasswd)")

# nginx on loopback, our configuration included in a server block.
nginx = Nginx(out, work).__enter__()
port = nginx.port
try:
    def get(path, login=None, password=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {}
        if login is not None:
            token = base64.b64encode(f"{login}:{password if password is not None else passwords[login]}".encode()).decode()
            headers["Authorization"] = "Basic " + token
        c.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        for k, v in headers.items():
            c.putheader(k, v)
        c.endheaders()
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), body

    def folder_of(kind, account):
        # The release folder is the account as the build names it; find it by the files' listing (look-alikes included).
        area = "vendors" if kind == "vendor" else "customers"
        return area, portal_folder[(area, account if kind == "vendor" else portal_of.get(account, account))]

    # The folders the build made, by account (README: "Account numbers in paths").
    def segment(account):
        out = ""
        for i, b in enumerate(account.encode()):
            c = chr(b)
            if c.isascii() and (c.isalnum() or c in "-_") or (c == "." and i > 0):
                out += c
            else:
                out += "~%02X" % b
        if not out:
            return "~"
        if len(out) > 120:
            out = out[:80] + "~~" + hashlib.sha256(account.encode()).hexdigest()[:32]
        return out

    con = sqlite3.connect(db)
    portal_folder = {}
    for (account,) in con.execute("SELECT account FROM vendor WHERE portal_enabled = 1"):
        portal_folder[("vendors", account)] = segment(account)
    for (account,) in con.execute("SELECT account FROM customer WHERE portal_enabled = 1 AND invoice_account IS NULL"):
        portal_folder[("customers", account)] = segment(account)
    con.close()
    for (area, account), name in portal_folder.items():
        if not (current / area / name / "index.html").exists():
            fail(f"{area} {account!r}: no portal at {area}/{name}/")
    folders = sorted({(area, name) for (area, _), name in portal_folder.items()})

    def files_of(area, name):
        root = current / area / name
        return sorted("/" + str(p.relative_to(current)) for p in root.rglob("*") if p.is_file())

    checked_own = checked_other = 0
    active = [(l, k, a) for l, k, a, act in users if act]
    for login, kind, account in active:
        try:
            area, name = folder_of(kind, account)
        except KeyError:
            continue  # the party has no portal (disabled)
        own = files_of(area, name)
        for path in own:
            status, headers, body = get(path, login)
            checked_own += 1
            if status != 200:
                fail(f"{login}: own {path} answered {status}")
            elif body != (current / path.lstrip("/")).read_bytes():
                fail(f"{login}: own {path} served other bytes than the release holds")
        status, headers, _ = get(f"/{area}/{name}/", login)
        if status != 200:
            fail(f"{login}: own portal /{area}/{name}/ answered {status}")
        for oarea, oname in folders:
            if (oarea, oname) == (area, name):
                continue
            for path in [f"/{oarea}/{oname}/", f"/{oarea}/{oname}/index.html"] + files_of(oarea, oname)[:3]:
                status, _, body = get(path, login)
                checked_other += 1
                if status not in (401, 403):
                    fail(f"{login} ({area}/{name}): another portal's {path} answered {status}")

    # Path tricks: user of one vendor aiming at another; none may answer with the other's bytes.
    (area, a_name), (_, b_name) = ("vendors", portal_folder[("vendors", "V10001")]), ("vendors", portal_folder[("vendors", "V10002")])
    a_user = next(l for l, k, acc in active if acc == "V10001")
    b_index = (current / "vendors" / b_name / "index.html").read_bytes()
    tricks = [
        f"/vendors/{a_name}/../{b_name}/index.html", f"/vendors/{a_name}/%2e%2e/{b_name}/index.html", f"/vendors/{a_name}/%2E%2E%2F{b_name}%2Findex.html",
        f"/vendors/{a_name}/..%2F{b_name}/index.html", f"/vendors/{a_name}/%252e%252e/{b_name}/index.html", f"/vendors/{a_name}/%252e%252e%252f{b_name}/",
        f"/vendors/{b_name}./index.html", f"/vendors/{b_name.lower()}/index.html", f"/VENDORS/{b_name}/index.html", f"//vendors/{b_name}/index.html",
        f"/vendors//{b_name}/index.html", f"/vendors/{a_name}/../../vendors/{b_name}/", f"/./vendors/{b_name}/", f"/vendors/{b_name}%2findex.html",
        f"/vendors/{a_name}/;/../{b_name}/", f"/vendors/{a_name}/..\\{b_name}/index.html", f"/vendors/{a_name}/..%5c{b_name}/index.html",
        f"/vendors/{a_name}%2f..%2f{b_name}/index.html", f"/vendors/{a_name}/.%2e/{b_name}/index.html", f"/vendors/{b_name}/index.html%00",
        f"/vendors/{b_name}/index.html.", f"/vendors/{a_name}/../{b_name}/index.html?x=1", f"/vendors/{a_name}/../{b_name}/index.html#x",
        f"/vendors/{b_name}/", f"/vendors/{a_name}/..;/{b_name}/",
    ]
    for look in lookalikes:
        key = ("vendors", look)
        if key in portal_folder:
            tricks.append(f"/vendors/{portal_folder[key]}/index.html")
    for path in tricks:
        status, _, body = get(path, a_user)
        if status == 200 and body == b_index:
            fail(f"path trick {path!r} served another vendor's page")
        elif status == 200 and b_name.encode() in body and path.count(a_name) == 0:
            fail(f"path trick {path!r} answered 200 with another vendor's account in it")
    # A look-alike's users reach their own portal only, never the vendor they resemble.
    for i, look in enumerate(lookalikes):
        if ("vendors", look) not in portal_folder:
            fail(f"look-alike vendor {look!r} has no portal")
            continue
        status, _, _ = get(f"/vendors/{a_name}/index.html", f"lookalike{i}")
        if status not in (401, 403):
            fail(f"look-alike {look!r}'s user reached V10001 ({status})")
        status, _, _ = get(f"/vendors/{portal_folder[('vendors', look)]}/index.html", f"lookalike{i}")
        if status != 200:
            fail(f"look-alike {look!r}'s user cannot reach their own portal ({status})")

    # Without credentials, wrong password, inactive user: 401 with a challenge.
    own_page = f"/vendors/{a_name}/index.html"
    status, headers, _ = get(own_page)
    if status != 401 or "basic" not in headers.get("www-authenticate", "").lower():
        fail(f"no credentials: {status}, {headers.get('www-authenticate')}")
    status, _, _ = get(own_page, a_user, "wrong-password")
    if status != 401:
        fail(f"wrong password: {status}")
    other_user = next(l for l, k, acc in active if acc != "V10001")
    status, _, _ = get(own_page, a_user, passwords[other_user])
    if status != 401:
        fail(f"another user's password: {status}")
    for login, kind, account, act in users:
        if not act and (("vendors" if kind == "vendor" else "customers"), account) in portal_folder:
            area, name = folder_of(kind, account)
            status, _, _ = get(f"/{area}/{name}/index.html", login)
            if status not in (401, 403):
                fail(f"inactive user {login}: {status}")
    # Public pages need no sign-in; nothing outside the release is served; no listings.
    public = ["/", "/index.html", "/help/signing-in/", "/nl/", "/nl/index.html", "/nl/help/signing-in/"]
    for path in public + ["/" + str(p.relative_to(current)) for p in (current / "assets").iterdir()]:
        status, _, _ = get(path)
        if status != 200:
            fail(f"public {path}: {status}")
    for path in ["/access/htpasswd", "/access/nginx.conf", "/report.json", "/../access/htpasswd", "/parties/", "/releases/",
                 "/vendors/", "/customers/", f"/vendors/{a_name}/invoices/"]:
        for login in (None, a_user):
            status, _, body = get(path, login)
            if status == 200 and (b"Index of" in body or b"$2b$" in body or path.startswith(("/access", "/report", "/parties", "/releases", "/.."))):
                fail(f"{path} ({login}) served {status}: {body[:80]!r}")
    # Private-data headers on a portal page.
    status, headers, body = get(own_page, a_user)
    for header, wanted in [("cache-control", "private"), ("x-content-type-options", "nosniff"), ("content-security-policy", "script-src 'self'")]:
        if wanted not in headers.get(header, ""):
            fail(f"{own_page}: header {header} is {headers.get(header)!r}, expected it to hold {wanted!r}")
    # The Content-Security-Policy forbids inline script and style: no page may need them.
    import re
    pages = [p for p in current.rglob("*.html")] + [p for area in ("vendors", "customers") for d in (current / area).iterdir() for p in d.rglob("*.html")]
    inline = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle\s*=|\son[a-z]+\s*=|(?:href|src|action)\s*=\s*\"\s*javascript:", re.I)
    for page in set(pages):
        m = inline.search(page.read_bytes())
        if m:
            fail(f"{page.relative_to(current)} needs what the Content-Security-Policy forbids: {m.group(0)[:60]!r}")
    print(f"access: {len(set(pages))} pages satisfy the Content-Security-Policy (no inline script or style)")
    print(f"access: {len(active)} active users, {len(folders)} portals; {checked_own} own files answered, "
          f"{checked_other} requests for other portals refused, {len(tricks)} path tricks; {len(failures)} failures")
finally:
    nginx.__exit__()
sys.exit(1 if failures else 0)
