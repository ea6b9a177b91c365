#!/usr/bin/env python3
"""Changes 1% of the parties of an export as an ERP would between two exports, deterministically.

For every 100th vendor (in account order): a new draft invoice with two lines and its creation event; the oldest
invoice in review is confirmed (a new event); a payment settles the newest confirmed invoice that is not fully paid.
For every 100th invoice account: a new invoice with two lines; a payment settles its oldest open invoice.
The export time stays the same (see BENCHMARKS.md: a new export time re-renders every party, because every page
shows it). Every change keeps the export valid (`portico check` finds no error).

usage: nightly_change.py DB   (edits DB in place)
"""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA foreign_keys = OFF")
(today,) = db.execute("SELECT substr(value, 1, 10) FROM schema_info WHERE key = 'exported_at'").fetchone()
stamp = today + "T12:00:00Z"
item, unit_price = db.execute("SELECT number, 1000 FROM item WHERE kind = 'product' ORDER BY number LIMIT 1").fetchone()

vendors = [a for (a,) in db.execute("SELECT account FROM vendor WHERE portal_enabled = 1 ORDER BY account")][::100]
customers = [a for (a,) in db.execute(
    "SELECT account FROM customer WHERE portal_enabled = 1 AND invoice_account IS NULL ORDER BY account")][::100]
next_vendor_invoice = db.execute("SELECT max(id) FROM vendor_invoice").fetchone()[0] + 1
next_vendor_payment = db.execute("SELECT max(id) FROM vendor_payment").fetchone()[0] + 1
next_customer_payment = db.execute("SELECT max(id) FROM customer_payment").fetchone()[0] + 1

for n, account in enumerate(vendors):
    (currency,) = db.execute("SELECT currency FROM vendor WHERE account = ?", (account,)).fetchone()
    # A new draft invoice.
    iid = next_vendor_invoice
    next_vendor_invoice += 1
    lines = [(1, 10, unit_price), (2, 3, unit_price * 2)]
    amount = sum(q * p for _, q, p in lines)
    tax = amount // 5
    db.execute("INSERT INTO vendor_invoice VALUES (?,?,?,NULL,?,?,?,'draft',?,?,'not_matched',NULL,NULL)",
               (iid, account, f"NIGHT-{account}-{n}", today, today, currency, amount + tax, tax))
    for no, q, p in lines:
        db.execute("INSERT INTO vendor_invoice_line VALUES (?,?,NULL,?,?,?,?,?,'not_started')",
                   (iid, no, item, "Delivered today", str(q), p, q * p))
    db.execute("INSERT INTO vendor_invoice_event VALUES (?,1,?,NULL,'draft','ERP',NULL)", (iid, stamp))
    # The oldest invoice in review is confirmed.
    row = db.execute("SELECT id FROM vendor_invoice WHERE vendor_account = ? AND status = 'in_review' ORDER BY id LIMIT 1", (account,)).fetchone()
    if row:
        (seq,) = db.execute("SELECT max(seq) FROM vendor_invoice_event WHERE invoice_id = ?", row).fetchone()
        (last_at,) = db.execute("SELECT max(at) FROM vendor_invoice_event WHERE invoice_id = ?", row).fetchone()
        db.execute("INSERT INTO vendor_invoice_event VALUES (?,?,?,'in_review','confirmed','AP team',NULL)", (row[0], seq + 1, max(stamp, last_at)))
        db.execute("UPDATE vendor_invoice SET status = 'confirmed', posted_at = ?, matching_status = 'matched' WHERE id = ?", (max(stamp, last_at), row[0]))
        db.execute("UPDATE vendor_invoice_line SET verification_status = 'complete' WHERE invoice_id = ?", row)
    # A payment settles the newest confirmed invoice that is not fully paid.
    row = db.execute("""
        SELECT i.id, i.total_minor - COALESCE((SELECT sum(amount_minor) FROM vendor_settlement s WHERE s.invoice_id = i.id), 0), i.currency
        FROM vendor_invoice i WHERE i.vendor_account = ? AND i.status = 'confirmed'
          AND i.total_minor > COALESCE((SELECT sum(amount_minor) FROM vendor_settlement s WHERE s.invoice_id = i.id), 0)
        ORDER BY i.id DESC LIMIT 1""", (account,)).fetchone()
    if row:
        pid = next_vendor_payment
        next_vendor_payment += 1
        db.execute("INSERT INTO vendor_payment VALUES (?,?,?,?,?,'bank_transfer',?)", (pid, account, today, row[1], row[2], f"NIGHT-PAY-{pid}"))
        db.execute("INSERT INTO vendor_settlement VALUES (?,?,?)", (pid, row[0], row[1]))

for n, account in enumerate(customers):
    (currency,) = db.execute("SELECT currency FROM customer WHERE account = ?", (account,)).fetchone()
    number = f"SI-NIGHT-{n:05d}"
    lines = [(1, 4, unit_price), (2, 1, unit_price * 3)]
    amount = sum(q * p for _, q, p in lines)
    tax = amount // 5
    db.execute("INSERT INTO customer_invoice VALUES (?,?,NULL,?,?,?,?,?,NULL,NULL)",
               (number, account, today, today, currency, amount + tax, tax))
    for no, q, p in lines:
        db.execute("INSERT INTO customer_invoice_line VALUES (?,?,?,?,?,?,?)", (number, no, item, "Delivered today", str(q), p, q * p))
    row = db.execute("""
        SELECT i.number, i.total_minor - COALESCE((SELECT sum(amount_minor) FROM customer_settlement s WHERE s.invoice_number = i.number), 0), i.currency
        FROM customer_invoice i WHERE i.customer_account = ? AND i.total_minor > 0 AND i.number <> ?
          AND i.total_minor > COALESCE((SELECT sum(amount_minor) FROM customer_settlement s WHERE s.invoice_number = i.number), 0)
        ORDER BY i.due_date, i.number LIMIT 1""", (account, number)).fetchone()
    if row:
        pid = next_customer_payment
        next_customer_payment += 1
        db.execute("INSERT INTO customer_payment VALUES (?,?,?,?,?,'bank_transfer',?)", (pid, account, today, row[1], row[2], f"NIGHT-{pid}"))
        db.execute("INSERT INTO customer_settlement VALUES (?,?,?)", (pid, row[0], row[1]))

db.commit()
print(f"changed {len(vendors)} vendors and {len(customers)} invoice accounts")
