#!/usr/bin/env bash
# The Debian package's test (issue 13), run by .ci/package after the suite:
#   bash tests/package/run.sh [BUILD_DIR]        (default: build; run as root: debootstrap, chroot)
#   SFE_PACKAGE_BUILT=1 skips step 1 and tests the package BUILD_DIR holds.
#  1. builds the package: `cmake --build BUILD_DIR --target package` (the .deb and the source tarball);
#  2. lintian on the .deb: no errors (tests/package/lintian.sh; overrides in packaging/lintian-overrides);
#  3. the versions agree: the package, CHANGELOG.md, the manifest, sfe_libversion(), --version;
#  4. a fresh Debian 12 root (debootstrap --variant=minbase bookworm, from a tarball cached in
#     ${SFE_PACKAGE_CACHE:-$HOME/.cache/sfia-evidence/package}, with the machine's apt sources):
#     `apt-get install ./sfia-evidence_VERSION_ARCH.deb` pulls the dependencies; the installed main job
#     exits 0; `man sfia-evidence` finds the page; a C host built with pkg-config and a C++ host built
#     with find_package(SfiaEvidence) load the installed plugin and run `show`; the sync service is
#     installed disabled, its configuration readable by its user alone;
#  5. `apt-get remove` leaves no file of the package but its configuration; `purge` removes that too.
# Every step prints what it checks; the first failure ends the run with "FAIL: ..." and exit 1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
build="$(cd "${1:-$source_dir/build}" && pwd)"
cache="${SFE_PACKAGE_CACHE:-${HOME:-/tmp}/.cache/sfia-evidence/package}"
started=$(date +%s)

say() { printf '\n== package: %s\n' "$*"; }
fail() { printf '\nFAIL: package: %s\n' "$*" >&2; exit 1; }
ok() { printf '   ok: %s\n' "$*"; }
# Any other command that fails ends the run too: say which.
trap 'printf "\nFAIL: package: line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap and chroot need it)"
for tool in debootstrap lintian dpkg-deb chroot mount; do
  command -v "$tool" >/dev/null || fail "$tool missing: bash packaging/install-deps.sh"
done

prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
[ "$prefix" = /usr ] || fail "$build is configured with CMAKE_INSTALL_PREFIX=$prefix; the package needs /usr" \
                             "(a fresh build folder gets it; or reconfigure with -DCMAKE_INSTALL_PREFIX=/usr)"

# --- 1. The package -------------------------------------------------------------------------------
# SFE_PACKAGE_BUILT=1: test the .deb already in BUILD_DIR (made with the package target or cpack).
step=$(date +%s)
if [ "${SFE_PACKAGE_BUILT:-0}" != 1 ]; then
  say "cmake --build $build --target package"
  cmake --build "$build" --target package -j2 >"$build/package.log" 2>&1 \
    || { tail -40 "$build/package.log"; fail "the package target failed (log: $build/package.log)"; }
fi
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(dpkg --print-architecture)
deb="$build/sfia-evidence_${version}_${arch}.deb"
tarball="$build/sfia-evidence-${version}-Source.tar.gz"
[ -f "$deb" ] || fail "$deb not written (build/: $(cd "$build" && ls ./*.deb ./*.tar.gz 2>/dev/null | tr '\n' ' '))"
[ -f "$tarball" ] || fail "$tarball (the source tarball) not written"
ok "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB" \
   "($(( $(date +%s) - step )) s)"
ok "$(basename "$tarball"): $(du -k "$tarball" | cut -f1) KiB"
listing=$(tar -tzf "$tarball")
grep -qx "sfia-evidence-${version}-Source/CMakeLists.txt" <<<"$listing" \
  || fail "the source tarball has no CMakeLists.txt at its top"
if grep -qE '/(build[^/]*|\.git)/' <<<"$listing"; then fail "the source tarball holds build or .git folders"; fi
ok "the source tarball holds the sources, no build folders"
printf '   Depends: %s\n' "$(dpkg-deb -f "$deb" Depends)"

# --- 2. lintian --------------------------------------------------------------------------------------
say "lintian $(basename "$deb")"
bash "$here/lintian.sh" "$deb"

# --- 3. Versions -------------------------------------------------------------------------------------
say "versions: package, CHANGELOG.md, manifest, sfe_libversion(), --version"
python3 "$here/versions.py" --deb "$deb" --changelog "$source_dir/CHANGELOG.md" \
  || fail "the versions disagree"

# --- 4. A fresh Debian 12 root -----------------------------------------------------------------------
say "a fresh Debian 12 root (debootstrap --variant=minbase bookworm)"
step=$(date +%s)
# The machine's Debian mirror: the first non-security URI of its apt sources (deb822 or one-line).
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
         | sed -n -E 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' \
         | grep -v security | head -1 || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
mkdir -p "$cache/archives/partial"
base="$cache/bookworm-minbase.tgz"
if [ ! -s "$base" ]; then
  echo "   making the debootstrap tarball once: $base (mirror $mirror)"
  debootstrap --variant=minbase --make-tarball="$base.part" bookworm "$(mktemp -d)" "$mirror" >/dev/null \
    || fail "debootstrap --make-tarball failed"
  mv "$base.part" "$base"
fi
root=$(mktemp -d /var/tmp/sfe-package-root.XXXXXX)
chmod 0755 "$root"      # mktemp's 0700 would keep every user but root out of the root's /
cleanup() {
  for m in "$root/var/cache/apt/archives" "$root/proc" "$root/dev/pts"; do
    mountpoint -q "$m" 2>/dev/null && umount -l "$m"
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
debootstrap --variant=minbase --unpack-tarball="$base" bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -20 "$root.debootstrap.log"; fail "debootstrap failed (log: $root.debootstrap.log)"; }
rm -f "$root.debootstrap.log"
ok "minbase root in $root ($(( $(date +%s) - step )) s)"
mount -t proc proc "$root/proc"
# Downloaded .debs are kept between runs (apt's own cache, bind-mounted).
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# No terminal in the chroot (no /dev/pts for dpkg's log), and apt's cache is root's (bind-mounted).
printf 'Dpkg::Use-Pty "0";\nAPT::Sandbox::User "root";\n' >"$root/etc/apt/apt.conf.d/90sfe-package-test"
# The machine's apt sources (its mirror, the updates and security suites the build's libraries came from).
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
cp /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
                   DEBIAN_FRONTEND=noninteractive "$@"; }
cp "$deb" "$root/tmp/"
in_root apt-get update -q >/dev/null || fail "apt-get update in the root failed"
# What the root holds before the package: to find what it leaves behind.
snapshot() { in_root find / -xdev \( -path /proc -o -path /var/cache -o -path /var/lib/apt -o -path /var/log \
                                     -o -path /tmp -o -path /root -o -path /var/lib/dpkg \) -prune -o -print | sort; }

say "apt-get install ./$(basename "$deb") (pulls its dependencies)"
step=$(date +%s)
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$build/package-install.log" 2>&1 \
  || { tail -30 "$build/package-install.log"; fail "apt-get install of the package failed"; }
pulled=$(grep -c '^Setting up ' "$build/package-install.log" || true)
ok "installed with $((pulled - 1)) dependencies ($(( $(date +%s) - step )) s)"
[ "$(in_root dpkg-query -W -f='${Status}' libpocofoundation80)" = "install ok installed" ] \
  || fail "apt did not pull libpocofoundation80 (a library the plugin links)"
ok "the libraries it links came with it (libpocofoundation80 and the rest)"
files=$(in_root dpkg -L sfia-evidence)
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
for f in /usr/bin/sfia-evidence "/usr/$libdir/sfia-evidence/sfia-evidence.plugin.xml" \
         "/usr/$libdir/sfia-evidence/sfia-evidence-plugin.so" "/usr/$libdir/pkgconfig/sfia-evidence.pc" \
         "/usr/$libdir/cmake/SfiaEvidence/SfiaEvidenceConfig.cmake" \
         /usr/share/sfia-evidence/examples/main-job.sh /usr/share/sfia-evidence/definitions/csmg.de.xml \
         /usr/share/sfia-evidence/xapi/sfia-evidence-profile.jsonld /usr/share/sfia-evidence/schemas/sfia-definition-1.0.xsd \
         /usr/include/sfe.h /usr/include/sfe/Version.h /usr/include/sfe/plugin/EvidencePlugin.h \
         /usr/share/man/man1/sfia-evidence.1.gz /usr/share/doc/sfia-evidence/copyright \
         /usr/share/doc/sfia-evidence/changelog.gz /lib/systemd/system/sfia-evidence-sync.service \
         /etc/sfia-evidence/sync.properties; do
  grep -qxF "$f" <<<"$files" || fail "the package has no $f"
done
ok "files where Debian puts them ($(wc -l <<<"$files") paths)"

say "the installed main job: /usr/share/sfia-evidence/examples/main-job.sh (no environment variables)"
in_root sh -c 'mkdir -p /tmp/job && cd /tmp/job && bash /usr/share/sfia-evidence/examples/main-job.sh' \
  >"$build/package-main-job.log" 2>&1 \
  || { tail -30 "$build/package-main-job.log"; fail "the installed main job failed"; }
grep -q "coverage-CSMG.html" "$build/package-main-job.log" || fail "the main job wrote no coverage page"
[ -s "$root/tmp/job/sfia-evidence-main-job/pages/progress-anna.schmidt.html" ] \
  || fail "the main job wrote no learner's page"
ok "exit 0, $(wc -l <"$build/package-main-job.log") lines, pages in ./sfia-evidence-main-job/pages"
[ "$(in_root sfia-evidence --version | head -1)" = "sfia-evidence $version" ] || fail "sfia-evidence --version is not $version"
ok "sfia-evidence --version: $version"
in_root sfia-evidence --manifest /nonexistent.xml skills >/dev/null 2>&1 && fail "--manifest did not override"
ok "--manifest still overrides the installed manifest"

say "man sfia-evidence"
in_root apt-get install -y -q --no-install-recommends man-db >/dev/null || fail "installing man-db failed"
page=$(in_root env MANPAGER=cat MANWIDTH=80 man sfia-evidence 2>&1) || fail "man sfia-evidence: $page"
grep -q "sfia-evidence" <<<"$page" && grep -q -- "--manifest" <<<"$page" && grep -q "$version" <<<"$page" \
  || fail "the man page lacks the name, --manifest or the version"
ok "$(wc -l <<<"$page") lines, from --help and --version"

say "hosts built against the installed headers: C (pkg-config) and C++ (find_package)"
step=$(date +%s)
in_root apt-get install -y -q --no-install-recommends gcc g++ libc6-dev cmake make pkg-config libpoco-dev \
  >/dev/null || fail "installing the compilers, cmake, pkg-config and libpoco-dev failed"
ok "gcc, g++, cmake, pkg-config, libpoco-dev installed ($(( $(date +%s) - step )) s)"
mkdir -p "$root/tmp/hosts"
# The C host is the suite's own (tests/plugin/c_host.c: a whole session through the C door, `show`
# among it), built here against the installed sfe.h and sfe/Version.h alone.
cp -r "$here/../plugin/c_host.c" "$here/cxx-host" "$root/tmp/hosts/"
definition=/usr/share/sfia-evidence/definitions/csmg.de.xml
in_root sh -ec 'cd /tmp/hosts
  echo "   cc c_host.c $(pkg-config --cflags --libs sfia-evidence)"
  cc -std=c11 -Wall -Wextra -o c_host c_host.c $(pkg-config --cflags --libs sfia-evidence)
  ./c_host "$(pkg-config --variable=module sfia-evidence)" '"$definition"'' || fail "the C host failed"
ok "the C host loaded the installed plugin and ran a session with show"
in_root sh -ec 'cd /tmp/hosts && cmake -S cxx-host -B cxx-build >/dev/null && cmake --build cxx-build >/dev/null
  ./cxx-build/cxx_host '"$definition"' /tmp/hosts/cxx.db' || fail "the C++ host failed"
ok "the C++ host (find_package(SfiaEvidence COMPONENTS cxx)) loaded the installed plugin and ran show"

say "the sync service: disabled, its own user, its configuration for that user alone"
in_root getent passwd sfia-evidence >/dev/null || fail "postinst made no user sfia-evidence"
perm=$(in_root stat -c '%U:%G %a' /etc/sfia-evidence/sync.properties)
[ "$perm" = "root:sfia-evidence 640" ] || fail "sync.properties is $perm, not root:sfia-evidence 640"
in_root runuser -u sfia-evidence -- cat /etc/sfia-evidence/sync.properties >/dev/null \
  || fail "the service's user cannot read its configuration"
in_root runuser -u nobody -- cat /etc/sfia-evidence/sync.properties >/dev/null 2>&1 \
  && fail "another user (nobody) can read the configuration with the LRS password"
ok "/etc/sfia-evidence/sync.properties: $perm; sfia-evidence reads it, nobody does not"
if ls "$root"/etc/systemd/system/*.wants/sfia-evidence-sync.service >/dev/null 2>&1; then
  fail "sfia-evidence-sync.service is enabled after installing"
fi
grep -q '^ExecStart=/usr/bin/sfia-evidence --config /etc/sfia-evidence/sync.properties sync --watch' \
  "$root/lib/systemd/system/sfia-evidence-sync.service" || fail "the unit does not run sync --watch"
grep -q '^User=sfia-evidence$' "$root/lib/systemd/system/sfia-evidence-sync.service" || fail "the unit runs as another user"
ok "sfia-evidence-sync.service installed, not enabled, runs sync --watch as sfia-evidence"

# --- 5. Removal ---------------------------------------------------------------------------------------
say "apt-get remove: no file left but the configuration; purge: not even that"
rm -rf "$root/tmp/job" "$root/tmp/hosts" "$root/tmp/$(basename "$deb")"
in_root dpkg -L sfia-evidence | sort >"$root/tmp/package-files"
before=$(snapshot)
in_root apt-get remove -y -q sfia-evidence >/dev/null || fail "apt-get remove failed"
after=$(snapshot)
left=$(comm -12 <(sort "$root/tmp/package-files") <(echo "$after") | while read -r p; do
         [ -d "$root$p" ] && continue; echo "$p"; done)     # Debian's folders (and /lib -> usr/lib) stay
[ "$left" = "/etc/sfia-evidence/sync.properties" ] || fail "after remove, left: ${left:-nothing, not even the configuration}"
appeared=$(comm -13 <(echo "$before") <(echo "$after"))
[ -z "$appeared" ] || fail "remove made files: $appeared"
stray=$(grep -E 'sfia-evidence|/sfe(\.h|/|$)' <<<"$after" | grep -vxE '/etc/sfia-evidence(/sync.properties)?' || true)
[ -z "$stray" ] || fail "after remove, left: $stray"
ok "only /etc/sfia-evidence/sync.properties is left"
in_root apt-get purge -y -q sfia-evidence >/dev/null || fail "apt-get purge failed"
after=$(snapshot)
stray=$(grep -E 'sfia-evidence|/sfe(\.h|/|$)' <<<"$after" || true)
[ -z "$stray" ] || fail "after purge, left: $stray"
in_root sh -c 'ls /var/lib/dpkg/info/sfia-evidence.* 2>/dev/null' && fail "dpkg still knows sfia-evidence after purge"
ok "nothing of sfia-evidence is left after purge"

printf '\npackage: all checks passed in %s s (%s)\n' "$(( $(date +%s) - started ))" "$(basename "$deb")"
