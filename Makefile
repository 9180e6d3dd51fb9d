# ConvRecovery: the two commands of the README.
#   make run    install what is missing, build release, reproduce the quick profile
#   make test   install what is missing, run the test suite
#   make benchmark / make interleaved   the performance measurements (Benchmarks/)
SHELL := /bin/bash
PROFILE ?= quick
JOBS ?=
# Vector code for the SIMD hot loop, chosen from what this CPU has:
#   AVX-512 F/CD/BW/DQ/VL  -> -target-cpu skylake-avx512 (32 vector registers;
#                             the tanh pass ~10% faster than with haswell)
#   AVX2, FMA, BMI2, MOVBE -> -target-cpu haswell   (x86-64-v3 does not build)
# Either way the kernels' fused multiply-adds are single instructions; with
# neither flag they are calls to libm's fma: the same bits (fma is correctly
# rounded either way), ~40x slower. The result bits do not depend on the
# choice (Benchmarks/README.md). CONVREC_TARGET_HASWELL tells convrec it was
# built with FMA code (it warns when a build without it runs on a CPU that
# has FMA).
HAS_CPU = $(shell grep -qw $(1) /proc/cpuinfo 2>/dev/null && echo yes)
# Evaluated once (a command-line CPU_TARGET=... still wins).
ifndef CPU_TARGET
CPU_TARGET := $(if $(and $(call HAS_CPU,avx512f),$(call HAS_CPU,avx512cd),$(call HAS_CPU,avx512bw),$(call HAS_CPU,avx512dq),$(call HAS_CPU,avx512vl),$(call HAS_CPU,fma),$(call HAS_CPU,bmi2),$(call HAS_CPU,movbe)),skylake-avx512,$(if $(and $(call HAS_CPU,avx2),$(call HAS_CPU,fma),$(call HAS_CPU,bmi2),$(call HAS_CPU,movbe)),haswell))
endif
CPU_FLAGS ?= $(if $(CPU_TARGET),-Xswiftc -target-cpu -Xswiftc $(CPU_TARGET) -Xswiftc -DCONVREC_TARGET_HASWELL)
SWIFT_FLAGS ?= -c release $(CPU_FLAGS)

.PHONY: run test build setup benchmark interleaved clean

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

# The floor and the passes timed round-robin in one process (Benchmarks/README.md).
ROUNDS ?= 25
interleaved: setup
	@source scripts/openblas-env.sh && cd Benchmarks && swift run $(SWIFT_FLAGS) Interleaved $(ROUNDS) $(ARGS)

clean:
	rm -rf .build
