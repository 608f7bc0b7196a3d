# Streamlens: `make up` runs the pipeline on the embedded Kafka with sample
# data; `make test` runs every test. Both install what they need first.
BUILD ?= build
JOBS ?= $(shell nproc)
BUILD_TYPE ?= RelWithDebInfo

.PHONY: all deps configure build test up bench clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

up: build
	$(BUILD)/services/cli/streamlens up $(ARGS)

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD)
