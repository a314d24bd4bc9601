#!/usr/bin/env bash
# The main job on embedded defaults (SQLite, no LRS): what an LMS does with the plugin, through
# the reference host `sfia-evidence`. It
#   1. imports the CSMG definition into a fresh store and shows level 3,
#   2. maps the example activities (examples/activities.tsv) to levels, and shows the coverage,
#   3. replays the example LMS events (examples/lms-events.jsonl: completions and attestations,
#      one of them delivered twice),
#   4. prints what it recorded: evidence per learner and level, and the statements waiting,
#   5. prints one learner's progress (in German: the SFIA sentences, states and next steps) and
#      verifies the evidence log,
#   6. writes the learner's page and the admin's coverage page as HTML files and prints their paths.
# Run it after building (see README.md), or from the Debian package
# (/usr/share/sfia-evidence/examples/main-job.sh: the installed CLI, the store and the pages in
# ./sfia-evidence-main-job/). SFE_MAIN_DB overrides the store's path; the pages go to the
# folder "pages" beside it (SFE_MAIN_PAGES overrides that).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
if [ -f "$root/CMakeLists.txt" ]; then       # a source tree: the build's CLI, the store in build/
  cli="${SFE_CLI:-$root/build/bin/sfia-evidence}"
  db="${SFE_MAIN_DB:-$root/build/main-job.db}"
else                                          # installed: /usr/share/sfia-evidence holds definitions/
  cli="${SFE_CLI:-$(command -v sfia-evidence || echo /usr/bin/sfia-evidence)}"
  db="${SFE_MAIN_DB:-$PWD/sfia-evidence-main-job/main-job.db}"
  mkdir -p "$(dirname "$db")"
fi
pages="${SFE_MAIN_PAGES:-$(dirname "$db")/pages}"
[ -x "$cli" ] || { echo "main-job.sh: $cli is not built; build first (see README.md)" >&2; exit 1; }
rm -f "$db" "$db-wal" "$db-shm" "$db-writers"
sfe() { "$cli" --db "$db" "$@"; }
step() { printf '\n== %s\n' "$*"; }

step "Import the CSMG definition (SFIA 9, German)"
sfe import "$root/definitions/csmg.de.xml"
sfe skills
sfe show CSMG --level 3

step "Map example learning activities to levels"
while IFS=$'\t' read -r activity type level responsibilities name; do
  [[ -z "$activity" || "$activity" == \#* ]] && continue
  args=(map "$activity" --skill CSMG --level "$level" --type "$type" --name "$name")
  if [ "$responsibilities" != "-" ]; then
    for r in $responsibilities; do args+=(--responsibility "$r"); done
  fi
  sfe "${args[@]}"
done < "$here/activities.tsv"
sfe coverage CSMG

step "Replay the LMS events"
sfe replay "$here/lms-events.jsonl"

step "Evidence per learner and level"
sfe evidence

step "Statements waiting for an LRS (none is configured: they stay in the store)"
sfe outbox

step "Progress of anna.schmidt"
sfe progress --learner anna.schmidt --skill CSMG --lang de

step "Verify the evidence log"
sfe audit verify

step "Pages: the learner's progress and the admin's coverage (HTML)"
mkdir -p "$pages"
sfe progress --learner anna.schmidt --skill CSMG --lang de --html "$pages/progress-anna.schmidt.html"
sfe coverage CSMG --lang de --html "$pages/coverage-CSMG.html"
