# ConvRecovery: the two commands of the README.
#   make run    install what is missing, build release, reproduce the quick profile
#   make test   install what is missing, run the test suite
SHELL := /bin/bash
PROFILE ?= quick
JOBS ?=
SWIFT_FLAGS ?= -c release

.PHONY: run test build setup benchmark clean

setup:
	@scripts/setup.sh

build: setup
	@source scripts/openblas-env.sh && swift build $(SWIFT_FLAGS) --product convrec

run: build
	@source scripts/openblas-env.sh && .build/release/convrec reproduce --profile $(PROFILE) $(if $(JOBS),--jobs $(JOBS))

test: setup
	@source scripts/openblas-env.sh && swift test $(SWIFT_FLAGS)

benchmark: setup
	@source scripts/openblas-env.sh && cd Benchmarks && swift package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build
