#!/usr/bin/env bash
# Fuzzes the WebSocket codecs (frame decoder, message layer, state machine,
# 101 response head parser) with libFuzzer + AddressSanitizer.
#   scripts/fuzz-websocket.sh [SECONDS]   (default 600)
# Builds into .build-fuzz (separate from the normal build), seeds a corpus
# with valid and broken streams, and keeps the corpus in .build-fuzz/corpus.
# A crash leaves crash-* in the current directory; replay it with the plain
# build: swift build --product wire-fuzz-websocket && .build/debug/wire-fuzz-websocket crash-*
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
swift build --product wire-fuzz-websocket --sanitize=fuzzer --sanitize=address \
    --build-path .build-fuzz -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" || true
corpus=.build-fuzz/corpus
mkdir -p "$corpus"
# Byte 0 = role (bit 0: 0 server, 1 client) and chunk size; the rest is the stream.
printf '\x00\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58' > "$corpus/server-masked-hello"
printf '\x03\x01\x03Hel\x89\x00\x80\x02lo\x88\x02\x03\xe8' > "$corpus/client-fragments-ping-close"
printf '\x04\x82\xfe\x00\x80\x01\x02\x03\x04' > "$corpus/server-16bit-length-partial"
printf '\x01\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00' > "$corpus/client-64bit-length"
printf '\x00\x88\x80\x00\x00\x00\x00' > "$corpus/server-empty-close"
printf '\x08GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n' > "$corpus/handshake-head"
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0
# A build without coverage counters fuzzes blind ("no interesting inputs"): refuse it.
counters="$(.build-fuzz/debug/wire-fuzz-websocket -runs=0 2>&1 | sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' | head -1)"
if [ "${counters:-0}" -lt 1000 ]; then
    echo "fuzz build has ${counters:-no} coverage counters: rm -rf .build-fuzz and run again" >&2
    exit 1
fi
.build-fuzz/debug/wire-fuzz-websocket -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 "$corpus"
