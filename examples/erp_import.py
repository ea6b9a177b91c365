#!/usr/bin/env python3
"""An example ERP integration for Portico's action inbox (docs/actions.md): takes every action not yet taken, writes
it into the ERP's tables (here: straight into a copy of the export, as the demo has no ERP), and marks it taken.
A real integration does the same against its ERP's API; what matters is the order: write, then mark taken, so an
action is never lost and never imported twice.

usage: erp_import.py --inbox INBOX.sqlite --db EXPORT.sqlite [--now 2026-11-21T08:00:00Z]
"""
import argparse
import datetime
import json
import sqlite3

parser = argparse.ArgumentParser()
parser.add_argument("--inbox", required=True)
parser.add_argument("--db", required=True)
parser.add_argument("--now", help="the new export time (default: now, UTC)")
args = parser.parse_args()
now = args.now or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

inbox = sqlite3.connect(args.inbox)
erp = sqlite3.connect(args.db)
taken = {"po_response": 0, "po_invoice": 0, "invoice_request": 0}
for action_id, kind, payload in inbox.execute("SELECT id, kind, payload FROM action WHERE taken_at IS NULL ORDER BY id").fetchall():
    a = json.loads(payload)
    user = erp.execute("SELECT COALESCE(display_name, login) FROM portal_user WHERE login = ?", (a["user"],)).fetchone()
    responder = user[0] if user else a["user"]
    received = inbox.execute("SELECT received_at FROM action WHERE id = ?", (action_id,)).fetchone()[0]
    with erp:
        if kind == "po_response":
            erp.execute("INSERT INTO po_response VALUES (?, ?, ?, ?, ?)", (a["document"], a["version"], received, a["response"], responder))
            for line in a.get("response_lines") or []:
                for d in line["deliveries"]:
                    erp.execute("INSERT INTO po_line_response VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                (a["document"], a["version"], line["line_no"], d["split_seq"], d["decision"], d.get("quantity"),
                                 d.get("delivery_date"), line.get("substitute_item"), line.get("substitute_description")))
        elif kind == "po_invoice":
            invoice_id = erp.execute("SELECT COALESCE(max(id), 0) + 1 FROM vendor_invoice").fetchone()[0]
            due = (datetime.date.fromisoformat(a["invoice_date"]) + datetime.timedelta(days=30)).isoformat()
            erp.execute("""INSERT INTO vendor_invoice (id, vendor_account, invoice_number, po_number, invoice_date, due_date, currency, status,
                           total_minor, tax_minor, matching_status, submitted_at, posted_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?, 'in_review', ?, 0, 'not_matched', ?, NULL)""",
                        (invoice_id, a["party"]["account"], a["invoice_number"], a["document"], a["invoice_date"], due, a["currency"],
                         a["total_minor"], received))
            for n, line in enumerate(a["invoice_lines"], start=1):
                item = erp.execute("SELECT item_number, description FROM po_line WHERE po_number = ? AND version = ? AND line_no = ?",
                                   (a["document"], a["version"], line["line_no"])).fetchone()
                erp.execute("INSERT INTO vendor_invoice_line VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'not_started')",
                            (invoice_id, n, line["line_no"], item[0], item[1], line["quantity"], line["unit_price_minor"], line["amount_minor"]))
            erp.execute("INSERT INTO vendor_invoice_event VALUES (?, 1, ?, NULL, 'draft', ?, NULL)", (invoice_id, received, responder))
            erp.execute("INSERT INTO vendor_invoice_event VALUES (?, 2, ?, 'draft', 'in_review', ?, ?)", (invoice_id, received, responder, a.get("note")))
        elif kind == "invoice_request":
            requester = erp.execute("SELECT account FROM portal_user WHERE login = ?", (a["user"],)).fetchone()
            request_id = erp.execute("SELECT COALESCE(max(id), 0) + 1 FROM invoice_request").fetchone()[0]
            erp.execute("INSERT INTO invoice_request VALUES (?, ?, ?, ?, ?, 'pending', NULL)",
                        (request_id, requester[0] if requester else a["party"]["account"], a["document"], received, a["email"]))
        erp.execute("UPDATE schema_info SET value = ? WHERE key = 'exported_at'", (now,))
    # Only after the ERP has it: taken.
    with inbox:
        inbox.execute("UPDATE action SET taken_at = ? WHERE id = ?", (now, action_id))
    taken[kind] += 1
print(f"imported {taken['po_response']} responses, {taken['po_invoice']} invoices and {taken['invoice_request']} copy requests")
