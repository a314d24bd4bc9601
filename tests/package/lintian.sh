#!/usr/bin/env bash
# lintian on the package: no errors (E:) and no warnings (W:) allowed; what is accepted is in
# packaging/lintian-overrides, each override with its reason. Prints lintian's whole output.
#   bash tests/package/lintian.sh build/sfia-evidence_VERSION_ARCH.deb
set -euo pipefail
deb="$1"
command -v lintian >/dev/null || { echo "FAIL: lintian missing: bash packaging/install-deps.sh" >&2; exit 1; }
start=$(date +%s)
# --allow-root: CI runs as root. Info (I:) and pedantic (P:) tags are shown but pass.
output=$(lintian --allow-root --tag-display-limit 0 --display-info "$deb" 2>&1) || true
printf '%s\n' "$output" | sed 's/^/   /'
errors=$(grep -c '^E: ' <<<"$output" || true)
warnings=$(grep -c '^W: ' <<<"$output" || true)
echo "   lintian: $errors errors, $warnings warnings ($(( $(date +%s) - start )) s)"
if [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ]; then
  echo "FAIL: lintian found $errors errors and $warnings warnings in $deb" >&2
  exit 1
fi
