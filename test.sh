#!/usr/bin/env bash
# Quick start, step two: the same set-up as build.sh, then every test: the C++ unit and
# fixture-site tests (ctest), and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh

install_packages "${CORE_PACKAGES[@]}" "${TEST_PACKAGES[@]}" $(node_packages)
build_gongkai build Release -DGONGKAI_WERROR=ON
./build/gongkai build

echo "==> C++ tests"
ctest --test-dir build --output-on-failure -j"$(nproc)"

if [ -f tests/browser/package.json ]; then
  echo "==> browser tests"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && node run.mjs)
fi
