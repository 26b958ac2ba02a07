#!/usr/bin/env bash
# Another package depends on this one the way users do: by version, from a
# tagged git URL. SwiftPM treats such a dependency more strictly than a path or
# branch one (it refuses unsafe flags in it when the manifest's tools version is
# below 6.2, and builds it with warnings suppressed), so only this shape proves
# the package can be depended on: products, manifest, resources and all.
#
# Clones HEAD of this repository into a temporary folder, tags the clone
# 99.0.0, copies the Examples package next to it with its path dependency
# replaced by `.package(url: "file://<clone>", from: "99.0.0")`, then resolves,
# builds (only what the example needs) and runs the example's test. Needs no
# network: where it can, it runs SwiftPM with none at all.
# Uncommitted changes are not seen: commit first.
# Prints `interop-package: N passed, N failed`; non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="99.0.0"
# The identity of a URL dependency is the URL's last component; the example names the package TelloAgent.
clone="$work/TelloAgent"
example="$work/Examples"

# In a network namespace of its own (only loopback, brought up for the test) where
# `unshare -rn` and `ip` work; as it is elsewhere.
offline=()
if unshare -rn ip link set lo up 2>/dev/null; then
    offline=(unshare -rn sh -c 'ip link set lo up && exec "$@"' offline)
fi
# A cache of our own: the shared one would keep a clone of every temporary URL.
swiftpm=(--package-path "$example" --cache-path "$work/cache")

passed=0
failed=0
# check NAME COMMAND...: runs COMMAND, its output to a log that is shown only on failure.
check() {
    local name="$1"
    shift
    local log="$work/$passed-$failed.log"
    if "$@" >"$log" 2>&1; then
        echo "ok: $name"
        passed=$((passed + 1))
    else
        echo "FAILED: $name"
        tail -n 40 "$log" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}
finish() {
    echo "interop-package: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

head="$(git rev-parse HEAD)"
clone_and_tag() {
    git clone --quiet --no-checkout "$root" "$clone" &&
        git -C "$clone" -c advice.detachedHead=false checkout --quiet "$head" &&
        git -C "$clone" tag "$version" "$head"
}
check "clone $head tagged $version" clone_and_tag
[ "$failed" -eq 0 ] || finish

point_example_at_tag() {
    cp -R "$clone/Examples" "$example" &&
        sed -i "s|\.package(name: \"TelloAgent\", path: \"\.\.\")|.package(url: \"file://$clone\", from: \"$version\")|" \
            "$example/Package.swift" &&
        grep -q "from: \"$version\"" "$example/Package.swift" &&
        ! grep -q 'path:' "$example/Package.swift"
}
check "Examples depends on the clone by version" point_example_at_tag
[ "$failed" -eq 0 ] || finish

resolved_by_version() {
    "${offline[@]}" swift package "${swiftpm[@]}" resolve &&
        grep -q "\"version\" : \"$version\"" "$example/Package.resolved"
}
check "resolves $version as a version-based dependency" resolved_by_version
check "builds the example against $version" "${offline[@]}" swift build "${swiftpm[@]}" --build-tests
check "the example's test passes" "${offline[@]}" swift test "${swiftpm[@]}" --skip-build
finish
