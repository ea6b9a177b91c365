#!/usr/bin/env python3
"""The benchmark: Portico beside Hugo and beside the file-writing floor, on one machine, in one run.

Times, each `--runs` times (median reported): (a) a full build into a fresh folder; (b) a nightly build after
bench/nightly_change.py changed 1% of the parties; (b2) a night with a new export time (every party rendered again,
over the folders the night before unlinked); (c) a rebuild of an unchanged export; (d) Hugo building an
equivalent site with as many pages (bench/hugo_site.py); (e) bench/floor.c writing the same files (sizes and folder
shape) as the full build. Also one full build of the `medium` database, for the memory comparison. Peak memory is
`/usr/bin/time -v`'s maximum resident set size. Writes a table into the generated part of BENCHMARKS.md.

usage: bench.py --portico PATH [--scale large] [--runs 3] [--work DIR] [--out BENCHMARKS.md] [--hugo-limit-gib 16] [--warm-gib N]
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--portico", required=True)
ap.add_argument("--scale", default="large")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--work", default=".build/bench")
ap.add_argument("--out", default="BENCHMARKS.md")
ap.add_argument("--hugo-limit-gib", type=float, default=16.0)
ap.add_argument("--site", default=".")
ap.add_argument("--reserve-gib", type=float, default=2.0,
                help="disk space to leave free; runs of a step are deleted as they go when the next would not fit")
ap.add_argument("--resume", action="store_true",
                help="keep the steps an interrupted run of the same scale, runs and program finished (WORK/results.json)")
ap.add_argument("--quiet-after-deletion", type=float, default=370.0,
                help="seconds to leave the disk after files were deleted before timing (see settle); 0 for a quick check")
ap.add_argument("--warm-gib", type=float, default=None,
                help="GiB of page cache to fill before each measurement (see warm_memory; default: the memory "
                     "available less 1 GiB; 0 to skip)")
args = ap.parse_args()

portico = os.path.abspath(args.portico)
site = os.path.abspath(args.site)
work = os.path.abspath(args.work)
here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(work, exist_ok=True)


# When files were last deleted (by `remove` or by a Portico build collecting an old release), see `settle`.
last_deletion = [None]
QUIET_AFTER_DELETION = args.quiet_after_deletion


def drop_unlinked(out_dir):
    """Removes the party folders the served release does not link to (Portico keeps them one build, to recycle)."""
    linked = set()
    for area in ("vendors", "customers"):
        served = os.path.join(out_dir, "current", area)
        for name in os.listdir(served) if os.path.isdir(served) else []:
            target = os.readlink(os.path.join(served, name)) if os.path.islink(os.path.join(served, name)) else None
            if target:
                linked.add(os.path.basename(target.rstrip("/")))
        folder = os.path.join(out_dir, "parties", area)
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            if not name.startswith(".") and not name.endswith(".count") and name not in linked:
                remove(os.path.join(folder, name) + ".count")
                remove(os.path.join(folder, name))


def remove(path):
    """Removes a tree (rm -rf: a million files go faster than through shutil)."""
    subprocess.run(["rm", "-rf", path], check=False)
    last_deletion[0] = time.monotonic()


def log(*a):
    print(*a, flush=True)


def free_bytes():
    return shutil.disk_usage(work).free


def make_room(used, earlier):
    """Before another run of a step whose run used `used` bytes of disk: if it would not fit (with --reserve-gib
    left), removes the step's outputs so far (kept only so that no deletion comes right before a measurement; the
    next measurement then waits for a quiet disk, see settle)."""
    earlier = [path for path in earlier if os.path.exists(path)]
    if free_bytes() - used >= args.reserve_gib * 2**30 or not earlier:
        return
    log(f"not enough disk for another copy ({used / 2**30:.1f} GiB): removing {len(earlier)} output(s) of this step")
    for path in earlier:
        remove(path)


def settle():
    """Waits until the kernel has written back what earlier steps left (a deleted million-file tree keeps the disk
    busy for minutes), so that every measurement starts from a quiet disk.

    Then, if this script deleted a tree less than QUIET_AFTER_DELETION seconds ago, waits for the rest. ext4 without
    a journal (this machine's file system) does not hand out an inode freed in the last 60 seconds, or 6 minutes while
    its inode table block is dirty (which creating files in it makes it again), and scans past every such inode for
    each file it creates: right after deleting a million files, creating a million took the floor 291 s instead of
    34 s. Real builds run a day after the last one deleted anything. So the script deletes as seldom as it can (every
    run writes into a folder of its own) and Portico, Hugo and the floor all start on the same quiet disk.

    Last, the page cache is filled (see warm_memory)."""
    subprocess.run(["sync"], check=False)
    for _ in range(600):
        meminfo = dict(line.split(":", 1) for line in open("/proc/meminfo"))
        dirty = int(meminfo["Dirty"].split()[0]) + int(meminfo["Writeback"].split()[0])
        if dirty < 64 * 1024:
            break
        time.sleep(0.5)
    time.sleep(2)
    if last_deletion[0] is not None:
        wait = QUIET_AFTER_DELETION - (time.monotonic() - last_deletion[0])
        if wait > 0:
            time.sleep(wait)
    warm_memory()


warm_file = [None]


def warm_memory():
    """Fills the page cache before each measurement by reading a sparse file as large as the memory available (it
    takes no disk: its pages are zeros). This machine is a virtual machine whose host backs the guest's memory only
    where it was touched, and takes back free memory in 8 MiB blocks (free page reporting,
    `page_reporting.page_reporting_order=11`). Right after a boot, or after a large tree was deleted (its cached pages
    are freed at once), every page the file system takes for a new file is memory the host has to find first:
    creating the same million files took the floor 102-109 s on such memory, and 50 s once the page cache was full of
    pages it could reuse. A server that has run for a day has its page cache full, so every measurement here starts
    that way. The first read touches all of it (a minute or more); later reads find most pages still cached. The file
    is kept to the end (deleting it would give its memory back at once) and removed then. The databases are read
    last, so that they are cached as a fresh export is."""
    if warm_file[0] is None:
        meminfo = dict(line.split(":", 1) for line in open("/proc/meminfo"))
        size = int(meminfo["MemAvailable"].split()[0]) * 1024 - 2**30
        if args.warm_gib is not None:
            size = min(size, int(args.warm_gib * 2**30))
        if size <= 0:
            return
        warm_file[0] = os.path.join(work, "warm-memory.sparse")
        with open(warm_file[0], "wb") as f:
            f.truncate(size)
    started = time.monotonic()
    # Then the export files, as a server has the export it was just given in its page cache (the file above would
    # otherwise have pushed them out, and a nightly build would read its export from the disk).
    exports = [os.path.join(work, name) for name in sorted(os.listdir(work)) if name.endswith(".sqlite")]
    buffer = bytearray(1 << 20)
    for path in [warm_file[0]] + exports:
        with open(path, "rb", buffering=0) as f:
            while f.readinto(buffer):
                pass
    seconds = time.monotonic() - started
    if seconds > 10:
        log(f"page cache filled ({os.path.getsize(warm_file[0]) / 2**30:.1f} GiB) in {seconds:.0f} s (see warm_memory)")


def timed(cmd, cwd=None, limit_kib=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS KiB, stdout). Kills it above limit_kib."""
    settle()
    full = ["/usr/bin/time", "-v"] + cmd
    started = time.monotonic()
    p = subprocess.Popen(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = []

    def watch():
        while p.poll() is None:
            try:
                children = subprocess.run(["ps", "-o", "rss=", "--ppid", str(p.pid)], capture_output=True, text=True).stdout.split()
                if limit_kib and sum(int(x) for x in children) > limit_kib:
                    killed.append(True)
                    subprocess.run(["pkill", "-KILL", "-P", str(p.pid)])
                    return
            except Exception:
                pass
            time.sleep(0.5)

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    out, err = p.communicate()
    wall = time.monotonic() - started
    rss = 0
    for line in err.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1])
        if "Elapsed (wall clock)" in line:
            parts = line.split(": ", 1)[1].split(":")
            wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(parts)))
    if killed:
        return None, rss, out + err
    if p.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return wall, rss, out


def report(out_dir):
    with open(os.path.join(out_dir, "report.json")) as f:
        return json.load(f)


# The databases, cached: generating `large` takes about a minute.
db = os.path.join(work, f"{args.scale}.sqlite")
if not os.path.exists(db):
    log(f"generating the {args.scale} demo database (cached in {db})")
    subprocess.run([portico, "demo", "--db", db + ".tmp", "--scale", args.scale, "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    os.rename(db + ".tmp", db)
changed = os.path.join(work, f"{args.scale}-changed.sqlite")
shutil.copyfile(db, changed)
log(subprocess.run([sys.executable, os.path.join(here, "nightly_change.py"), changed], check=True, capture_output=True, text=True).stdout.strip())
config = os.path.join(work, "bench-config.json")
with open(config, "w") as f:
    json.dump({"keep_releases": 1}, f)  # so a nightly run is not helped by folders an earlier run left

out = os.path.join(work, "out")
build = [portico, "build", "--out", out, "--site", site, "--config", config, "--quiet"]
# Each finished step is saved, so that a run stopped late (a full disk, a reboot) can go on with `--resume` instead of
# starting again: the steps done stay as they were measured, by the same program on the same database.
results_path = os.path.join(work, "results.json")
identity = {"scale": args.scale, "runs": args.runs, "portico": os.stat(portico).st_mtime, "db": os.stat(db).st_size}
results = {}
started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
resumed_at = None
if args.resume and os.path.exists(results_path):
    with open(results_path) as f:
        saved = json.load(f)
    if saved.get("identity") == identity:
        results = saved["results"]
        resumed_at, started_at = started_at, saved["started"]
        log(f"resuming the run of {started_at}: {', '.join(results)} kept")
    else:
        log("not resuming: the saved steps are of another scale, number of runs, program or database")


def save():
    with open(results_path + ".tmp", "w") as f:
        json.dump({"identity": identity, "started": started_at, "results": results}, f)
    os.replace(results_path + ".tmp", results_path)


def resumed(step):
    """True when the interrupted run finished `step` (its results are kept)."""
    if step in results:
        log(f"{step}: kept from the interrupted run (--resume)")
    return step in results


def finish(step, value):
    results[step] = value
    save()


# What an earlier run left, deleted at once (the first measurement then waits for a quiet disk, see settle); `out`
# stays when a resumed run still needs it.
needs_out = not all(k in results for k in ("nochange", "rewrite", "nightly", "newday"))
for name in sorted(os.listdir(work)):
    if (name == "out" and ("full" not in results or not needs_out)) or name.startswith(("out-", "floor-out", "hugo-out")):
        remove(os.path.join(work, name))

# (a) Full builds, each into a folder of its own; the last one becomes `out` for the nightly runs.
if not resumed("full"):
    full = []
    full_outs = []
    for r in range(args.runs):
        target = os.path.join(work, f"out-full-{r + 1}")
        before = free_bytes()
        wall, rss, _ = timed([portico, "build", "--out", target, "--site", site, "--config", config, "--quiet", "--db", db])
        rep = report(target)
        full.append((wall, rss, rep["counts"]["pages_rendered"], rep["counts"]["files_written"]))
        log(f"(a) full build {r + 1}: {wall:.1f} s, {rss / 1024:.0f} MiB, {rep['counts']['pages_rendered']} pages")
        if r + 1 < args.runs:
            make_room(before - free_bytes(), full_outs + [target])
        full_outs.append(target)
    os.rename(full_outs[-1], out)
    for target in full_outs[:-1]:
        remove(target)
    finish("full", full)
full = results["full"]
pages = full[-1][2]

# The floor's manifest: every file of the release just built, with its size, in the same folders (kept on resume).
manifest = os.path.join(work, "manifest.txt")
current = os.path.join(out, "current")
if "manifest" not in results:
    with open(manifest, "w") as m:
        for root, dirs, files in os.walk(current, followlinks=True):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                m.write(f"{os.path.getsize(path)} {os.path.relpath(path, current)}\n")
    finish("manifest", True)
files_total = sum(1 for _ in open(manifest))

# (c) No-change rebuilds.
if not resumed("nochange"):
    nochange = []
    for r in range(args.runs):
        wall, rss, _ = timed(build + ["--db", db])
        rep = report(out)
        nochange.append((wall, rss, rep["counts"]["pages_reused"]))
        log(f"(c) no-change rebuild {r + 1}: {wall:.1f} s, {rss / 1024:.0f} MiB")
    finish("nochange", nochange)

# (c2) The same data in a file whose bytes differ (as an ERP writing the export again would make it): every party's
# fingerprint is checked, nothing is rendered.
if not resumed("rewrite"):
    rewritten = os.path.join(work, "rewritten.sqlite")
    shutil.copyfile(db, rewritten)
    with sqlite3.connect(rewritten) as c:
        c.executescript("CREATE TABLE scratch (x); DROP TABLE scratch;")
    c.close()
    rewrite = []
    for r in range(args.runs):
        target = db if r % 2 else rewritten
        timed(build + ["--db", target])  # alternate files, so each measured build starts from the other's state
        wall, rss, _ = timed(build + ["--db", rewritten if r % 2 else db])
        rep = report(out)
        rewrite.append((wall, rss, rep["counts"]["pages_rendered"]))
        log(f"(c2) same data, rewritten file {r + 1}: {wall:.1f} s, {rss / 1024:.0f} MiB, {rep['counts']['pages_rendered']} pages rendered")
    os.remove(rewritten)
    finish("rewrite", rewrite)

# (d) Hugo, an equivalent site with as many pages.
if not resumed("hugo"):
    hugo_site = os.path.join(work, "hugo-site")
    log(subprocess.run([sys.executable, os.path.join(here, "hugo_site.py"), db, hugo_site, str(pages)], check=True, capture_output=True, text=True).stdout.strip())
    hugo = []
    hugo_pages = None
    for r in range(args.runs):
        hugo_out = os.path.join(work, f"hugo-out-{r + 1}")
        wall, rss, text = timed(["hugo", "--quiet", "-d", hugo_out], cwd=hugo_site, limit_kib=int(args.hugo_limit_gib * 1024 * 1024))
        if wall is None:
            log(f"(d) hugo {r + 1}: stopped above {args.hugo_limit_gib} GiB of memory")
            hugo.append((None, rss))
            break
        hugo_pages = sum(1 for root, _, fs in os.walk(hugo_out) for f in fs if f.endswith(".html"))
        hugo.append((wall, rss))
        log(f"(d) hugo {r + 1}: {wall:.1f} s, {rss / 1024:.0f} MiB, {hugo_pages} pages")
    for r in range(args.runs):
        remove(os.path.join(work, f"hugo-out-{r + 1}"))
    results["hugo_pages"] = hugo_pages
    finish("hugo", hugo)

# (b) Nightly builds, run after (c), (c2) and (d) so that the deletions above have aged (those runs create almost no
# files in Portico's folders): the changed export over the full build's release; then back (which renders the changed
# parties again, so the next nightly run finds nothing of the last one). Going back deletes what a night deletes (the
# retired release's links, the changed parties' old folders, about 23,000 files), so the next nightly run waits for
# a quiet disk as the others do: a real nightly build runs a day after the last one.
if not resumed("nightly"):
    nightly = []
    for r in range(args.runs):
        wall, rss, _ = timed(build + ["--db", changed])
        rep = report(out)
        nightly.append((wall, rss, rep["counts"]["pages_rendered"], rep["counts"]["parties_rendered"]))
        log(f"(b) nightly 1% build {r + 1}: {wall:.1f} s, {rss / 1024:.0f} MiB, {rep['counts']['parties_rendered']} parties and {rep['counts']['pages_rendered']} pages rendered")
        timed(build + ["--db", db])
        # The build back leaves the changed parties' folders unlinked, for the next build to recycle; the next run
        # would find them with its own fingerprints and link them. A real night's changes are new: remove them, so
        # that each run renders its changed parties as the first did.
        drop_unlinked(out)
        last_deletion[0] = time.monotonic()
    finish("nightly", nightly)

# (b2) Nights with a new export time, as every real night has: every party renders again, written over its folder
# the night before unlinked (README, "Old party folders are recycled"). Each night moves the export time a day on; the
# first is not timed (the folders it recycles are only the nightly runs' few).
if not resumed("newday"):
    newday = []
    night_db = os.path.join(work, f"{args.scale}-newday.sqlite")
    shutil.copyfile(db, night_db)
    for r in range(args.runs + 1):
        with sqlite3.connect(night_db) as c:
            c.execute("UPDATE schema_info SET value = strftime('%Y-%m-%dT%H:%M:%SZ', value, '+1 day') WHERE key = 'exported_at'")
        c.close()
        wall, rss, _ = timed(build + ["--db", night_db])
        rep = report(out)
        log(f"(b2) night with a new export time {r}: {wall:.1f} s, {rss / 1024:.0f} MiB, {rep['counts']['pages_rendered']} pages rendered, "
            f"{rep['counts'].get('folders_recycled', 0)} folders recycled" + (" (not timed)" if r == 0 else ""))
        if r > 0:
            newday.append((wall, rss, rep["counts"]["pages_rendered"], rep["counts"].get("folders_recycled", 0)))
    os.remove(night_db)
    finish("newday", newday)
if "newday" in results or "nightly" in results:
    # Nothing after this needs `out`; the floor's three copies of the site need its room.
    remove(out)


# (e) The floor: the same files, sizes and folders, written by C.
if not resumed("floor"):
    floor_bin = os.path.join(work, "floor")
    subprocess.run(["cc", "-O2", "-o", floor_bin, os.path.join(here, "floor.c")], check=True)
    floor = []
    floor_outs = []
    for r in range(args.runs):
        floor_out = os.path.join(work, f"floor-out-{r + 1}")
        os.makedirs(floor_out)
        before = free_bytes()
        wall, rss, _ = timed([floor_bin, manifest, floor_out])
        floor.append((wall, rss))
        log(f"(e) floor {r + 1}: {wall:.1f} s for {files_total} files")
        floor_outs.append(floor_out)
        if r + 1 < args.runs:
            make_room(before - free_bytes(), floor_outs)
    finish("floor", floor)

# Memory is flat in the export's size: one full build of the next smaller scale; and, at that scale, Hugo on an
# equivalent site again (Hugo holds every page in memory, so at the large scale it may not finish).
smaller = {"large": "medium", "medium": "small"}.get(args.scale)
small_rss = small = small_hugo = None
if smaller:
    sdb = os.path.join(work, f"{smaller}.sqlite")
    if not os.path.exists(sdb):
        subprocess.run([portico, "demo", "--db", sdb, "--scale", smaller, "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    runs = []
    for r in range(args.runs):
        sout = os.path.join(work, f"out-smaller-{r + 1}")
        wall, rss, _ = timed([portico, "build", "--out", sout, "--site", site, "--quiet", "--db", sdb])
        runs.append((wall, rss))
    spages = report(sout)["counts"]["pages_rendered"]
    small = (statistics.median(w for w, _ in runs), max(r for _, r in runs), spages)
    small_rss = small[1]
    log(f"full build of {smaller}: {small[0]:.1f} s, {small_rss / 1024:.0f} MiB, {spages} pages")
    shugo_site = os.path.join(work, "hugo-site-smaller")
    subprocess.run([sys.executable, os.path.join(here, "hugo_site.py"), sdb, shugo_site, str(spages)], check=True, capture_output=True)
    hruns = []
    for r in range(args.runs):
        hout = os.path.join(work, f"hugo-out-smaller-{r + 1}")
        wall, rss, _ = timed(["hugo", "--quiet", "-d", hout], cwd=shugo_site, limit_kib=int(args.hugo_limit_gib * 1024 * 1024))
        if wall is None:
            break
        hpages = sum(1 for root, _, fs in os.walk(hout) for f in fs if f.endswith(".html"))
        hruns.append((wall, rss, hpages))
    if hruns:
        small_hugo = (statistics.median(w for w, _, _ in hruns), max(r for _, r, _ in hruns), hruns[-1][2])
        log(f"hugo at {smaller}: {small_hugo[0]:.1f} s, {small_hugo[1] / 1024:.0f} MiB, {small_hugo[2]} pages")


full, nochange, rewrite, hugo, nightly, floor, newday = (results[k] for k in ("full", "nochange", "rewrite", "hugo", "nightly", "floor", "newday"))
hugo_pages = results.get("hugo_pages")


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


full_wall, full_rss = med([w for w, *_ in full]), max(r for _, r, *_ in full)
night_wall, night_rss = med([w for w, *_ in nightly]), max(r for _, r, *_ in nightly)
newday_wall, newday_rss = med([w for w, *_ in newday]), max(r for _, r, *_ in newday)
nc_wall, nc_rss = med([w for w, *_ in nochange]), max(r for _, r, *_ in nochange)
rw_wall, rw_rss = med([w for w, *_ in rewrite]), max(r for _, r, *_ in rewrite)
hugo_wall, hugo_rss = med([w for w, _ in hugo]), max(r for _, r in hugo)
floor_wall = med([w for w, _ in floor])
portico_pps = pages / full_wall
portico_fps = full[-1][3] / full_wall if full[-1][3] else files_total / full_wall


def fmt(x, unit="", digits=1):
    return "—" if x is None else f"{x:,.{digits}f}{unit}"


rows = [
    ("(a) Portico, full build", len(full), full_wall, pages, portico_pps, full_rss),
    ("(b) Portico, nightly build, 1% of parties changed", len(nightly), night_wall, nightly[-1][2], None, night_rss),
    ("(b2) Portico, a night with a new export time (every party again, over last night's folders)", len(newday), newday_wall, newday[-1][2],
     newday[-1][2] / newday_wall, newday_rss),
    ("(c) Portico, rebuild of an unchanged export (the same file)", len(nochange), nc_wall, 0, None, nc_rss),
    ("(c2) Portico, rebuild of the same data in a rewritten file", len(rewrite), rw_wall, 0, None, rw_rss),
    ("(d) Hugo " + subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1] + ", equivalent site",
     len(hugo), hugo_wall, hugo_pages or pages, (hugo_pages or pages) / hugo_wall if hugo_wall else None, hugo_rss),
    ("(e) floor: C writing the same files", len(floor), floor_wall, files_total, files_total / floor_wall, max(r for _, r in floor)),
]
if small:
    rows.append((f"Portico, full build of `{smaller}`", args.runs, small[0], small[2], small[2] / small[0], small[1]))
if small_hugo:
    rows.append((f"Hugo, equivalent site of `{smaller}`", args.runs, small_hugo[0], small_hugo[2], small_hugo[2] / small_hugo[0], small_hugo[1]))
lines = [
    f"Run of {started_at}{f' (resumed at {resumed_at})' if resumed_at else ''}, `{args.scale}` demo database "
    f"({os.path.getsize(db) / 1e6:,.1f} MB), {args.runs} run(s) each, medians.",
    "",
    "| measurement | runs | median wall time | pages (files for the floor) | per second | peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
]
for name, n, wall, count, rate, rss in rows:
    lines.append(f"| {name} | {n} | {fmt(wall, ' s')} | {count:,} | {fmt(rate, '', 0)} | {fmt(rss / 1024 if rss else None, ' MiB', 0)} |")
lines += [
    "",
    "| ratio | value | target |",
    "|---|---:|---:|",
    f"| Portico pages/s ÷ Hugo pages/s | {fmt(portico_pps / ((hugo_pages or pages) / hugo_wall) if hugo_wall else None, '×', 2)} | ≥ 8× |",
    f"| Portico files/s ÷ floor files/s | {fmt(portico_fps / (files_total / floor_wall) * 100, ' %', 0)} | ≥ 60 % |",
    f"| nightly 1% ÷ full build | {fmt(night_wall / full_wall * 100, ' %', 1)} | ≤ 5 % |",
    f"| night with a new export time ÷ full build | {fmt(newday_wall / full_wall * 100, ' %', 1)} | — |",
    f"| no-change rebuild ÷ full build | {fmt(nc_wall / full_wall * 100, ' %', 1)} | ≤ 2 % |",
    f"| same data, rewritten file ÷ full build | {fmt(rw_wall / full_wall * 100, ' %', 1)} | — |",
    f"| peak RSS, full build | {fmt(full_rss / 1024, ' MiB', 0)} | ≤ 300 MiB |",
]
if small_rss:
    lines.append(f"| peak RSS, {args.scale} ÷ {smaller} | {fmt(full_rss / small_rss, '×', 2)} | ≤ 1.5× |")
if small and small_hugo:
    lines.append(f"| Portico pages/s ÷ Hugo pages/s at `{smaller}` | {fmt((small[2] / small[0]) / (small_hugo[2] / small_hugo[0]), '×', 2)} | ≥ 8× |")
if hugo and hugo[-1][0] is None:
    lines.append("")
    lines.append(f"Hugo was stopped when it passed {args.hugo_limit_gib:g} GiB of memory, before finishing.")


def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except Exception:
            return "?"
    cpu = sh("lscpu | sed -n 's/^Model name: *//p' | head -1")
    mem = sh("free -g | awk '/^Mem:/ {print $2}'")
    fs = sh(f"stat -f -c %T {work}")
    swift = sh("swift --version 2>&1 | head -1")
    sqlite = sh("sqlite3 --version | cut -d' ' -f1")
    return (f"Machine: {cpu or platform.processor()}, {os.cpu_count()} cores, {mem} GiB memory, Linux {platform.release()}, "
            f"file system `{fs}`; {swift}; SQLite {sqlite}.")


generated = "\n".join([machine(), ""] + lines) + "\n"
begin, end = "<!-- bench:begin (written by `make bench`) -->", "<!-- bench:end -->"
text = open(args.out).read() if os.path.exists(args.out) else f"# Benchmarks\n\n{begin}\n{end}\n"
if begin not in text:
    text += f"\n{begin}\n{end}\n"
head, rest = text.split(begin, 1)
tail = rest.split(end, 1)[1]
with open(args.out, "w") as f:
    f.write(head + begin + "\n" + generated + end + tail)
print(generated)

# The outputs of the runs (the next run starts by deleting whatever is left anyway), and the warm-up's file.
if warm_file[0]:
    os.remove(warm_file[0])
for name in sorted(os.listdir(work)):
    if name.startswith(("out-", "floor-out", "hugo-out")):
        remove(os.path.join(work, name))
