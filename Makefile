# Portico: make demo (build and look at a demo site), make test (everything the tests need, then all tests).
SWIFT        ?= swift
APT_PACKAGES := libcmark-dev libsqlite3-dev pkg-config
DEMO_DIR     ?= demo
PORTICO      := .build/release/portico

.PHONY: demo test deps release clean site-checks

# Installs the system packages the build needs when they are missing (Debian/Ubuntu; as root or through sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

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
	@echo "(demo users' password: portico-demo; access rules are not enforced by python's server)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) site-checks

# Checks of a whole built demo site with outside tools (feedparser from PyPI).
site-checks:
	python3 -c "import feedparser" 2>/dev/null || python3 -m pip install --quiet feedparser
	rm -rf .build/site-checks && mkdir -p .build/site-checks
	.build/debug/portico demo --db .build/site-checks/demo.sqlite --scale small
	.build/debug/portico build --db .build/site-checks/demo.sqlite --out .build/site-checks/out
	python3 Tests/site-checks/check_feeds.py .build/site-checks/out/current

clean:
	rm -rf .build $(DEMO_DIR)
