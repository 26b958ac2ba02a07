#!/usr/bin/env bash
# Interop: FFmpeg, a decoder nobody here wrote, decodes every stream our H.264 encoder
# makes. Each case must decode with no message at all (-v error), give back exactly the
# encoder's own reconstruction (so encoder and decoder agree bit for bit, P pictures
# included), and, for the 960x720 scenes, be within 38 dB PSNR of the input. The last case
# is the simulator's camera: the standard world rendered along a flight (hover, turn, fly)
# and encoded as tello-sim streams it, compared with the renderer's raw frames.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v ffmpeg >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        (apt-get update && apt-get install -y --no-install-recommends ffmpeg) >/tmp/interop-h264-apt.log 2>&1 \
            || { echo "installing ffmpeg failed:"; tail -20 /tmp/interop-h264-apt.log; }
    fi
fi
source .ci/lib.sh interop-h264
command -v ffmpeg >/dev/null || fail_setup "ffmpeg is missing (install it, or run as root so this script can)"
ci_build h264-sample camera-bench
SAMPLE="$bin/h264-sample"
CAMERA="$bin/camera-bench"

passed=0
failed=0
# name, PSNR floor ("-" for none), frames, width, height, qp, [pan|still|noise], [key-frame qp]
run_case() {
    local name="$1" floor="$2" frames="$3" width="$4" height="$5" qp="$6" mode="${7:-pan}" keyqp="${8:-$6}"
    local dir="$work/$name"
    mkdir -p "$dir"
    local made
    if [ "$mode" = camera ]; then
        made=("$CAMERA" record "$dir/s.h264" "$dir/in.yuv" "$dir/recon.yuv" "$frames")
    else
        made=("$SAMPLE" encode "$dir/s.h264" "$dir/in.yuv" "$dir/recon.yuv" "$frames" "$width" "$height" "$qp" "$mode" "$keyqp")
    fi
    if ! "${made[@]}" >"$dir/encode.out" 2>&1; then
        echo "FAIL $name: encoder: $(cat "$dir/encode.out")"; failed=$((failed + 1)); return
    fi
    ffmpeg -nostdin -y -v error -i "$dir/s.h264" -f rawvideo -pix_fmt yuv420p "$dir/out.yuv" >"$dir/ffmpeg.out" 2>&1
    if [ -s "$dir/ffmpeg.out" ] || [ ! -s "$dir/out.yuv" ]; then
        echo "FAIL $name: ffmpeg reported:"; head -20 "$dir/ffmpeg.out"; failed=$((failed + 1)); return
    fi
    local exact input
    exact="$("$SAMPLE" psnr "$dir/recon.yuv" "$dir/out.yuv" "$width" "$height" 2>&1)"
    input="$("$SAMPLE" psnr "$dir/in.yuv" "$dir/out.yuv" "$width" "$height" 2>&1)"
    if [[ "$exact" != *"min-psnr inf"* ]]; then
        echo "FAIL $name: decoded frames differ from the encoder's reconstruction: $exact"; failed=$((failed + 1)); return
    fi
    local value="${input##* }"
    if [ "$floor" != "-" ] && ! awk -v v="$value" -v f="$floor" 'BEGIN { exit !(v + 0 >= f + 0) }'; then
        echo "FAIL $name: PSNR against the input $value dB < $floor dB"; failed=$((failed + 1)); return
    fi
    if [ "$mode" = camera ]; then
        echo "ok   $name: $(grep -E '^(bitrate|PSNR)' "$dir/encode.out" | tr '\n' ' ')"
        echo "     decoded == reconstruction; PSNR of the decoded frames vs the renderer's raw frames (min over frames) $value dB"
    else
        echo "ok   $name: $(cat "$dir/encode.out"); decoded == reconstruction; PSNR vs input (min over frames) $value dB"
    fi
    passed=$((passed + 1))
}

run_case moving-960x720 38 45 960 720 26
run_case still-960x720 38 35 960 720 26 still
run_case key-frames-coarser-320x240 - 35 320 240 26 pan 31
run_case cropped-98x62 - 12 98 62 30
run_case fine-qp12-176x144 - 8 176 144 12
run_case coarse-qp44-176x144 - 8 176 144 44
run_case one-macroblock-16x16 - 4 16 16 26
run_case noise-qp1-64x48 - 4 64 48 1 noise
run_case noise-qp20-64x48 - 4 64 48 20 noise
# 36 frames (a debug build draws and encodes about 3 a second): hover, cw 90, fly, across the IDR at 30.
run_case camera-standard-world-960x720 38 36 960 720 26 camera

echo "interop-h264: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
