# The two commands of the README:
#   make run   — install what is missing, build, run the main job (the STA negotiation: the
#                window when a display is available, else the terminal simulation)
#   make test  — install what is missing, build with warnings as errors, run the whole test
#                suite, then the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
SHELL      := /bin/bash
.SHELLFLAGS := -eo pipefail -c
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# -O2 rather than CMake's -O3 default: as fast for this code, and quicker to compile (CI has 2 cores).
CMAKE_FLAGS = -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DTREATYSIM_WERROR=ON
# -g1: line tables only, enough for the sanitizers' stack traces, and much cheaper than -g.
ASAN_FLAGS  = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTREATYSIM_WERROR=ON -DTREATYSIM_SANITIZERS=ON -DTREATYSIM_BENCH=OFF

.PHONY: run test setup build build-asan test-release test-asan bench bench-class clean

setup:
	@scripts/setup-deps.sh

build: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: setup
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

test: setup
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan
	@scripts/test-summary.sh $(BUILD)/ctest.log $(ASAN_BUILD)/ctest.log

bench: build
	@$(BUILD)/bin/treatysim_bench
	@if [ -d $(BUILD)/python/treatysim ]; then PYTHONPATH=$(BUILD)/python /usr/bin/python3 bench/python_bench.py; fi

# Class mode under 60 and 300 simulated students on loopback (bench/class_bench.cpp).
bench-class: build
	@$(BUILD)/bin/class_bench $(BUILD)/bin/treatysim

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
