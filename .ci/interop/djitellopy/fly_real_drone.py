"""Flies djitellopy's documented API against tello-sim behaving as a real drone.

Run by .ci/interop-djitellopy.sh against a simulator started with its default
(the real drone's behaviour) and `--model tt` or `--model tello`, in the same
network namespace as the SDK-surface flight.

Usage: python fly_real_drone.py MODEL DRONE_HOST CONTROL_URL   (MODEL: tt or tello)
Prints one line per check and a final "djitellopy-real-MODEL: N passed, M failed".
"""
import json
import sys
import time
import urllib.request

from checks import Checks, expect
from djitellopy import Tello, TelloException

MODEL, DRONE_HOST, CONTROL_URL = sys.argv[1], sys.argv[2], sys.argv[3]
SDK3 = MODEL == "tt"
checks = Checks(MODEL)
check = checks.check


def truth():
    with urllib.request.urlopen(CONTROL_URL + "/drones/0/truth", timeout=5) as response:
        return json.loads(response.read())


def eventually(condition, message, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(message)


tello = Tello(host=DRONE_HOST)


@check("connect, and read replies parse although they end in CR LF")
def _():
    tello.connect()
    expect(tello.query_battery() == 100, "battery? answer")
    expect(tello.query_sdk_version() == ("30" if SDK3 else "20"), tello.query_sdk_version())


@check("send_keepalive: ok on SDK 3.0, refused as unknown on SDK 2.0, as on the real drones")
def _():
    if SDK3:
        tello.send_keepalive()
        return
    try:
        tello.send_keepalive()
    except TelloException as error:
        expect("unknown command: keepalive" in str(error), str(error))
    else:
        raise AssertionError("a plain Tello accepted keepalive")


if SDK3:
    @check("turn_motor_on / turn_motor_off spin the motors on the ground (cooling)")
    def _():
        tello.turn_motor_on()
        expect(truth()["motorsOn"] and not truth()["flying"], truth())
        tello.turn_motor_off()
        expect(not truth()["motorsOn"], truth())

    @check("set_video_fps / set_video_bitrate / set_video_resolution")
    def _():
        tello.set_video_fps(Tello.FPS_30)
        tello.set_video_bitrate(Tello.BITRATE_AUTO)
        tello.set_video_resolution(Tello.RESOLUTION_720P)

    @check("a ReXXYY retry tag is answered with the tag")
    def _():
        expect(tello.send_command_with_return("Re0001 battery?") == "Re0001 100", "tagged answer")


@check("takeoff within djitellopy's 20 s, h reading low by its offset")
def _():
    tello.takeoff()
    state = truth()
    expect(state["flying"] and state["z"] == 100, state)
    time.sleep(0.3)  # a few state lines after the climb
    expect(tello.get_height() < 100, f"h {tello.get_height()} should read low")


@check("a command while a move runs is answered 'error Not joystick'")
def _():
    tello.send_command_without_return("forward 100")
    # The truth leaves `activity` out while the drone is idle: until the simulator has
    # read the datagram, the move has not started yet, which is no failure.
    eventually(lambda: truth().get("activity") == "move", "the move never started")
    expect(tello.send_command_with_return("cw 90") == "error Not joystick", "busy reply")
    # The move's own `ok` still comes, to nobody: a client that does not drain it takes it for the
    # answer to its next command (djitellopy would). Wait for it and drop it.
    responses = tello.get_own_udp_object()["responses"]
    eventually(lambda: b"ok" in responses, "the move's ok never came")
    responses.clear()
    expect(round(truth()["yaw"]) == 0, "the refused turn was not flown")


@check("send_rc_control moves the drone; an rc out of range is answered 'out of range'")
def _():
    before = truth()["x"]
    for _ in range(10):
        tello.send_rc_control(0, 50, 0, 0)
        time.sleep(0.1)
    tello.send_rc_control(0, 0, 0, 0)
    eventually(lambda: truth()["x"] > before + 10, f"rc did not move the drone from x {before}")
    expect(tello.send_command_with_return("rc 0 150 0 0") == "out of range", "rc out of range")


@check("move_forward at the real drone's pace")
def _():
    before = truth()["x"]
    tello.move_forward(50)
    expect(abs(truth()["x"] - before - 50) < 1, truth())


@check("get_frame_read decodes 960x720 H.264")
def _():
    tello.streamon()
    reader = tello.get_frame_read()
    deadline = time.time() + 10
    while time.time() < deadline and (reader.frame is None or reader.frame.max() == 0):
        tello.query_battery()  # keep it flying: the drone lands after 15 s without a command
        time.sleep(0.2)
    shape = reader.frame.shape
    reader.stop()
    tello.streamoff()
    expect(shape[:2] == (720, 960), f"frame {shape}")


@check("emergency is sent without a reply and stops the motors")
def _():
    tello.emergency()
    eventually(lambda: not truth()["motorsOn"], "motors still on")
    expect(tello.query_battery() > 0, "the next reply is the battery's, not a stray ok")


checks.finish(f"djitellopy-real-{MODEL}")
