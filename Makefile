# ConvRecovery: the two commands of the README.
#   make run    install what is missing, build release, reproduce the quick profile
#   make test   install what is missing, run the test suite
SHELL := /bin/bash
PROFILE ?= quick
JOBS ?=
# AVX2 and FMA code for the SIMD hot loop when this CPU has them (-target-cpu
# haswell; x86-64-v3 does not build). The kernels' fused multiply-adds are
# then single instructions; without the flag they are calls to libm's fma:
# the same bits (fma is correctly rounded either way), ~40x slower.
# CONVREC_TARGET_HASWELL tells convrec it was built this way (it warns when a
# build without it runs on a CPU that has FMA).
CPU_FLAGS ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo && grep -qw movbe /proc/cpuinfo && echo "-Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DCONVREC_TARGET_HASWELL")
SWIFT_FLAGS ?= -c release $(CPU_FLAGS)

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
	@source scripts/openblas-env.sh && cd Benchmarks && swift package $(CPU_FLAGS) --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build
