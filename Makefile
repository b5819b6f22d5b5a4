# Lüzhi (履职) — `make run` and `make test` are the two commands; the rest serves development.
#
#   make run     install missing packages, Release build, migrate data/lvzhi.db, create the first
#                sysadmin (its one-time password is printed once), serve on http://127.0.0.1:8080
#   make test    install missing packages, build everything in build/dev and web/dist, run the web
#                unit tests and browser journeys, fuzz briefly, run ctest (C++ unit + API tests)
#   make build   RelWithDebInfo build of everything (server + tests) in build/dev, and web/dist
#   make web     build the web app into web/dist
#   make fmt     clang-format -i on server/
#   make lint    clang-format check, clang-tidy, cppcheck, web eslint/prettier/vue-tsc (non-zero on findings)
#   make bench   Release build, scale data (10k/200k/2M proposals), wrk on SQLite and PostgreSQL (bench/run)
#   make bench-pair  two instances behind nginx (deploy/) on one PostgreSQL: cross-instance checks, wrk (bench/pair)
#   make clean   remove the build directories (never data/)
#
# Any variable in the Makefile can be overridden: `make run RUN_PORT=9090`, `make test FUZZ_SECONDS=60`.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Directories
BUILD_DIR   ?= build
RELEASE_DIR ?= $(BUILD_DIR)/release
DEV_DIR     ?= $(BUILD_DIR)/dev
FUZZ_DIR    ?= $(BUILD_DIR)/fuzz
DATA_DIR    ?= data
WEB_DIR     ?= web
WEB_DIST    ?= $(WEB_DIR)/dist
SERVER_DIR  ?= server
SRC_DIR     ?= $(SERVER_DIR)/src

# Build
JOBS       ?= 2
GENERATOR  ?= Ninja
CMAKE      ?= cmake
CMAKE_ARGS ?=
RELEASE_CMAKE_ARGS ?= -DCMAKE_BUILD_TYPE=Release -DLVZHI_TESTS=OFF
DEV_CMAKE_ARGS     ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLVZHI_TESTS=ON
LVZHI_RELEASE := $(RELEASE_DIR)/server/lvzhi

# make run
RUN_DB   ?= $(DATA_DIR)/lvzhi.db
RUN_HOST ?= 127.0.0.1
RUN_PORT ?= 8080
ADMIN_USERNAME ?= admin
ADMIN_DISPLAY_NAME ?= 系统管理员

# make test
FUZZ_SECONDS  ?= 15
CTEST_TIMEOUT ?= 300
CTEST_ARGS    ?=

# Tools
CLANG_FORMAT ?= clang-format
CLANG_TIDY   ?= clang-tidy
CPPCHECK     ?= cppcheck
CTEST        ?= ctest

# Configure a build directory once; afterwards ninja re-runs CMake by itself when CMakeLists or
# the globbed source lists change. $(1) = dir, $(2) = arguments.
define configure
@test -f $(1)/build.ninja || $(CMAKE) -S . -B $(1) -G $(GENERATOR) $(2) $(CMAKE_ARGS)
endef

# All C++ sources and headers we own (tests included), NUL-separated for xargs -0.
find_cxx = find $(SERVER_DIR) -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0

# The web app (built into web/dist, which `lvzhi serve --web-root` serves). npm ci runs in bootstrap.
define build_web
if [ -f $(WEB_DIR)/package.json ]; then (cd $(WEB_DIR) && npm run --silent build); fi
endef

.PHONY: help run build web test bench bench-pair fmt lint clean

help:
	@sed -n '3,15s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

run:
	scripts/bootstrap
	$(call configure,$(RELEASE_DIR),$(RELEASE_CMAKE_ARGS))
	$(CMAKE) --build $(RELEASE_DIR) -j $(JOBS) --target lvzhi
	$(build_web)
	mkdir -p $(DATA_DIR)
	$(LVZHI_RELEASE) migrate --db $(RUN_DB)
	$(LVZHI_RELEASE) seed demo --db $(RUN_DB)
	$(LVZHI_RELEASE) user create --db $(RUN_DB) --username $(ADMIN_USERNAME) \
	  --display-name '$(ADMIN_DISPLAY_NAME)' --role sysadmin --if-none-with-role
	@echo "lvzhi: starting on http://$(RUN_HOST):$(RUN_PORT) (Ctrl-C stops)"
	web_root=(); if [ -d $(WEB_DIST) ]; then web_root=(--web-root $(WEB_DIST)); fi; \
	exec $(LVZHI_RELEASE) serve --db $(RUN_DB) --host $(RUN_HOST) --port $(RUN_PORT) "$${web_root[@]}"

build:
	scripts/bootstrap --test
	$(call configure,$(DEV_DIR),$(DEV_CMAKE_ARGS))
	$(CMAKE) --build $(DEV_DIR) -j $(JOBS)
	$(build_web)

web:
	scripts/bootstrap
	$(build_web)

# Web unit tests, browser journeys and fuzzing run before ctest so that ctest's summary is the last
# thing printed; any failure still fails the target (after ctest has run).
test:
	scripts/bootstrap --test
	$(call configure,$(DEV_DIR),$(DEV_CMAKE_ARGS))
	$(CMAKE) --build $(DEV_DIR) -j $(JOBS)
	web_rc=0; if [ -f $(WEB_DIR)/package.json ]; then \
	  (cd $(WEB_DIR) && npm run --silent build && npm run --silent test && \
	   e2e/run.sh ../$(DEV_DIR)/server/lvzhi) || web_rc=$$?; fi; \
	fuzz_rc=0; JOBS=$(JOBS) FUZZ_BUILD_DIR=$(FUZZ_DIR) scripts/run-fuzz $(FUZZ_SECONDS) || fuzz_rc=$$?; \
	ctest_rc=0; $(CTEST) --test-dir $(DEV_DIR) --output-on-failure --no-tests=error -j $(JOBS) \
	  --timeout $(CTEST_TIMEOUT) $(CTEST_ARGS) || ctest_rc=$$?; \
	if [ $$web_rc -ne 0 ]; then echo "make test: web tests failed (see above)" >&2; fi; \
	if [ $$fuzz_rc -ne 0 ]; then echo "make test: fuzzing failed (see the fuzz: lines above)" >&2; fi; \
	[ $$web_rc -eq 0 ] && [ $$fuzz_rc -eq 0 ] && [ $$ctest_rc -eq 0 ]

# Release build + scale data + wrk: bench/run (BENCH_SCALES, BENCH_DBS, BENCH_SECONDS …).
bench:
	scripts/bootstrap --bench
	bench/run

# Two `lvzhi serve` behind nginx on one PostgreSQL, with deploy/nginx: checks, then wrk (bench/pair).
bench-pair:
	scripts/bootstrap --bench
	bench/pair

fmt:
	$(find_cxx) | xargs -0 -r $(CLANG_FORMAT) -i

# clang-tidy needs compile_commands.json and the generated contract headers, hence the configure
# and the lvzhi_contract target. All three checks run; the target fails if any of them found something.
# cppcheck's passedByValue is off: it tells coroutines to take references, which would dangle across
# co_await; clang-tidy's performance-unnecessary-value-param covers the same ground and skips coroutines.
lint:
	scripts/bootstrap --test
	$(call configure,$(DEV_DIR),$(DEV_CMAKE_ARGS))
	$(CMAKE) --build $(DEV_DIR) --target lvzhi_contract
	rc=0; \
	echo "lint: clang-format"; \
	$(find_cxx) | xargs -0 -r $(CLANG_FORMAT) --dry-run --Werror || rc=1; \
	echo "lint: clang-tidy"; \
	find $(SRC_DIR) -type f -name '*.cpp' -print0 | \
	  xargs -0 -r -n 4 -P $(JOBS) $(CLANG_TIDY) -p $(DEV_DIR) --quiet 2>&1 | \
	  { grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$$' || true; } || rc=1; \
	echo "lint: cppcheck"; \
	$(CPPCHECK) --quiet --error-exitcode=1 --std=c++20 --language=c++ -j $(JOBS) \
	  --enable=warning,performance,portability --inline-suppr \
	  --suppress=missingIncludeSystem --suppress=unmatchedSuppression --suppress=passedByValue \
	  -I $(SRC_DIR) -I $(DEV_DIR)/server/generated $(SRC_DIR) || rc=1; \
	if [ -f $(WEB_DIR)/package.json ]; then \
	  echo "lint: web (eslint, prettier, vue-tsc)"; (cd $(WEB_DIR) && npm run --silent lint) || rc=1; fi; \
	if [ $$rc -eq 0 ]; then echo "lint: clean"; else echo "lint: findings above" >&2; fi; \
	exit $$rc

clean:
	if [ -d $(DEV_DIR)/test-tmp/pg ]; then scripts/pg-test-cluster stop $(DEV_DIR)/test-tmp/pg || true; fi
	rm -rf $(BUILD_DIR) $(RELEASE_DIR) $(DEV_DIR) $(FUZZ_DIR) $(WEB_DIST)
