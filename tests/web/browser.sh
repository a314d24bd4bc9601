#!/usr/bin/env bash
# browser.sh
# Project: sfia-evidence, tests/web (the browser test's harness)
# Installs the npm packages tests/web/package-lock.json pins (playwright-core, axe-core) once into a cache,
# then runs tests/web/browser_test.js with node's test runner and NODE_PATH pointing there.
#
# Usage: browser.sh [browser_test.js arguments]   (ctest runs it as web_browser)
#
# The packages go to ${SFE_WEB_CACHE:-$HOME/.cache/sfia-evidence/web}, exactly the locked versions (npm ci);
# they are installed again only when the lock file changes. chromium comes from the system (Debian's
# package, packaging/install-deps.sh): $SFE_CHROMIUM, default /usr/bin/chromium. A missing chromium, node or
# npm is a failure, not a skip: CI must run this test.
set -euo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly CACHE="${SFE_WEB_CACHE:-${HOME:-/tmp}/.cache/sfia-evidence/web}"
readonly NODE="${SFE_NODE:-node}"
readonly CHROMIUM="${SFE_CHROMIUM:-/usr/bin/chromium}"

die() { echo "browser.sh: $*" >&2; exit 1; }

command -v "$NODE" >/dev/null || die "node not found (install nodejs, or set SFE_NODE to its path)"
command -v npm >/dev/null || die "npm not found (install npm: packaging/install-deps.sh)"
major="$("$NODE" -p 'process.versions.node.split(".")[0]')"
((major >= 18)) || die "node $("$NODE" --version) is too old: playwright-core 1.61 needs node 18 or later (Debian 12 has 18)"
[[ -x "$CHROMIUM" ]] || die "chromium not found at $CHROMIUM (install it: packaging/install-deps.sh; or set SFE_CHROMIUM)"

# Installed when the cache's copy of the lock file differs from ours. Two test runs starting at once must
# not run npm into the same folder together: the lock is held only while installing.
install() {
  mkdir -p "$CACHE"
  cmp -s "$HERE/package-lock.json" "$CACHE/package-lock.json" && [[ -d "$CACHE/node_modules/playwright-core" ]] \
    && return 0
  exec 9>"$CACHE/.install.lock"
  flock 9
  if ! cmp -s "$HERE/package-lock.json" "$CACHE/package-lock.json" || [[ ! -d "$CACHE/node_modules/playwright-core" ]]; then
    echo "browser.sh: installing the packages of $HERE/package-lock.json into $CACHE" >&2
    cp "$HERE/package.json" "$HERE/package-lock.json" "$CACHE/"
    (cd "$CACHE" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci in $CACHE failed"
  fi
  exec 9>&-
}

install
export NODE_PATH="$CACHE/node_modules"
export SFE_CHROMIUM="$CHROMIUM"
# playwright-core must not look for browsers of its own: it is given chromium's path.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec "$NODE" --test-reporter=spec "$HERE/browser_test.js" "$@"
