#!/usr/bin/env python3
"""What readers see, in a real browser: Debian's chromium and chromedriver driven by selenium, against the small
demo site served by a real nginx through the build's generated access rules.

Checks: the invoice list's filter, search, sort and pagination with JavaScript, and the static lists and their
pagination without it; the dimension toggle on an order (with and without JavaScript); the pay form refuses more
than the open amount; the CSV link downloads the release's bytes and the feed link answers the feed; no page
scrolls sideways at 390 px; every text's contrast on its background is at least 4.5:1 (3:1 for large text), from
the stylesheet's computed colours; invoices, orders and statements print on A4 without navigation, with the table
header repeated on every printed page. Screenshots of the workspace, an invoice, an order, the customer overview
and a statement at 390 px and 1280 px go to WORKDIR/screenshots (test artifacts).

usage: check_browser.py PORTICO WORKDIR
"""
import base64
import json
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import chromium
from nginx_server import Nginx

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt

portico, work = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
repo = pathlib.Path(__file__).resolve().parents[2]
shutil.rmtree(work, ignore_errors=True)
(work / "screenshots").mkdir(parents=True)
(work / "downloads").mkdir()
db, out = work / "browser.sqlite", work / "site"
failures = []
checked = {}


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def count(what, n=1):
    checked[what] = checked.get(what, 0) + n


# The site: the small demo with a cheap password for everyone, and a configuration with short list pages (so the
# lists paginate), a pay endpoint on this server, e-mail requests, and the company's own colour.
subprocess.run([portico, "demo", "--db", str(db), "--scale", "small", "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
con = sqlite3.connect(db)
PASSWORD = "browser-check"
con.execute("UPDATE portal_user SET password_hash = ?", (crypt.crypt(PASSWORD, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)),))
# A long invoice (zero-amount lines keep its total) so that printing spans pages.
# The English customer with the most invoices is the one looked at; one of its invoices gets the long table.
customer = con.execute("""SELECT c.account FROM customer c JOIN customer_invoice i ON i.customer_account = c.account
                          WHERE c.invoice_account IS NULL AND c.locale = 'en-US' AND c.portal_enabled = 1
                          GROUP BY c.account ORDER BY count(*) DESC, c.account LIMIT 1""").fetchone()[0]
long_invoice = con.execute("SELECT number, customer_account FROM customer_invoice WHERE customer_account = ? AND total_minor > 0 ORDER BY number LIMIT 1",
                           (customer,)).fetchone()
first_line = con.execute("SELECT max(line_no) FROM customer_invoice_line WHERE invoice_number = ?", (long_invoice[0],)).fetchone()[0] or 0
for n in range(1, 91):
    con.execute("INSERT INTO customer_invoice_line VALUES (?, ?, NULL, ?, '1', 0, 0)", (long_invoice[0], first_line + n, f"Included service, part {n}"))
con.commit()


def user_of(kind, account):
    login = con.execute("SELECT login FROM portal_user WHERE party_kind = ? AND account = ? AND active = 1 ORDER BY login LIMIT 1", (kind, account)).fetchone()[0]
    return (login, "vendors" if kind == "vendor" else "customers", account)


config = work / "portico.json"
config.write_text(json.dumps({
    "page_size": 10,
    "payment": {"url_template": "/pay/?invoice={invoice}&amount={amount}&currency={currency}"},
    "requests": {"mode": "email", "email": "billing@example.com"},
    "company": {"brand_color": "#5b2a86"},
    "actions": {"mode": "endpoint"},
}))
build = subprocess.run([portico, "build", "--db", str(db), "--out", str(out), "--config", str(config), "--site", str(repo)],
                       capture_output=True, text=True)
if build.returncode != 0:
    sys.exit("the build failed:\n" + build.stdout + build.stderr)
site = (out / "current").resolve()

# Parties to look at: a vendor with the most invoices (an English and a Dutch one), a customer with statements.
vendors = con.execute("""SELECT v.account, v.locale, count(*) AS n FROM vendor v JOIN vendor_invoice i ON i.vendor_account = v.account
                         WHERE v.portal_enabled = 1 AND EXISTS (SELECT 1 FROM portal_user u WHERE u.account = v.account AND u.active = 1)
                         GROUP BY v.account ORDER BY n DESC, v.account""").fetchall()
vendor = next(v for v in vendors if v[1] == "en-US")[0]
list_vendor = vendors[0][0]
dutch_vendor = next(v for v in vendors if v[1] == "nl-NL")[0]


def portal_files(area, account, pattern):
    return sorted((site / area / account).glob(pattern))


def url(path):
    return server.base + "/" + str(path.relative_to(site)).replace("index.html", "")


def browser(javascript=True):
    return chromium(work / "downloads", javascript)


def sign_in(driver, user):
    """Signs in as the browser does after the password prompt: the credentials go with every request of the page
    (CDP) and are remembered for downloads (one visit with them in the URL, answered 200)."""
    login, area, account = user
    token = base64.b64encode(f"{login}:{PASSWORD}".encode()).decode()
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": "Basic " + token}})
    driver.get(server.base.replace("http://", f"http://{login}:{PASSWORD}@") + f"/{area}/{account}/")


def open_page(driver, path):
    driver.get(url(path))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if driver.execute_script("return document.title").startswith("401") or "403 Forbidden" in driver.page_source:
        fail(f"{path.relative_to(site)}: not served to its own user")


def wait_for(driver, condition, what):
    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(condition))
        return True
    except Exception:
        fail(f"timed out waiting for {what}")
        return False


def body_rows(driver):
    return driver.execute_script("""return Array.from(document.querySelectorAll('#list-table tbody tr')).map(tr =>
        Array.from(tr.cells).map(c => c.textContent.trim()))""")


# ---------------------------------------------------------------------------------------------------------------
def check_list_with_javascript(driver):
    page = site / "vendors" / list_vendor / "invoices" / "index.html"
    data = json.loads((page.parent / "invoices.json").read_text())
    open_page(driver, page)
    if not wait_for(driver, "return !document.querySelector('form.list-filter').hidden && document.querySelectorAll('#list-table tbody tr').length > 0",
                    "the invoice list's filter form"):
        return
    rows = body_rows(driver)
    if len(rows) != 10:
        fail(f"invoice list with JavaScript: {len(rows)} rows on the first page, expected 10 (page_size)")
    newest = sorted(data, key=lambda r: (r["invoiceDateISO"], r["id"]), reverse=True)[:10]
    if [r[0] for r in rows] != [r["number"] for r in newest]:
        fail(f"invoice list: first page is not the 10 newest invoices: {[r[0] for r in rows]}")
    count("list: first page")
    # Pagination: page 2 shows the next ten.
    driver.find_element(By.CSS_SELECTOR, "nav.pagination button:nth-child(1)")  # the pager exists
    buttons = driver.find_elements(By.CSS_SELECTOR, "nav.pagination button")
    if len(buttons) != (len(data) + 9) // 10:
        fail(f"invoice list: {len(buttons)} page buttons for {len(data)} invoices")
    buttons[1].click()
    second = [r["number"] for r in sorted(data, key=lambda r: (r["invoiceDateISO"], r["id"]), reverse=True)[10:20]]
    if [r[0] for r in body_rows(driver)] != second:
        fail("invoice list: page 2 does not show invoices 11-20")
    count("list: pagination")
    # Filter by status: only that status, all of them.
    statuses = sorted({r["statusKey"] for r in data})
    status = max(statuses, key=lambda s: (sum(r["statusKey"] == s for r in data), s))
    Select(driver.find_element(By.ID, "f-status")).select_by_value(status)
    expected = [r for r in data if r["statusKey"] == status]
    shown_badges = driver.execute_script("return Array.from(document.querySelectorAll('#list-table tbody tr td:nth-child(6) .badge')).map(b => b.className)")
    if not shown_badges or any(f"status-{status}" not in c for c in shown_badges):
        fail(f"status filter '{status}': rows of other statuses shown: {shown_badges}")
    summary = driver.find_element(By.CSS_SELECTOR, ".filter-count").text
    if not summary.endswith(f"/ {len(expected)}"):
        fail(f"status filter '{status}': count '{summary}', expected {len(expected)}")
    count("list: filter by status")
    # Date range.
    Select(driver.find_element(By.ID, "f-status")).select_by_value("")
    dates = sorted(r["invoiceDateISO"] for r in data)
    low, high = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    for field, value in (("f-from", low), ("f-to", high)):
        driver.execute_script("const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));", field, value)
    in_range = [r for r in data if low <= r["invoiceDateISO"] <= high]
    summary = driver.find_element(By.CSS_SELECTOR, ".filter-count").text
    iso = driver.execute_script("return Array.from(document.querySelectorAll('#list-table tbody time')).filter((t, i) => i % 2 == 0).map(t => t.dateTime)")
    if not summary.endswith(f"/ {len(in_range)}") or any(not (low <= d <= high) for d in iso):
        fail(f"date filter {low}..{high}: '{summary}', expected {len(in_range)}; dates shown {iso}")
    count("list: filter by date range")
    driver.find_element(By.CSS_SELECTOR, "form.list-filter button[type=reset]").click()
    time.sleep(0.2)
    # Search by number.
    target = data[len(data) // 2]["number"]
    box = driver.find_element(By.ID, "f-search")
    box.send_keys(target)
    matches = [r["number"] for r in data if target.lower() in r["number"].lower() or target.lower() in (r.get("po") or "").lower()]
    found = [r[0] for r in body_rows(driver)]
    if target not in found or sorted(found) != sorted(matches)[:10]:
        fail(f"search '{target}': shows {found}, expected {matches}")
    count("list: search")
    box.clear()
    driver.execute_script("document.getElementById('f-search').dispatchEvent(new Event('input', {bubbles: true}))")
    # Sort by amount, ascending then descending.
    header = driver.find_element(By.CSS_SELECTOR, "th[data-sort=amount] button")
    header.click()
    ascending = [r["number"] for r in sorted(data, key=lambda r: (float(r["amount"]), r["id"]))]
    shown = [r[0] for r in body_rows(driver)]
    by_number = {r["number"]: float(r["amount"]) for r in data}
    if [by_number[n] for n in shown] != sorted(by_number[n] for n in ascending[:10]):
        fail(f"sort by amount ascending: {shown}")
    driver.find_element(By.CSS_SELECTOR, "th[data-sort=amount] button").click()
    shown = [r[0] for r in body_rows(driver)]
    if [by_number[n] for n in shown] != sorted((float(r["amount"]) for r in data), reverse=True)[:10]:
        fail(f"sort by amount descending: {shown}")
    if driver.find_element(By.CSS_SELECTOR, "th[data-sort=amount]").get_attribute("aria-sort") != "descending":
        fail("sorted column does not say aria-sort=descending")
    count("list: sort")
    # The CSV link downloads the release's file. (A download is fetched by the browser, not the page: it carries the
    # credentials of the page's address, as after a password prompt, not the test's extra header.)
    login = user_of("vendor", list_vendor)[0]
    driver.get(url(page).replace("http://", f"http://{login}:{PASSWORD}@"))
    link = driver.find_element(By.CSS_SELECTOR, "p.downloads a[download]")
    link.click()
    target_file = work / "downloads" / "invoices.csv"
    for _ in range(100):
        if target_file.exists() and not list((work / "downloads").glob("*.crdownload")):
            break
        time.sleep(0.1)
    expected_csv = (page.parent / "invoices.csv").read_bytes()
    if not target_file.exists() or target_file.read_bytes() != expected_csv:
        fail("the CSV link did not download the release's invoices.csv")
    count("download: CSV")


def check_feed_link(driver):
    page = site / "vendors" / vendor / "index.html"
    open_page(driver, page)
    feeds = driver.find_elements(By.CSS_SELECTOR, "a[href$='feed.xml'], link[type='application/atom+xml']")
    if not feeds:
        fail("the workspace has no link to its feed")
        return
    href = feeds[0].get_attribute("href")
    result = driver.execute_async_script("""const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.text().then(t => done([r.status, r.headers.get('content-type'), t]))).catch(e => done([0, '', String(e)]));""", href)
    status, kind, text = result
    if status != 200 or "xml" not in (kind or "") or text.encode() != (site / "vendors" / vendor / "feed.xml").read_bytes():
        fail(f"feed link {href}: {status} {kind}")
    count("download: feed")


def check_keyboard_focus(driver):
    """Keyboard readers: the first Tab shows the skip link, focus is always visibly outlined."""
    open_page(driver, site / "vendors" / vendor / "index.html")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    state = driver.execute_script("""const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return [e.className, s.outlineStyle, parseFloat(s.outlineWidth), r.left >= 0 && r.top >= 0 && r.width > 0]""")
    if state[0] != "skip-link" or state[1] == "none" or state[2] < 2 or not state[3]:
        fail(f"the first Tab does not show an outlined skip link: {state}")
    for _ in range(8):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        style = driver.execute_script("const s = getComputedStyle(document.activeElement); return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]")
        if style[1] == "none" or style[2] < 2:
            fail(f"a focused {style[0]} has no visible outline: {style}")
        count("keyboard focus visible")


def check_lists_without_javascript(driver):
    page = site / "vendors" / list_vendor / "invoices" / "index.html"
    data = json.loads((page.parent / "invoices.json").read_text())
    open_page(driver, page)
    if driver.execute_script("return document.querySelector('form.list-filter').offsetParent !== null"):
        fail("without JavaScript the filter form (which needs it) is shown")
    first = [r[0] for r in body_rows(driver)]
    if len(first) != 10:
        fail(f"without JavaScript: {len(first)} rows on the first page, expected 10")
    pages = [first]
    for _ in range(20):
        nxt = driver.find_elements(By.CSS_SELECTOR, "nav.pagination a[rel=next]")
        if not nxt:
            break
        nxt[0].click()
        pages.append([r[0] for r in body_rows(driver)])
    everything = [n for p in pages for n in p]
    if sorted(everything) != sorted(r["number"] for r in data) or len(pages) != (len(data) + 9) // 10:
        fail(f"without JavaScript the static pages hold {len(everything)} invoices in {len(pages)} pages; the data has {len(data)}")
    count("no JavaScript: list pages")
    # A tile's list holds only its invoices.
    for tile in ["draft", "submitted", "approved-unpaid", "paid"]:
        tile_page = page.parent / tile / "index.html"
        open_page(driver, tile_page)
        numbers = [r[0] for r in body_rows(driver)]
        expected = sorted(r["number"] for r in data if r.get("tile") == tile)
        # The first page: only that tile's invoices, as many as fit on a page.
        if not set(numbers) <= set(expected) or len(numbers) != min(10, len(expected)):
            fail(f"without JavaScript the '{tile}' list shows {numbers}, expected {expected}")
        count("no JavaScript: tile lists")
    # A customer's unpaid list.
    cpage = site / "customers" / customer / "invoices" / "unpaid" / "index.html"
    sign_in(driver, user_of("customer", customer))
    open_page(driver, cpage)
    cdata = json.loads((site / "customers" / customer / "invoices" / "invoices.json").read_text())
    shown = [r[0] for r in body_rows(driver)]
    unpaid = [r["number"] for r in cdata if "unpaid" in r["lists"]]
    if not shown or not set(shown) <= set(unpaid):
        fail(f"without JavaScript the customer's unpaid list shows {shown}; unpaid are {unpaid}")
    count("no JavaScript: customer list")


def check_dimension_toggle(driver, javascript):
    orders = [p for p in portal_files("vendors", vendor, "purchase-orders/*/index.html") if "<th class=\"dim" in p.read_text() or 'class="dim' in p.read_text()]
    if not orders:
        fail(f"no order of {vendor} has dimension columns")
        return
    open_page(driver, orders[0])
    visible = "return Array.from(document.querySelectorAll('.dim')).filter(e => getComputedStyle(e).display !== 'none').length"
    total = driver.execute_script("return document.querySelectorAll('.dim').length")
    if driver.execute_script(visible) != 0:
        fail("order: dimension columns are shown before the reader asks")
    driver.find_element(By.CSS_SELECTOR, "label[for=show-dimensions]").click()
    if driver.execute_script(visible) != total or total == 0:
        fail(f"order: after the toggle {driver.execute_script(visible)} of {total} dimension cells are shown ({'with' if javascript else 'without'} JavaScript)")
    driver.find_element(By.CSS_SELECTOR, "label[for=show-dimensions]").click()
    if driver.execute_script(visible) != 0:
        fail("order: the toggle does not hide the dimension columns again")
    count("order: dimension toggle" + ("" if javascript else " without JavaScript"))


def check_pay_form(driver):
    sign_in(driver, user_of("customer", customer))
    candidates = []
    for p in portal_files("customers", customer, "invoices/*.html"):
        text = p.read_text()
        if 'id="pay-amount"' in text:
            candidates.append(p)
    if not candidates:
        fail(f"customer {customer} has no invoice with a pay form")
        return
    page = candidates[0]
    open_page(driver, page)
    amount = driver.find_element(By.ID, "pay-amount")
    maximum = amount.get_attribute("max")
    step = amount.get_attribute("step")
    before = driver.current_url
    too_much = f"{float(maximum) + float(step):.{max(0, len(step.split('.')[1]) if '.' in step else 0)}f}"
    amount.clear()
    amount.send_keys(too_much)
    driver.find_element(By.CSS_SELECTOR, "form.pay-form button[type=submit], form.pay-form button:not([type])").click()
    time.sleep(0.3)
    if driver.current_url != before:
        fail(f"pay form: {too_much} above the open amount {maximum} was sent ({driver.current_url})")
    if not driver.execute_script("return document.getElementById('pay-amount').validity.rangeOverflow"):
        fail("pay form: an amount above the open amount is not flagged by the browser")
    count("pay form: refuses more than the open amount")
    amount = driver.find_element(By.ID, "pay-amount")
    amount.clear()
    amount.send_keys(maximum)
    driver.find_element(By.CSS_SELECTOR, "form.pay-form button[type=submit], form.pay-form button:not([type])").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != before)
    if "/pay/" not in driver.current_url or f"amount={maximum}" not in driver.current_url:
        fail(f"pay form: the open amount {maximum} went to {driver.current_url}")
    count("pay form: sends the open amount")


# Pages for screenshots, the phone-width check, contrast and print.
def pages_to_see():
    vendor_invoice = portal_files("vendors", vendor, "invoices/*.html")[0]
    order = portal_files("vendors", vendor, "purchase-orders/*/index.html")[0]
    statements = portal_files("customers", customer, "statements/*.html")
    statement = max((p for p in statements if p.name != "index.html"), key=lambda p: p.stat().st_size)
    return [
        ("vendor", vendor, "workspace", site / "vendors" / vendor / "index.html"),
        ("vendor", vendor, "invoice", vendor_invoice),
        ("vendor", vendor, "order", order),
        ("customer", customer, "customer-overview", site / "customers" / customer / "index.html"),
        ("customer", customer, "statement", statement),
    ]


def every_page_type(kind, account):
    area = "vendors" if kind == "vendor" else "customers"
    root = site / area / account
    seen, result = set(), []
    for p in sorted(root.rglob("*.html")):
        rel = p.relative_to(root)
        shape = re.sub(r"[^/]*\d[^/]*", "N", str(rel))
        if shape not in seen:
            seen.add(shape)
            result.append(p)
    return result


CONTRAST = """
function lum(c) { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(',').map(Number); if (p.length > 3 && p[3] === 0) return null;
  const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(p[0]) + 0.7152 * f(p[1]) + 0.0722 * f(p[2]); }
function background(el) { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
  if (s.backgroundImage !== 'none') return null; const l = lum(s.backgroundColor); if (l !== null) return [l, s.backgroundColor]; }
  return [1, 'white']; }
const bad = [];
let n = 0;
for (const el of document.querySelectorAll('body *')) {
  const own = Array.from(el.childNodes).some(c => c.nodeType === 3 && c.textContent.trim());
  if (!own) continue;
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden' || s.display === 'none' || el.closest('[hidden]')) continue;
  const r = el.getBoundingClientRect(); if (r.width === 0 || r.height === 0 || r.right < 0) continue;
  const svg = el instanceof SVGElement;
  const fg = lum(svg ? s.fill : s.color); const bg = background(svg ? el.closest('svg').parentElement : el);
  if (fg === null || bg === null) continue;
  const ratio = (Math.max(fg, bg[0]) + 0.05) / (Math.min(fg, bg[0]) + 0.05);
  const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
  const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
  n++;
  if (ratio < need) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' +
    (svg ? s.fill : s.color) + ' on ' + bg[1] + ': ' + ratio.toFixed(2));
}
return [n, bad];
"""


def check_screen(driver, width, pages, screenshots):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    for kind, account, name, page in pages:
        sign_in(driver, user_of(kind, account))
        open_page(driver, page)
        time.sleep(0.1)
        wide = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if wide[0] > wide[1]:
            fail(f"{page.relative_to(site)} scrolls sideways at {width} px ({wide[0]} > {wide[1]})")
        count(f"no sideways scrolling at {width} px")
        n, bad = driver.execute_script(CONTRAST)
        for b in bad[:5]:
            fail(f"{page.relative_to(site)} at {width} px: contrast below the minimum: {b}")
        count("texts with enough contrast", n)
        if name:
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})
            (work / "screenshots" / f"{name}-{width}.png").write_bytes(base64.b64decode(shot["data"]))
            screenshots.append(f"{name}-{width}.png")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def check_print(driver):
    vendor_invoice = portal_files("vendors", vendor, "invoices/*.html")[0]
    order = portal_files("vendors", vendor, "purchase-orders/*/index.html")[0]
    statement = [p for p in portal_files("customers", customer, "statements/*.html") if p.name != "index.html"][-1]
    long_page = site / "customers" / customer / "invoices" / (long_invoice[0] + ".html")
    for kind, account, page in [("vendor", vendor, vendor_invoice), ("vendor", vendor, order), ("customer", customer, statement),
                                ("customer", customer, long_page)]:
        sign_in(driver, user_of(kind, account))
        open_page(driver, page)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        shown = driver.execute_script("""return Array.from(document.querySelectorAll('nav, .skip-link, .print-button, form'))
            .filter(e => e.getClientRects().length > 0).map(e => e.tagName + '.' + e.className)""")
        if shown:
            fail(f"{page.relative_to(site)}: printed with {shown}")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
        pdf_path = work / (page.stem + ".pdf")
        pdf_path.write_bytes(pdf)
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        if not boxes or any(abs(float(w) - 595.28) > 1 or abs(float(h) - 841.89) > 1 for w, h in boxes):
            fail(f"{page.relative_to(site)}: printed pages are not A4: {boxes[:3]}")
        text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True).stdout
        printed = text.split("\f")
        printed = [p for p in printed if p.strip()]
        nav_labels = driver.execute_script("return Array.from(document.querySelectorAll('nav.site-nav a')).map(a => a.textContent.trim())")
        if nav_labels and all(label in text for label in nav_labels) and " ".join(nav_labels[:3]) in re.sub(r"\s+", " ", text):
            fail(f"{page.relative_to(site)}: the navigation is printed")
        if page == long_page:
            header = driver.execute_script("return document.querySelector('table.data thead th').textContent.trim()")
            if len(printed) < 2:
                fail(f"{page.relative_to(site)}: a 90-line invoice printed on {len(printed)} page")
            lines_pages = [p for p in printed if "Included service" in p]
            missing = [i for i, p in enumerate(lines_pages) if header not in p]
            if missing:
                fail(f"{page.relative_to(site)}: printed pages {missing} of the lines table lack its header '{header}'")
            count("print: table header on every page", len(lines_pages))
        count("print: A4 without navigation")


# ---------------------------------------------------------------------------------------------------------------
server = Nginx(out, work).__enter__()
screenshots = []
try:
    with_js = browser(javascript=True)
    try:
        sign_in(with_js, user_of("vendor", list_vendor))
        check_list_with_javascript(with_js)
        sign_in(with_js, user_of("vendor", vendor))
        check_feed_link(with_js)
        check_keyboard_focus(with_js)
        check_dimension_toggle(with_js, javascript=True)
        check_pay_form(with_js)
        pages = pages_to_see()
        more = [(k, a, None, p) for k, a in (("vendor", vendor), ("vendor", dutch_vendor), ("customer", customer)) for p in every_page_type(k, a)]
        more += [("vendor", vendor, None, site / "index.html"), ("vendor", vendor, None, site / "nl" / "index.html")]
        check_screen(with_js, 390, pages + more, screenshots)
        check_screen(with_js, 1280, pages + more, screenshots)
        check_print(with_js)
    finally:
        with_js.quit()
    without_js = browser(javascript=False)
    try:
        sign_in(without_js, user_of("vendor", vendor))
        check_dimension_toggle(without_js, javascript=False)
        sign_in(without_js, user_of("vendor", list_vendor))
        check_lists_without_javascript(without_js)
    finally:
        without_js.quit()
finally:
    server.__exit__()

for what, n in checked.items():
    print(f"browser: {what}: {n}")
print(f"browser: screenshots in {work / 'screenshots'}: {', '.join(screenshots)}")
if failures:
    print(f"browser: {len(failures)} failures")
    sys.exit(1)
print("browser: 0 failures")
