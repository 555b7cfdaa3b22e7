# Entry points: `make demo` and `make test` do everything on a fresh Debian 12 machine.
BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON := /usr/bin/python3
DEMO_DIR := $(BUILD)/demo

.PHONY: deps configure build demo test bench bench-data clean sanitize tsan fuzz

deps:
	bash scripts/install-deps.sh

# FIRMNET_MPI=ON adds firmnet-mpi and its tests (docs/MPI.md); the serial firmnet is the same.
configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DFIRMNET_MPI=ON

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	bash bench/run.sh $(BUILD)

bench-data: build
	bash bench/make-data.sh $(BUILD)

clean:
	rm -rf $(BUILD)

# ASan + UBSan build running the whole ctest suite (CI runs this).
sanitize: deps
	bash scripts/sanitize.sh build-asan

# ThreadSanitizer (clang + libomp) over the parallel algorithms' tests.
tsan: deps
	bash scripts/sanitize.sh --tsan build-tsan

# libFuzzer targets, each for FUZZ_SECONDS (docs/ROBUSTNESS.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS) build-fuzz
