#!/usr/bin/env bash
# Sourced by the Makefile and .ci/run: Debian's OpenBLAS 0.3.21 does not
# recognise recent CPUs and falls back to slow generic kernels, and it reads
# OPENBLAS_CORETYPE only when the library loads. Pick the kernel from the CPU
# flags (SkylakeX only with avx512f, or it dies with SIGILL). convrec itself
# re-executes with the same choice when started without it.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SKYLAKEX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=HASWELL
  fi
fi
# ConvRecovery parallelises itself; BLAS calls are small and single-threaded.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
