#!/usr/bin/env bash
# Installs the system packages ConvRecovery needs when they are missing:
# OpenBLAS + LAPACKE (linear algebra) and gnuplot (charts). Idempotent and
# quiet when everything is present. Needs root (or sudo) only to install.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev gnuplot-nox)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6.1 or later is needed)" >&2; exit 1; }
