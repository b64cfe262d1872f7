#!/usr/bin/env bash
# Quick start, step one: installs what is missing, builds gongkai in Release and builds the
# example site into public/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh

install_packages "${CORE_PACKAGES[@]}"
build_gongkai build Release
./build/gongkai build
echo
echo "Done. Open $(pwd)/public/index.html in a browser (it works straight from disk),"
echo "or preview with: ./build/gongkai serve"
