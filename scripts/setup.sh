# Shared set-up for ./build.sh and ./test.sh: installs missing Debian packages and builds
# gongkai. Sourced, not run. Idempotent: quick when everything is already there.

# Debian packages gongkai needs to build, and the extra ones its tests need. build.sh builds the
# C++ tests too, so what they link (catch2, libxlsxwriter-dev) is here.
CORE_PACKAGES=(g++ cmake make pkg-config libcmark-dev nlohmann-json3-dev libcli11-dev catch2
               libtomlplusplus-dev libcpp-httplib-dev libutf8proc-dev libjemalloc-dev libzip-dev
               libpugixml-dev libxlsxwriter-dev libssl-dev)
# Node.js and npm come from Debian unless the machine already has them (e.g. from NodeSource,
# whose nodejs package bundles npm and conflicts with Debian's npm).
TEST_PACKAGES=(chromium fonts-noto-cjk unzip)
# The extended tests (GONGKAI_EXTENDED_TESTS=1) also fuzz: libFuzzer comes with clang.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
node_packages() {
  command -v node >/dev/null && command -v npm >/dev/null || echo nodejs npm
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs whichever of the named Debian packages are missing.
install_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Configures and builds gongkai in folder $1 with build type $2 and extra CMake arguments.
build_gongkai() {
  local dir=$1 type=$2
  shift 2
  echo "==> building gongkai ($type) in $dir/"
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}
