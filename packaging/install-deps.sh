#!/usr/bin/env bash
# Installs everything sfia-evidence needs on a fresh Debian 12 machine (run as root):
# the compiler and CMake, Poco 1.11, SQLite, pugixml, libxml2, ICU and kainjow-mustache (texts and pages),
# Boost.Test, OpenSSL,
# PostgreSQL client headers (for Poco::DataPostgreSQL), the PostgreSQL 15 server and client (the tests
# start a private server of their own, tests/pg; no cluster of the package's is used), Python 3 (the
# ctypes and CLI host tests), PHP's CLI (the PHP FFI host test), Node.js/npm (the test LRS) and clang 14
# with its sanitizer and libFuzzer runtimes (.ci/hardening: the ASan+UBSan build and the fuzzers) and
# clang-format (.ci/format).
# Safe to run again; apt-get skips what is installed.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (it calls apt-get)" >&2
  exit 1
fi

packages=(
  build-essential g++ cmake make pkg-config git ca-certificates curl
  libpoco-dev libpq-dev
  postgresql-15 postgresql-client-15
  libsqlite3-dev sqlite3
  libpugixml-dev
  libxml2-dev libxml2-utils
  libicu-dev libkainjow-mustache-dev
  libboost-test-dev
  libssl-dev openssl
  clang-14 libclang-rt-14-dev
  clang-format-14    # .ci/format: one code style (.clang-format)
  python3
  php-cli
  nodejs npm
  chromium    # the browser tests/web drives through playwright-core (tests/web/package.json)
  # The Debian package (cmake/Packaging.cmake, tests/package): dpkg-shlibdeps and file for CPack's
  # dependencies, help2man for the man page, lintian to check the package, debootstrap for the
  # fresh Debian 12 root it is installed in.
  dpkg-dev file help2man lintian debootstrap
)

export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another source (NodeSource, nvm); then Debian's nodejs/npm are not needed.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]}"
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "install-deps.sh: all packages present"
