#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/) for SECONDS each (default 60), one after the other, in
# build-fuzz/ (built here with clang when needed). Corpora grow in build-fuzz/corpus/NAME,
# seeded from fuzz/seeds/NAME and the example content, fixtures and theme; a crash leaves its
# input in build-fuzz/artifacts/NAME/ and makes this script fail. Keep a fixed crash's input in
# fuzz/regressions/NAME/ (docs/limits.md).
#   scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report front_matter template markdown import)

echo "==> building the fuzz targets (clang) in build-fuzz/"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DGONGKAI_FUZZ=ON -DGONGKAI_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seed folders beside fuzz/seeds/NAME, and the longest input worth mutating.
seeds_of() {
  case $1 in
    report) echo content tests/fixtures/data ;;
    front_matter | markdown) echo content ;;
    template) echo templates ;;
    import) echo tests/fixtures/import ;;
  esac
}
max_len_of() {
  case $1 in
    template | front_matter) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

failed=()
for name in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$name artifacts=build-fuzz/artifacts/$name/
  mkdir -p "$corpus" "$artifacts"
  echo "==> fuzzing $name for ${seconds}s"
  # shellcheck disable=SC2046
  if ! build-fuzz/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(max_len_of "$name")" -print_final_stats=1 -artifact_prefix="$artifacts" \
      "$corpus" fuzz/seeds/"$name" $(seeds_of "$name") >build-fuzz/fuzz-"$name".log 2>&1; then
    failed+=("$name")
    tail -n 60 build-fuzz/fuzz-"$name".log
  fi
  grep -E '^stat::number_of_executed_units|^Done' build-fuzz/fuzz-"$name".log || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in build-fuzz/artifacts/)"
  exit 1
fi
