# planet: the two commands are `make run` and `make test` (see README.md).
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3

.PHONY: all deps configure build run test bench format clean

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

bench: build
	BUILD=$(BUILD) PYTHON=$(PYTHON) scripts/run-benchmarks.sh

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
