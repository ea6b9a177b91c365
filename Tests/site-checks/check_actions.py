#!/usr/bin/env python3
"""One full round of the portals' actions, with the real parts: the small demo built with actions on, `portico
receive` behind nginx and the generated access rules, Chromium filling in the forms, the example ERP import
(examples/erp_import.py), and a rebuild that shows what was answered.

Also every kind of bad input: a post to another portal's path, a forged party or user, an unknown document, an
outdated version, a changed price, a replay, a second answer to one version, a used invoice number, a file that is
not what it says, files over the limit, a malformed body, a GET; each refused with a clear message, recorded, and
nothing stored twice or for the wrong party. The receiver is killed and restarted: nothing accepted is lost.

usage: check_actions.py PORTICO WORKDIR
"""
import base64
import http.client
import json
import pathlib
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
import warnings

import jsonschema

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import chromium
from nginx_server import Nginx

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt

portico, work = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
repo = pathlib.Path(__file__).resolve().parents[2]
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
db, out, inbox_path = work / "export.sqlite", work / "site", work / "inbox.sqlite"
failures, counts = [], {}
MAX_UPLOAD = 200_000


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def count(what):
    counts[what] = counts.get(what, 0) + 1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


subprocess.run([portico, "demo", "--db", str(db), "--scale", "small", "--seed", "3"], check=True, stdout=subprocess.DEVNULL)
con = sqlite3.connect(db)
PASSWORD = "actions-check"
con.execute("UPDATE portal_user SET password_hash = ?", (crypt.crypt(PASSWORD, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)),))
con.commit()
receiver_port = free_port()
config = work / "portico.json"
config.write_text(json.dumps({"actions": {"mode": "endpoint", "path": "/actions/", "receiver": f"127.0.0.1:{receiver_port}", "max_upload_bytes": MAX_UPLOAD},
                              "requests": {"mode": "actions"}}))


def build():
    r = subprocess.run([portico, "build", "--db", str(db), "--out", str(out), "--config", str(config), "--site", str(repo)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("build failed:\n" + r.stdout + r.stderr)


build()
site = (out / "current").resolve()

# An order awaiting the vendor with two lines or more, and a confirmed order, both of vendors with users.
awaiting = con.execute("""SELECT o.number, o.vendor_account, o.current_version FROM purchase_order o
    WHERE o.status = 'in_external_review' AND o.is_consignment = 0
      AND NOT EXISTS (SELECT 1 FROM po_response r WHERE r.po_number = o.number AND r.version = o.current_version)
      AND (SELECT count(*) FROM po_line l WHERE l.po_number = o.number AND l.version = o.current_version) >= 2
      AND EXISTS (SELECT 1 FROM portal_user u WHERE u.account = o.vendor_account AND u.active = 1)
    ORDER BY o.number LIMIT 1""").fetchone()
confirmed = con.execute("""SELECT o.number, o.vendor_account, o.current_version FROM purchase_order o
    WHERE o.status = 'confirmed' AND o.is_consignment = 0 AND EXISTS (SELECT 1 FROM portal_user u WHERE u.account = o.vendor_account AND u.active = 1)
    ORDER BY o.number LIMIT 1""").fetchone()
other_order = con.execute("SELECT number, vendor_account FROM purchase_order WHERE vendor_account <> ? AND status <> 'draft' AND EXISTS (SELECT 1 FROM portal_user u WHERE u.account = vendor_account AND u.active = 1) LIMIT 1",
                          (awaiting[1],)).fetchone()
# A customer invoice without a pending request, in a portal with a user; and another portal's invoice.
copy = con.execute("""SELECT i.number, COALESCE(c.invoice_account, c.account) FROM customer_invoice i JOIN customer c ON c.account = i.customer_account
    WHERE NOT EXISTS (SELECT 1 FROM invoice_request r WHERE r.invoice_number = i.number AND r.status = 'pending')
      AND EXISTS (SELECT 1 FROM portal_user u WHERE u.account = COALESCE(c.invoice_account, c.account) AND u.active = 1)
      AND (SELECT portal_enabled FROM customer o WHERE o.account = COALESCE(c.invoice_account, c.account)) = 1
    ORDER BY i.number LIMIT 1""").fetchone()
foreign_invoice = con.execute("""SELECT i.number FROM customer_invoice i JOIN customer c ON c.account = i.customer_account
    WHERE COALESCE(c.invoice_account, c.account) <> ? LIMIT 1""", (copy[1],)).fetchone()[0] if copy else None
if not awaiting or not confirmed or not other_order or not copy:
    sys.exit("the demo has no order awaiting a response, or no confirmed order")


def user_of(account):
    return con.execute("SELECT login FROM portal_user WHERE account = ? AND active = 1 ORDER BY login LIMIT 1", (account,)).fetchone()[0]


vendor, vendor_user = awaiting[1], user_of(awaiting[1])
other_vendor, other_user = other_order[1], user_of(other_order[1])


def start_receiver():
    proc = subprocess.Popen([portico, "receive", "--db", str(db), "--inbox", str(inbox_path), "--config", str(config), "--site", str(repo),
                             "--out", str(out), "--listen", f"127.0.0.1:{receiver_port}"], stderr=open(work / "receive.log", "ab"))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", receiver_port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    sys.exit("portico receive did not start: " + (work / "receive.log").read_text())


def multipart(fields, files=()):
    boundary = "----portico" + uuid.uuid4().hex
    body = b""
    for name, value in fields:
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode() + value.encode() + b"\r\n"
    for name, filename, data, kind in files:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {kind}\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def post(path, login, fields=(), files=(), raw=None, content_type=None, headers=None, method="POST"):
    kind, body = (content_type, raw) if raw is not None else multipart(fields, files)
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    h = {"Content-Type": kind, "Authorization": "Basic " + base64.b64encode(f"{login}:{PASSWORD}".encode()).decode()}
    h.update(headers or {})
    c.request(method, path, body=body if method == "POST" else None, headers=h)
    r = c.getresponse()
    text = r.read().decode(errors="replace")
    c.close()
    return r.status, text


def inbox(sql, *args):
    with sqlite3.connect(inbox_path) as i:
        return i.execute(sql, args).fetchall()


def response_fields(number, version, account=None, response="rejected", extra=()):
    return [("action", "po_response"), ("party_kind", "vendor"), ("account", account or vendor), ("document", number),
            ("version", str(version)), ("response", response), *extra]


def expect_refused(what, status, text, message, code=422):
    if status != code or message not in text:
        fail(f"{what}: answered {status}, expected {code} with '{message}'")
    count("refused with a clear message")


receiver = start_receiver()
server = Nginx(out, work).__enter__()
try:
    action_path = f"/actions/vendors/{vendor}/"
    # 1. The vendor answers in the browser: accept with changes, a changed quantity, a second delivery, a substitute.
    driver = chromium(work / "downloads")
    try:
        page = f"http://{vendor_user}:{PASSWORD}@127.0.0.1:{server.port}/vendors/{vendor}/purchase-orders/{awaiting[0]}/"
        driver.get(page)
        lines = con.execute("SELECT line_no, quantity FROM po_line WHERE po_number = ? AND version = ? ORDER BY line_no", (awaiting[0], awaiting[2])).fetchall()
        first, second = lines[0][0], lines[1][0]
        shown = "return getComputedStyle(document.querySelector('.respond-lines-part')).display !== 'none'"
        if driver.execute_script(shown):
            fail("the per-line answers show before 'accept with changes' is chosen")
        driver.find_element(By.ID, "response-accepted").click()
        if driver.execute_script(shown):
            fail("the per-line answers show for a plain accept")
        driver.find_element(By.ID, "response-changes").click()
        if not driver.execute_script(shown):
            fail("the per-line answers do not show for 'accept with changes'")
        count("browser: line answers shown only for 'accept with changes'")
        q = driver.find_element(By.ID, f"line-{first}-quantity")
        q.clear()
        q.send_keys("3")
        driver.find_element(By.CSS_SELECTOR, f"#line-{first}-quantity ~ details summary").click()
        driver.find_element(By.ID, f"line-{first}-split2-quantity").send_keys("2")
        driver.execute_script("document.getElementById(arguments[0]).value = '2027-01-15'", f"line-{first}-split2-date")
        driver.find_element(By.ID, f"line-{second}-substitute-item").send_keys("VEND-ALT-9")
        driver.find_element(By.ID, f"line-{second}-substitute-description").send_keys("Equivalent part, other colour")
        driver.find_element(By.ID, "response-note").send_keys("Line 1 in two deliveries.")
        driver.find_element(By.CSS_SELECTOR, "#respond-heading ~ form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".receipt"))
        if not driver.find_elements(By.CSS_SELECTOR, ".receipt-ok"):
            fail("the browser's response was not received: " + driver.find_element(By.CSS_SELECTOR, ".receipt").text)
        count("browser: order response sent")
        # 2. An invoice from the confirmed order, with a PDF attached.
        invoice_user = user_of(confirmed[1])
        driver.get(f"http://{invoice_user}:{PASSWORD}@127.0.0.1:{server.port}/vendors/{confirmed[1]}/purchase-orders/{confirmed[0]}/")
        driver.find_element(By.ID, "invoice-number").send_keys("PORTAL-INV-1")
        pdf = work / "invoice.pdf"
        pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        driver.find_element(By.ID, "invoice-files").send_keys(str(pdf))
        driver.find_element(By.CSS_SELECTOR, "#invoice-form-heading ~ form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".receipt"))
        if not driver.find_elements(By.CSS_SELECTOR, ".receipt-ok"):
            fail("the browser's invoice was not received: " + driver.find_element(By.CSS_SELECTOR, ".receipt").text)
        count("browser: invoice sent with a file")
        # 3. A customer asks for a copy of an invoice.
        customer_user = user_of(copy[1])
        driver.get(f"http://{customer_user}:{PASSWORD}@127.0.0.1:{server.port}/customers/{copy[1]}/invoices/{copy[0]}.html")
        email = driver.find_element(By.ID, "request-email")
        email.clear()
        email.send_keys("books@customer.example")
        driver.find_element(By.CSS_SELECTOR, "form.request-form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".receipt"))
        if not driver.find_elements(By.CSS_SELECTOR, ".receipt-ok"):
            fail("the browser's copy request was not received: " + driver.find_element(By.CSS_SELECTOR, ".receipt").text)
        count("browser: copy request sent")
    finally:
        driver.quit()
    stored = inbox("SELECT kind, login, account, document, version, payload FROM action ORDER BY id")
    schema = json.loads((repo / "docs" / "action.schema.json").read_text())
    for row in stored:
        try:
            jsonschema.validate(json.loads(row[5]), schema)
            count("stored payload valid against docs/action.schema.json")
        except jsonschema.ValidationError as e:
            fail(f"a stored payload does not follow docs/action.schema.json: {e.message}")
    if len(stored) != 3:
        fail(f"{len(stored)} actions stored after the three posts")
    else:
        response = json.loads(stored[0][5])
        l1 = next(l for l in response["response_lines"] if l["line_no"] == first)
        l2 = next(l for l in response["response_lines"] if l["line_no"] == second)
        if (stored[0][1], stored[0][2], response["response"]) != (vendor_user, vendor, "accepted_with_changes") \
                or [(d["quantity"], d["split_seq"]) for d in l1["deliveries"]] != [("3", 1), ("2", 2)] or l2["substitute_item"] != "VEND-ALT-9":
            fail(f"the stored response is not what was sent: {stored[0]}")
        files = inbox("SELECT name, content_type, length(data) FROM action_file")
        if files != [("invoice.pdf", "application/pdf", pdf.stat().st_size)]:
            fail(f"the invoice's file was not stored as sent: {files}")

    # 3. Bad input, each refused with a message and recorded; nothing stored.
    before = inbox("SELECT count(*) FROM action")[0][0]
    attempts_before = inbox("SELECT count(*) FROM attempt")[0][0]
    status, _ = post(f"/actions/vendors/{other_vendor}/", vendor_user, response_fields(other_order[0], 1, other_vendor))
    if status != 403:
        fail(f"a post to another vendor's action path: {status}, expected 403 from nginx")
    count("another portal's path refused by nginx")
    status, text = post(action_path, vendor_user, response_fields(other_order[0], 1, other_vendor))
    expect_refused("a forged party", status, text, "Dit formulier hoort bij een ander portaal" if "lang=\"nl\"" in text else "This form belongs to another portal", 403)
    status, text = post(action_path, vendor_user, response_fields("PO-999999", 1))
    expect_refused("an unknown order", status, text, "PO-999999")
    status, text = post(action_path, vendor_user, response_fields(other_order[0], 1))
    expect_refused("another vendor's order in one's own portal", status, text, other_order[0])
    outdated = con.execute("""SELECT o.number, o.current_version FROM purchase_order o WHERE o.vendor_account = ? AND o.current_version > 1
                              AND o.status = 'in_external_review' LIMIT 1""", (vendor,)).fetchone()
    if outdated:
        status, text = post(action_path, vendor_user, response_fields(outdated[0], outdated[1] - 1))
        expect_refused("an outdated version", status, text, str(outdated[1]))
    else:
        # No order of this vendor has several versions: answer one that is not the current version.
        status, text = post(action_path, vendor_user, response_fields(awaiting[0], awaiting[2] + 1))
        expect_refused("a version that is not the current one", status, text, str(awaiting[2]))
    status, text = post(action_path, vendor_user, response_fields(awaiting[0], awaiting[2], response="rejected"))
    expect_refused("a second answer to one version", status, text, awaiting[0])
    waiting2 = con.execute("""SELECT o.number, o.current_version FROM purchase_order o WHERE o.vendor_account = ? AND o.status = 'in_external_review'
        AND o.is_consignment = 0 AND o.number <> ? AND NOT EXISTS (SELECT 1 FROM po_response r WHERE r.po_number = o.number AND r.version = o.current_version)
        LIMIT 1""", (vendor, awaiting[0])).fetchone()
    if waiting2:
        line = con.execute("SELECT line_no FROM po_line WHERE po_number = ? AND version = ? LIMIT 1", waiting2).fetchone()[0]
        status, text = post(action_path, vendor_user, response_fields(waiting2[0], waiting2[1], response="accepted_with_changes",
                                                                      extra=[(f"line-{line}-unit-price", "0.01")]))
        expect_refused("a changed price", status, text, "Prij" if "lang=\"nl\"" in text else "Prices")
        status, text = post(action_path, vendor_user, response_fields(waiting2[0], waiting2[1], response="accepted_with_changes",
                                                                      extra=[("line-999-quantity", "1")]))
        expect_refused("a line that does not exist", status, text, "999")
        status, text = post(action_path, vendor_user, response_fields(waiting2[0], waiting2[1], response="accepted_with_changes",
                                                                      extra=[(f"line-{line}-quantity", "-4")]))
        expect_refused("a negative quantity", status, text, "-4")
    # A forged user header is replaced by nginx with the signed-in user.
    status, text = post(action_path, vendor_user, response_fields(awaiting[0], awaiting[2]), headers={"X-Portico-User": other_user})
    if status == 200:
        fail("a forged X-Portico-User header was believed")
    count("forged user header ignored")
    # The invoice: a used number, a file that is not a PDF, files over the limit.
    invoice_path = f"/actions/vendors/{confirmed[1]}/"
    invoice_user = user_of(confirmed[1])
    lines = con.execute("SELECT line_no, quantity, unit_price_minor FROM po_line WHERE po_number = ? AND version = ?", (confirmed[0], confirmed[2])).fetchall()
    used = con.execute("SELECT invoice_number FROM vendor_invoice WHERE vendor_account = ? LIMIT 1", (confirmed[1],)).fetchone()

    def invoice_fields(number):
        fields = [("action", "po_invoice"), ("party_kind", "vendor"), ("account", confirmed[1]), ("document", confirmed[0]),
                  ("version", str(confirmed[2])), ("invoice-number", number), ("invoice-date", "2026-11-21")]
        for n, q, p in lines:
            fields += [(f"line-{n}-quantity", q), (f"line-{n}-unit-price", f"{p / 100:.2f}")]
        return fields
    if used:
        status, text = post(invoice_path, invoice_user, invoice_fields(used[0]))
        expect_refused("a used invoice number", status, text, used[0])
    status, text = post(invoice_path, invoice_user, invoice_fields("PORTAL-INV-1"))
    expect_refused("the portal's own invoice number again, other content", status, text, "PORTAL-INV-1")
    status, text = post(invoice_path, invoice_user, invoice_fields("PORTAL-INV-2"), files=[("files", "invoice.pdf", b"<html><script>alert(1)</script>", "application/pdf")])
    expect_refused("an HTML file named .pdf", status, text, "invoice.pdf")
    status, text = post(invoice_path, invoice_user, invoice_fields("PORTAL-INV-3"), files=[("files", "big.pdf", b"%PDF-" + b"0" * (MAX_UPLOAD + 10), "application/pdf")])
    expect_refused("files over the limit", status, text, "MB")
    status, text = post(invoice_path, invoice_user, invoice_fields("PORTAL-INV-3"), files=[("files", "huge.pdf", b"%PDF-" + b"0" * (MAX_UPLOAD + 1_100_000), "application/pdf")])
    if status != 413 or "Nothing was stored" not in text or "Er is niets opgeslagen" not in text:
        fail(f"a post over nginx's limit: {status}, expected 413 with the too-large page")
    count("too large for nginx: told, nothing stored")
    status, text = post(invoice_path, invoice_user, raw=b"--x\r\nnot a form", content_type="multipart/form-data; boundary=x")
    expect_refused("a malformed body", status, text, "", 400)
    customer_path = f"/actions/customers/{copy[1]}/"
    request = [("action", "invoice_request"), ("party_kind", "customer"), ("account", copy[1]), ("version", "1")]
    status, text = post(customer_path, user_of(copy[1]), request + [("document", foreign_invoice), ("email", "a@b.example")])
    expect_refused("a copy of another customer's invoice", status, text, foreign_invoice)
    status, text = post(customer_path, user_of(copy[1]), request + [("document", copy[0]), ("email", "not an address")])
    expect_refused("a bad e-mail address", status, text, "not an address")
    status, text = post(customer_path, user_of(copy[1]), request + [("document", copy[0]), ("email", "other@customer.example")])
    expect_refused("a second copy request while one is pending", status, text, copy[0])
    status, _ = post(invoice_path, invoice_user, method="GET")
    if status not in (403, 405):
        fail(f"GET on the action path: {status}")
    after = inbox("SELECT count(*) FROM action")[0][0]
    if after != before:
        fail(f"bad input stored {after - before} actions")
    refused = inbox("SELECT count(*) FROM attempt WHERE outcome = 'refused' AND id > ?", attempts_before)[0][0]
    if refused < counts.get("refused with a clear message", 0):
        fail(f"only {refused} refusals recorded for {counts.get('refused with a clear message', 0)} refused posts")

    # 4. A replay is received once; the receiver killed and restarted loses nothing and still knows it.
    replay = invoice_fields("PORTAL-INV-4")
    first_answer = post(invoice_path, invoice_user, replay)
    receiver.kill()
    receiver.wait()
    receiver = start_receiver()
    second_answer = post(invoice_path, invoice_user, replay)
    stored4 = inbox("SELECT count(*) FROM action WHERE invoice_number = 'PORTAL-INV-4'")[0][0]
    if first_answer[0] != 200 or second_answer[0] != 200 or stored4 != 1 or "receipt-ok" not in second_answer[1]:
        fail(f"replay across a restart: {first_answer[0]}, {second_answer[0]}, stored {stored4} times")
    if inbox("SELECT count(*) FROM attempt WHERE outcome = 'duplicate'")[0][0] < 1:
        fail("the replay was not recorded as a duplicate")
    count("replay stored once, across a restart")
    if inbox("SELECT count(*) FROM action")[0][0] != 4:
        fail("the actions accepted before the restart are not all in the inbox")
    # While the receiver is down, the user is told so (in both languages), and nothing is stored.
    receiver.kill()
    receiver.wait()
    status, text = post(invoice_path, invoice_user, invoice_fields("PORTAL-INV-5"))
    if status != 502 or "Er is niets opgeslagen" not in text or "Nothing was stored" not in text:
        fail(f"with the receiver down: {status}, expected 502 with the page saying nothing was stored")
    count("receiver down: told, nothing stored")
    status, _ = post("/unavailable.html", invoice_user, method="GET")
    if status != 404:
        fail(f"/unavailable.html asked for directly: {status}, expected 404 (only nginx shows it)")
    receiver = start_receiver()
finally:
    receiver.kill()
    server.__exit__()

# 5. The ERP imports the inbox, exports again; the next build shows the answer and the invoice.
con.close()
imported = subprocess.run([sys.executable, str(repo / "examples" / "erp_import.py"), "--inbox", str(inbox_path), "--db", str(db),
                           "--now", "2026-11-21T06:00:00Z"], capture_output=True, text=True)
print("actions:", imported.stdout.strip())
if inbox("SELECT count(*) FROM action WHERE taken_at IS NULL")[0][0] != 0:
    fail("the import left actions not taken")
check = subprocess.run([portico, "check", "--db", str(db)], capture_output=True, text=True)
if check.returncode != 0:
    fail("the imported export has errors:\n" + check.stdout[-2000:])
build()
site = (out / "current").resolve()
order_page = (site / "vendors" / vendor / "purchase-orders" / awaiting[0] / "index.html").read_text()
if "response-accepted_with_changes" not in order_page or "VEND-ALT-9" not in order_page or "respond-heading" in order_page:
    fail("after the import the order page does not show the response (or still asks for one)")
count("round: response shown after import and rebuild")
invoices = json.loads((site / "vendors" / confirmed[1] / "invoices" / "invoices.json").read_text())
if not any(r["number"] == "PORTAL-INV-1" for r in invoices):
    fail("after the import the invoice PORTAL-INV-1 is not in the vendor's list")
count("round: invoice listed after import and rebuild")

requests_page = (site / "customers" / copy[1] / "requests" / "index.html").read_text()
if "books@customer.example" not in requests_page or copy[0] not in requests_page:
    fail("after the import the copy request is not on the customer's requests page")
count("round: copy request shown after import and rebuild")

log = (work / "receive.log").read_text()
if log.count(" refused: ") < counts.get("refused with a clear message", 0) - 3 or " accepted #1: " not in log:
    fail("the receiver's log does not list the posts (refused and accepted)")

for what, n in counts.items():
    print(f"actions: {what}: {n}")
if failures:
    print(f"actions: {len(failures)} failures")
    sys.exit(1)
print("actions: 0 failures")
