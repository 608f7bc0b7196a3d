#!/usr/bin/env bash
# Installs every Debian package Streamlens needs to build, test, benchmark and run.
# Idempotent: installs only what is missing, and runs `apt-get update` only when it must install.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  librdkafka-dev kcat
  libprotobuf-dev protobuf-compiler
  libgrpc++-dev protobuf-compiler-grpc
  prometheus-cpp-dev prometheus
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libhyperscan-dev libjemalloc-dev
  iso-codes
  python3 python3-grpcio python3-grpc-tools python3-protobuf
  nghttp2-client curl ccache docker-compose
)

# Hyperscan is x86-only; Vectorscan offers the same API elsewhere.
if [ "$(dpkg --print-architecture)" != "amd64" ]; then
  PACKAGES=("${PACKAGES[@]/libhyperscan-dev/libvectorscan-dev}")
fi

# Node.js: any installed node with npm will do (some images ship it outside Debian).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node clients for the example/test of other-language gRPC clients.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$ROOT/examples/clients/node/package.json" ] && [ ! -d "$ROOT/examples/clients/node/node_modules/@grpc/grpc-js" ]; then
  (cd "$ROOT/examples/clients/node" && npm install --no-audit --no-fund --silent)
fi
