# Sourced by the CI suites (.ci/explore.sh, .ci/interop-*.sh) once they are at
# the repository root: `source .ci/lib.sh SUITE`, SUITE being the name the
# suite's last line starts with ("interop-bridge: N passed, N failed").
#
# Gives every suite the same preamble:
#   $work          a temporary folder, removed on exit, after the suite's own
#                  `suite_cleanup` when it defines one (stop what it started)
#   fail_setup MSG says MSG and "SUITE: 0 passed, 1 failed", then exits 1
#   ci_build P...  builds the products (debug), their output kept in
#                  $work/build.log and shown only on failure; sets $bin to the
#                  folder they are in
#   ci_venv PKG... the interop peers' Python venv with these pinned packages (.ci/venv.sh)
#   ci_listening FILE [SECONDS]
#                  waits (10 s unless told) for a "listening on HOST:PORT"
#                  line in FILE and prints HOST:PORT (nothing if none came)
#   ci_chromium    installs Debian's chromium and a Chinese font if missing
# It changes no shell option: each suite keeps its own `set`.
ci_suite="$1"
work="$(mktemp -d)"

ci_exit() {
    if declare -F suite_cleanup >/dev/null; then suite_cleanup; fi
    rm -rf "$work"
}
trap ci_exit EXIT

fail_setup() {
    echo "$1"
    echo "$ci_suite: 0 passed, 1 failed"
    exit 1
}

ci_build() {
    local product
    for product in "$@"; do
        swift build --product "$product" >>"$work/build.log" 2>&1 || { cat "$work/build.log"; fail_setup "build failed"; }
    done
    bin="$(swift build --show-bin-path)"
}

ci_venv() {
    source .ci/venv.sh "$@" || fail_setup "venv failed"
}

ci_listening() {
    local tries=$(( ${2:-10} * 20 ))
    for _ in $(seq "$tries"); do
        grep -qs '^listening on ' "$1" && break
        sleep 0.05
    done
    sed -n 's/^listening on //p' "$1" 2>/dev/null | head -1
}

ci_chromium() {
    if ! command -v chromium >/dev/null || ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei; } \
            >/dev/null || fail_setup "could not install chromium and fonts-wqy-zenhei"
    fi
}
