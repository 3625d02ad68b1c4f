# planet: the two commands are `make run` and `make test` (see README.md).
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3

.PHONY: all deps configure build run test test-sanitize fuzz bench format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The headline experiments: prints their tables, writes results/ and plots.
run: build
	BUILD=$(BUILD) PYTHON=$(PYTHON) scripts/run-experiments.sh

# Every test: ns-3 test suites, GoogleTest, pytest (all registered in ctest).
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# ASan + UBSan: every C++ test (ns-3 suites, GoogleTest, fuzz targets) and the hostile runner
# invocations (test/python/test_hostile_runners.py) against a sanitized build in build-sanitize.
SANITIZE_BUILD ?= build-sanitize
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
SANITIZE_TARGETS = planet-test-runner planet-unit-input planet-unit-fabric planet-unit-collective \
	planet-unit-quantum planet-unit-quantum-runtime planet-fabric planet-quantum planet-rcpsp planet-fuzz-matrix \
	planet-fuzz-demands planet-fuzz-gml planet-fuzz-graphml planet-fuzz-psplib \
	planet-fuzz-constructors
SANITIZE_ENV = ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	PLANET_SANITIZE=1
test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	      -DPython3_EXECUTABLE=$(PYTHON) -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" \
	      -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_SHARED_LINKER_FLAGS="$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target $(SANITIZE_TARGETS)
	cd $(SANITIZE_BUILD) && $(SANITIZE_ENV) ctest --output-on-failure -j $(JOBS) -LE python
	$(SANITIZE_ENV) PLANET_BUILD_DIR=$(abspath $(SANITIZE_BUILD)) $(PYTHON) -m pytest -q \
	      -p no:cacheprovider test/python/test_hostile_runners.py

# libFuzzer (Debian's clang): the fuzz targets with ASan + UBSan, each for FUZZ_SECONDS.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	      -DPython3_EXECUTABLE=$(PYTHON) -DPLANET_LIBFUZZER=ON -DCMAKE_CXX_FLAGS="$(FUZZ_FLAGS)"
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target planet-fuzz-matrix planet-fuzz-demands \
	      planet-fuzz-gml planet-fuzz-graphml planet-fuzz-psplib planet-fuzz-constructors
	for t in matrix demands gml graphml psplib constructors; do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t && \
	  ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BUILD)/bin/planet-fuzz-$$t -artifact_prefix=$(FUZZ_BUILD)/ -max_total_time=$(FUZZ_SECONDS) \
	      -rss_limit_mb=2048 -max_len=65536 $(FUZZ_BUILD)/corpus/$$t \
	      $$(ls -d test/fuzz/seeds/$$t 2>/dev/null) || exit 1; \
	done

bench: build
	BUILD=$(BUILD) PYTHON=$(PYTHON) scripts/run-benchmarks.sh

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
