#!/usr/bin/env bash
# Quick start, step two: the same set-up as build.sh, then every test: the C++ unit and
# fixture-site tests (ctest), again built with sanitizers, and the browser tests in headless
# Chromium. GONGKAI_EXTENDED_TESTS=1 also runs every fuzzer for GONGKAI_FUZZ_SECONDS (120) each.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh

install_packages "${CORE_PACKAGES[@]}" "${TEST_PACKAGES[@]}" $(node_packages)
build_gongkai build Release -DGONGKAI_WERROR=ON
./build/gongkai build

echo "==> C++ tests"
ctest --test-dir build --output-on-failure -j"$(nproc)"

# The same tests on a build with AddressSanitizer and UndefinedBehaviorSanitizer (-O1 keeps
# both the build and the tests quick enough).
build_gongkai build-asan Debug -DGONGKAI_WERROR=ON -DGONGKAI_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-g -O1"
echo "==> C++ tests (AddressSanitizer, UndefinedBehaviorSanitizer)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

if [ -f tests/browser/package.json ]; then
  echo "==> browser tests"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && node run.mjs)
  # The same on fixture sites: a department of three budget units (consolidated), and budgets
  # beside final accounts over three years with their comparison pages (compare).
  fixture_sites=$(mktemp -d)
  trap 'rm -rf "$fixture_sites"' EXIT
  for fixture in consolidated compare; do
    echo "==> browser tests (tests/fixtures/$fixture)"
    ./build/gongkai build --quiet --source "tests/fixtures/$fixture" --output "$fixture_sites/$fixture"
    (cd tests/browser && GONGKAI_SITE="$fixture_sites/$fixture" node run.mjs)
  done
  # Search on a bench corpus of 40 departments over three years: the relevance set's second
  # half (tests/browser/relevance.mjs).
  echo "==> browser tests (search on a bench corpus)"
  ./build/gen-corpus "$fixture_sites/corpus" --departments 40 --years 3 --seed 1 >/dev/null
  ./build/gongkai build --quiet --source "$fixture_sites/corpus" --output "$fixture_sites/corpus-site"
  (cd tests/browser && GONGKAI_SITE="$fixture_sites/corpus-site" GONGKAI_CHECKS=search node run.mjs)
  # The example site as someone given its archive sees it: unpacked, verified, opened from
  # file:// (docs/archive.md).
  echo "==> browser tests (an unpacked archive of the example site)"
  ./build/gongkai archive --quiet --output "$fixture_sites/public.zip"
  unzip -q "$fixture_sites/public.zip" -d "$fixture_sites/unpacked"
  ./build/gongkai verify "$fixture_sites/unpacked/public"
  (cd tests/browser && GONGKAI_SITE="$fixture_sites/unpacked/public" node run.mjs)
fi

# Extended mode: every libFuzzer target for a bounded time (docs/limits.md, "Fuzzing").
if [ "${GONGKAI_EXTENDED_TESTS:-0}" = 1 ]; then
  install_packages "${FUZZ_PACKAGES[@]}"
  scripts/fuzz.sh "${GONGKAI_FUZZ_SECONDS:-120}"
fi
