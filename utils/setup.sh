#!/usr/bin/env bash
# Installs everything mochi-go needs on Debian 12 (bookworm). Idempotent: when
# every package is already present it prints one line and does nothing else.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config python3 python3-yaml git zip unzip
  # the libFuzzer targets (utils/fuzz.sh): clang with libFuzzer and sanitizers
  clang-19 libclang-rt-19-dev
  # LLVM / MLIR 19
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  # C++ libraries
  libfmt-dev libyaml-cpp-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libzstd-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # Go 1.23 (bookworm-backports)
  golang-1.23-go
  # the 24-module corpus (their dependencies come with them)
  golang-github-stretchr-testify-dev golang-github-spf13-cobra-dev
  golang-github-spf13-viper-dev golang-github-sirupsen-logrus-dev
  golang-github-google-uuid-dev golang-github-gorilla-mux-dev
  golang-github-pkg-errors-dev golang-github-google-go-cmp-dev
  golang-google-protobuf-dev golang-github-json-iterator-go-dev
  golang-github-davecgh-go-spew-dev golang-github-golang-mock-dev
  golang-github-cespare-xxhash-dev golang-github-mattn-go-isatty-dev
  golang-github-klauspost-compress-dev
  golang-github-prometheus-client-golang-dev golang-go.uber-zap-dev
  golang-gopkg-yaml.v3-dev golang-github-spf13-pflag-dev
  golang-github-gin-gonic-gin-dev golang-github-labstack-echo-dev
  golang-github-valyala-fasthttp-dev golang-github-jmoiron-sqlx-dev
  golang-github-fatih-color-dev
  # reference implementation of module zips / sumdb for Go-side test helpers
  golang-golang-x-mod-dev
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

# Go 1.23 lives in bookworm-backports: add the suite to the existing source
# entry (no host names are written by this script).
SRC=/etc/apt/sources.list.d/debian.sources
if [ -f "$SRC" ] && ! grep -q 'bookworm-backports' "$SRC"; then
  $SUDO sed -i '0,/^Suites: bookworm bookworm-updates/s//Suites: bookworm bookworm-updates bookworm-backports/' "$SRC"
  if ! grep -q 'bookworm-backports' "$SRC"; then
    $SUDO sed -i '0,/^Suites: bookworm/s//Suites: bookworm bookworm-backports/' "$SRC"
  fi
fi

echo "setup: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
