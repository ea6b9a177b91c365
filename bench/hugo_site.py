#!/usr/bin/env python3
"""Writes a Hugo site equivalent to a Portico build of the same export: one page per vendor invoice, customer
invoice and purchase order with its lines, one list page per party, a base layout with header, navigation and
footer; as many pages as the Portico build wrote (further passes over the documents, as their print versions,
make up the rest), and pages of about the same size.

usage: hugo_site.py DB SITE_DIR PAGES
"""
import os
import sqlite3
import subprocess
import sys

db_path, site, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
subprocess.run(["rm", "-rf", site], check=False)
os.makedirs(f"{site}/layouts/_default")
os.makedirs(f"{site}/content")
with open(f"{site}/config.toml", "w") as f:
    f.write('baseURL = "https://portal.example.com/"\ntitle = "Portal"\nuglyURLs = true\n'
            'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
with open(f"{site}/layouts/_default/baseof.html", "w") as f:
    f.write("""<!DOCTYPE html>
<html lang="{{ .Params.lang | default "en" }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site"><p class="brand">{{ .Site.Title }}</p><p class="party">{{ .Params.party }}</p>
<nav aria-label="Portal"><ul><li><a href="../index.html">Workspace</a></li><li><a href="../invoices/index.html">Invoices</a></li>
<li><a href="../purchase-orders/index.html">Purchase orders</a></li><li><a href="../payments/index.html">Payments</a></li>
<li><a href="../consignment/index.html">Consignment</a></li><li><a href="../statements/index.html">Statements</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>Data as of {{ .Params.asof }}</p><p>Noordzee Handelsgroep B.V. · Havenweg 1, Rotterdam · ap@example.com</p></footer>
</body></html>
""")
with open(f"{site}/layouts/_default/single.html", "w") as f:
    f.write("""{{ define "main" }}<h1>{{ .Title }}</h1>
<dl class="facts"><dt>Status</dt><dd><span class="badge">{{ .Params.status }}</span></dd><dt>Date</dt><dd>{{ .Params.day }}</dd>
<dt>Due</dt><dd>{{ .Params.due }}</dd><dt>Total</dt><dd class="num">{{ .Params.total }}</dd><dt>Tax</dt><dd class="num">{{ .Params.tax }}</dd></dl>
{{ .Content }}{{ end }}
""")
with open(f"{site}/layouts/_default/list.html", "w") as f:
    f.write("""{{ define "main" }}<h1>{{ .Title }}</h1><table><caption>Documents</caption><thead><tr><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead><tbody>
{{ range first 50 .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.status }}</td><td class="num">{{ .Params.total }}</td></tr>
{{ end }}</tbody></table>{{ end }}
""")

db = sqlite3.connect(db_path)
(asof,) = db.execute("SELECT value FROM schema_info WHERE key = 'exported_at'").fetchone()
written = 0


def page(path, title, party, status, day, due, total, tax, lines):
    global written
    body = ["| # | Item | Description | Quantity | Price | Amount |", "|---|---|---|---:|---:|---:|"]
    for l in lines:
        body.append("| " + " | ".join(str(x) for x in l) + " |")
    body += ["", "## History", "", "| When | From | To | Who |", "|---|---|---|---|"]
    for k in range(8):
        body.append(f"| {day}T0{k}:00:00Z | step {k} | step {k + 1} | Accounts payable team |")
    body += ["", "## Payments", "", "| Paid on | Reference | Amount |", "|---|---|---:|"]
    for k in range(6):
        body.append(f"| {due} | PAY-{title}-{k} | {total} |")
    body += ["", "## Notes", ""]
    body += ["Notes and payments for this document are listed on the portal; ask the accounts team for a copy. " * 3] * 6
    with open(path, "w") as f:
        f.write(f'---\ntitle: "{title}"\nparty: "{party}"\nstatus: "{status}"\nday: "{day}"\ndue: "{due}"\n'
                f'total: "{total}"\ntax: "{tax}"\nasof: "{asof}"\n---\n' + "\n".join(body) + "\n")
    written += 1


def party_dir(area, account):
    d = f"{site}/content/{area}/{account.replace('/', '_')}"
    if not os.path.isdir(d):
        os.makedirs(d)
        with open(f"{d}/_index.md", "w") as f:
            f.write(f'---\ntitle: "{account}"\n---\n')
        global written
        written += 1
    return d


def documents():
    lines = {}
    for iid, no, item, desc, q, p, a in db.execute(
            "SELECT invoice_id, line_no, item_number, description, quantity, unit_price_minor, amount_minor FROM vendor_invoice_line ORDER BY invoice_id, line_no"):
        lines.setdefault(iid, []).append((no, item, desc, q, p, a))
    for iid, acct, number, day, due, status, total, tax in db.execute(
            "SELECT id, vendor_account, invoice_number, invoice_date, due_date, status, total_minor, tax_minor FROM vendor_invoice ORDER BY id"):
        yield "vendors", acct, str(iid), number, status, day, due, total, tax, lines.get(iid, [])
    lines = {}
    for num, no, item, desc, q, p, a in db.execute(
            "SELECT invoice_number, line_no, item_number, description, quantity, unit_price_minor, amount_minor FROM customer_invoice_line ORDER BY invoice_number, line_no"):
        lines.setdefault(num, []).append((no, item, desc, q, p, a))
    for number, acct, day, due, total, tax in db.execute(
            "SELECT number, customer_account, invoice_date, due_date, total_minor, tax_minor FROM customer_invoice ORDER BY number"):
        yield "customers", acct, number, number, "open", day, due, total, tax, lines.get(number, [])
    for number, acct, day, status in db.execute("SELECT number, vendor_account, order_date, status FROM purchase_order WHERE status <> 'draft' ORDER BY number"):
        yield "vendors", acct, number, number, status, day, day, 0, 0, []


passes = 0
while written < wanted:
    passes += 1
    before = written
    for area, acct, slug, title, status, day, due, total, tax, lines in documents():
        if written >= wanted:
            break
        d = party_dir(area, acct)
        suffix = "" if passes == 1 else f"-p{passes}"
        page(f"{d}/{slug}{suffix}.md", title + ("" if passes == 1 else " (print)"), acct, status, day, due, total, tax, lines)
    if written == before:
        break
print(f"hugo site: {written} pages in {passes} passes")
