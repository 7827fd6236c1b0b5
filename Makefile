# The two commands of the README:
#   make run   — install what is missing, build, run the main job (the STA negotiation: the
#                window when a display is available, else the terminal simulation)
#   make test  — install what is missing, build with warnings as errors, run the whole test
#                suite, then the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer,
#                then every fuzz target for FUZZ_SECONDS each (clang's libFuzzer; docs/reliability.md)
#   make fuzz  — the fuzz targets for longer: 60 s each by default, make fuzz FUZZ_SECONDS=3600
SHELL      := /bin/bash
.SHELLFLAGS := -eo pipefail -c
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# -O2 rather than CMake's -O3 default: as fast for this code, and quicker to compile (CI has 2 cores).
CMAKE_FLAGS = -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DTREATYSIM_WERROR=ON
# -g1: line tables only, enough for the sanitizers' stack traces, and much cheaper than -g.
ASAN_FLAGS  = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTREATYSIM_WERROR=ON -DTREATYSIM_SANITIZERS=ON -DTREATYSIM_BENCH=OFF
# The fuzz build: clang, ASan + UBSan + libFuzzer, only the fuzz targets and what they link (no
# window, benchmarks or other tests). -O1 and line tables: the usual trade between speed and
# readable reports. Warnings are enforced by the gcc builds above.
FUZZ_BUILD  ?= build-fuzz
FUZZ_CXX    ?= clang++-14
FUZZ_FLAGS   = -DCMAKE_CXX_COMPILER=$(FUZZ_CXX) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -gline-tables-only" -DTREATYSIM_FUZZ=ON -DTREATYSIM_TESTS=OFF -DTREATYSIM_GUI=OFF -DTREATYSIM_BENCH=OFF
# Seconds per target: 30 in make test (14 targets, two at a time: about 3.5 minutes); make fuzz
# runs 60 unless FUZZ_SECONDS is given.
FUZZ_SECONDS ?= 30
# Targets fuzzed at once: one core each, so as many as there are cores (2 on CI), at most 4 (each
# may use up to 2 GiB: -rss_limit_mb in scripts/run-fuzzers.sh).
FUZZ_JOBS    ?= $(shell echo $$(( $(JOBS) < 4 ? $(JOBS) : 4 )))

.PHONY: run test setup build build-asan test-release test-asan fuzz-build test-fuzz fuzz bench bench-class clean

setup:
	@scripts/setup-deps.sh

build: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run:
	@scripts/setup-deps.sh --no-test-tools
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target treatysim $$(grep -qs '^TREATYSIM_GUI:BOOL=ON' $(BUILD)/CMakeCache.txt && echo treatysim-gui)
	@scripts/run-main.sh $(BUILD)

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) | tee $(BUILD)/ctest.log

build-asan: setup
	@cmake -S . -B $(ASAN_BUILD) $(ASAN_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: build-asan
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) | tee $(ASAN_BUILD)/ctest.log

fuzz-build: setup
	@cmake -S . -B $(FUZZ_BUILD) $(FUZZ_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target treatysim_fuzzers

test-fuzz: fuzz-build
	@scripts/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) | tee $(FUZZ_BUILD)/fuzz.log

fuzz: FUZZ_SECONDS := $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),60)
fuzz: fuzz-build
	@scripts/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS)

test: setup
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-fuzz
	@scripts/test-summary.sh $(BUILD)/ctest.log $(ASAN_BUILD)/ctest.log $(FUZZ_BUILD)/fuzz.log

bench: build
	@$(BUILD)/bin/treatysim_bench
	@if [ -d $(BUILD)/python/treatysim ]; then PYTHONPATH=$(BUILD)/python /usr/bin/python3 bench/python_bench.py; fi

# Class mode under 60 and 300 simulated students on loopback (bench/class_bench.cpp).
bench-class: build
	@$(BUILD)/bin/class_bench $(BUILD)/bin/treatysim

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
