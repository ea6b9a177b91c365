#!/usr/bin/env python3
"""Parses every vendor's feed.xml of a built site with feedparser (a real feed parser) and checks it is valid Atom."""
import pathlib
import sys

import feedparser

root = pathlib.Path(sys.argv[1])
feeds = sorted(root.glob("vendors/*/feed.xml"))
failures = 0
for path in feeds:
    feed = feedparser.parse(path.read_bytes())
    problems = []
    if feed.bozo:
        problems.append(f"not well-formed: {feed.bozo_exception}")
    if feed.version != "atom10":
        problems.append(f"version {feed.version!r}, expected atom10")
    for key in ("id", "title", "updated"):
        if not feed.feed.get(key):
            problems.append(f"feed has no {key}")
    ids = [e.get("id") for e in feed.entries]
    if len(set(ids)) != len(ids) or not all(ids):
        problems.append("entry ids missing or not unique")
    for e in feed.entries:
        if not (e.get("title") and e.get("updated_parsed") and e.get("link")):
            problems.append(f"entry {e.get('id')} lacks title, updated or link")
    times = [e.updated_parsed for e in feed.entries]
    if times != sorted(times, reverse=True):
        problems.append("entries are not newest first")
    if problems:
        failures += 1
        print(f"{path}: " + "; ".join(problems))
print(f"feeds: {len(feeds) - failures} passed, {failures} failed")
sys.exit(1 if failures or not feeds else 0)
