#!/bin/sh
# Checks the plugin module's dynamic symbol table (plugin/exports.map) against what hosts may use:
#   - every function sfe.h declares (SFE_API ... sfe_name(...)) is exported, and
#   - nothing else is, but Poco::ClassLoader's entry points (pocoBuildManifest[Name],
#     pocoInitializeLibrary, pocoUninitializeLibrary; Poco/ClassLibrary.h).
# Usage: check_exports.sh NM MODULE SFE_H
set -eu
nm=$1 module=$2 header=$3

exported=$("$nm" -D --defined-only "$module" | awk 'NF >= 3 { print $3 }' | sed 's/@.*//' | sort -u)
count=$(printf '%s\n' "$exported" | grep -c . || true)
echo "check_exports: $module exports $count symbols"

status=0
unexpected=$(printf '%s\n' "$exported" \
  | grep -Ev '^(sfe_[a-z0-9_]+|pocoBuildManifest[A-Za-z0-9_]*|pocoInitializeLibrary|pocoUninitializeLibrary)$' \
  || true)
if [ -n "$unexpected" ]; then
  echo "check_exports: FAIL: exported but not part of the plugin's interface (first 20 of" \
       "$(printf '%s\n' "$unexpected" | grep -c .)):"
  printf '%s\n' "$unexpected" | head -20 | sed 's/^/  /'
  status=1
fi

declared=$(sed -n 's/^SFE_API[^(]*[ *]\(sfe_[a-z0-9_]*\)(.*/\1/p' "$header" | sort -u)
if [ -z "$declared" ]; then
  echo "check_exports: FAIL: no SFE_API function found in $header" >&2
  exit 1
fi
for name in $declared pocoBuildManifest; do
  if ! printf '%s\n' "$exported" | grep -qx "$name"; then
    echo "check_exports: FAIL: $name (declared for hosts) is not exported"
    status=1
  fi
done
[ $status -eq 0 ] && echo "check_exports: OK: only the sfe_* functions of sfe.h and pocoBuildManifest"
exit $status
