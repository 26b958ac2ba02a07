"""Flies an unmodified, pinned djitellopy against tello-sim.

Run by .ci/interop-djitellopy.sh, which starts tello-sim in its own network
namespace (djitellopy binds UDP 8889 and 8890 on every local address, so the
simulator cannot share its namespace) and passes its address and control URL.

Usage: python fly_against_sim.py DRONE_HOST SECOND_DRONE_HOST CONTROL_URL
(the second drone flies in a two-drone TelloSwarm at the end)
Prints one line per check and a final "interop-djitellopy: N passed, M failed".
"""
import json
import sys
import time
import urllib.request

from checks import Checks, expect
from djitellopy import Tello, TelloException, TelloSwarm

DRONE_HOST, SECOND_DRONE_HOST, CONTROL_URL = sys.argv[1], sys.argv[2], sys.argv[3]
checks = Checks()
check = checks.check


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(CONTROL_URL + path, data=data, method=method)
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def truth(drone=0):
    return control("GET", f"/drones/{drone}/truth")


tello = Tello(host=DRONE_HOST)


@check("connect waits for the state stream")
def _():
    tello.connect()
    expect(tello.get_current_state(), "no state received")


@check("battery from state and from battery?")
def _():
    expect(tello.get_battery() == 100, f"state bat {tello.get_battery()}")
    expect(tello.query_battery() == 100, "battery? answer")


@check("sdk? and sn?")
def _():
    expect(tello.query_sdk_version() == "20", tello.query_sdk_version())
    expect(tello.query_serial_number().startswith("0TQ"), "serial number")


# The simulator's camera: a pinhole with a real Tello's calibrated focal length, 960x720,
# its lens 3 cm over the drone's position (docs/tello-sim.md, "Camera").
FOCAL, WIDTH, HEIGHT, LENS = 920, 960, 720, 3


def expected_region(box, state):
    """Where the world says a box must appear: the bounding rectangle of its eight corners
    projected from the drone's ground-truth pose (x right, y down, pixels)."""
    import math
    yaw = math.radians(state["yaw"])
    forward, right = (math.cos(yaw), -math.sin(yaw)), (-math.sin(yaw), -math.cos(yaw))
    xs, ys = [], []
    for x in (box["min"]["x"], box["max"]["x"]):
        for y in (box["min"]["y"], box["max"]["y"]):
            for z in (box["min"]["z"], box["max"]["z"]):
                dx, dy, dz = x - state["x"], y - state["y"], z - state["z"] - LENS
                ahead = dx * forward[0] + dy * forward[1]
                if ahead <= 0:
                    return None
                xs.append(WIDTH / 2 + FOCAL * (dx * right[0] + dy * right[1]) / ahead)
                ys.append(HEIGHT / 2 - FOCAL * dz / ahead)
    return min(xs), max(xs), min(ys), max(ys)


def seen_region(frame, channel):
    """The bounding rectangle of the pixels strongly in one RGB channel (0 red, 2 blue)."""
    import numpy as np
    pixels = frame.astype(int)
    others = np.maximum(pixels[:, :, (channel + 1) % 3], pixels[:, :, (channel + 2) % 3])
    ys, xs = np.nonzero((pixels[:, :, channel] > 110) & (pixels[:, :, channel] - others > 70))
    if len(xs) < 200:
        return None
    return xs.min(), xs.max() + 1, ys.min(), ys.max() + 1


def close_to(seen, expected, tolerance=4):
    return seen is not None and expected is not None and all(abs(a - b) <= tolerance for a, b in zip(seen, expected))


def wait_for_region(reader, channel, expected, seconds=30):
    """Polls djitellopy's decoded frames until the colour shows where expected (frames from
    before a turn ended may still be in flight); keeps the drone alive meanwhile."""
    deadline = time.time() + seconds
    seen = None
    while time.time() < deadline:
        if reader.frame.shape[:2] == (HEIGHT, WIDTH):
            seen = seen_region(reader.frame, channel)
            if close_to(seen, expected):
                return seen
        tello.query_battery()
        time.sleep(0.2)
    raise AssertionError(f"colour channel {channel} last seen at {seen}, the world says {expected}")


def boxes():
    return {box["name"]: box for box in control("GET", "/drones/0/world")["obstacles"]}


@check("camera: on the ground, the blue box is ahead where the world says")
def _():
    # Started on the ground: PyAV probes the stream for a while before its first picture
    # (seconds with a debug build's 3 frames a second), and a flying drone would auto-land.
    tello.streamon()
    reader = tello.get_frame_read()
    wait_for_region(reader, 2, expected_region(boxes()["blue box"], truth()))
    expect(seen_region(reader.frame, 0) is None, "red seen while facing the blue box")


@check("takeoff")
def _():
    tello.takeoff()
    state = truth()
    expect(state["flying"] and state["z"] == 100, state)


@check("camera: flying at 1 m the blue box is where the world says, and after cw 90 the red box is")
def _():
    reader = tello.background_frame_read
    expect(reader is not None, "no video reader (the check on the ground failed)")
    try:
        wait_for_region(reader, 2, expected_region(boxes()["blue box"], truth()))
        tello.rotate_clockwise(90)
        wait_for_region(reader, 0, expected_region(boxes()["red box"], truth()))
        expect(seen_region(reader.frame, 2) is None, "blue still seen after cw 90")
    finally:
        # Back to the heading the later checks expect, whatever failed here.
        turned = round(truth()["yaw"]) % 360
        if turned:
            tello.rotate_counter_clockwise(turned)
        # Stopped while pictures still come, so its thread ends and lets go of port 11111.
        if reader is not None:
            reader.stop()
            reader.worker.join(timeout=10)
        tello.streamoff()


MOVES = [
    (tello.move_up, (0, 0, 30)), (tello.move_down, (0, 0, -30)),
    (tello.move_forward, (30, 0, 0)), (tello.move_back, (-30, 0, 0)),
    (tello.move_left, (0, 30, 0)), (tello.move_right, (0, -30, 0)),
]
for move, (dx, dy, dz) in MOVES:
    @check(f"{move.__name__} 30 cm")
    def _(move=move, dx=dx, dy=dy, dz=dz):
        before = truth()
        move(30)
        after = truth()
        delta = (after["x"] - before["x"], after["y"] - before["y"], after["z"] - before["z"])
        expect(all(abs(a - b) < 0.5 for a, b in zip(delta, (dx, dy, dz))), f"moved {delta}")


@check("rotate clockwise and counter-clockwise")
def _():
    tello.rotate_clockwise(90)
    expect(round(truth()["yaw"]) == 90, truth())
    time.sleep(0.3)  # let a state line carry the new yaw (10 Hz stream)
    expect(tello.get_yaw() == 90, f"state yaw {tello.get_yaw()}")
    tello.rotate_counter_clockwise(90)
    expect(round(truth()["yaw"]) == 0, truth())


@check("flip in all four directions")
def _():
    for flip in (tello.flip_left, tello.flip_right, tello.flip_forward, tello.flip_back):
        flip()
    expect(truth()["flying"], "still flying")


@check("go x y z speed")
def _():
    before = truth()
    tello.go_xyz_speed(50, 50, 0, 50)
    after = truth()
    expect(abs(after["x"] - before["x"] - 50) < 0.5 and abs(after["y"] - before["y"] - 50) < 0.5, after)


@check("curve through two points")
def _():
    before = truth()
    tello.curve_xyz_speed(50, 50, 0, 100, 0, 0, 50)
    after = truth()
    expect(abs(after["x"] - before["x"] - 100) < 0.5, after)


@check("getters read the state stream")
def _():
    time.sleep(0.3)
    expect(tello.get_height() == 100, f"h {tello.get_height()}")
    expect(tello.get_distance_tof() == 100, f"tof {tello.get_distance_tof()}")
    expect(tello.get_flight_time() > 0, "motor time")
    expect(40 < tello.get_temperature() < 100, f"temperature {tello.get_temperature()}")
    expect(tello.get_acceleration_z() == -1000.0, "agz at hover")
    expect(tello.get_mission_pad_id() == -2, "mission pads off")
    expect(abs(tello.get_barometer() - 10100) < 1, f"baro {tello.get_barometer()}")


def near(a, b, tolerance=0.5):
    return abs(a - b) < tolerance


@check("mission pads: seen in the state stream, go ... mN and jump land per ground truth")
def _():
    pads = {pad["id"]: pad for pad in control("GET", "/drones/0/world")["pads"]}
    tello.enable_mission_pads()
    tello.set_mission_pad_detection_direction(0)
    here = truth()
    tello.go_xyz_speed(round(pads[1]["x"] - here["x"]), round(pads[1]["y"] - here["y"]), 0, 100)
    time.sleep(0.3)  # a state line from over the pad
    expect(tello.get_mission_pad_id() == 1, f"mid {tello.get_mission_pad_id()}")
    expect(abs(tello.get_mission_pad_distance_z() - 100) <= 1, f"z {tello.get_mission_pad_distance_z()}")
    # Pad 1's rocket points along +x, so +y in its frame is world +y: pad 2 is 200 cm that way.
    tello.go_xyz_speed_mid(0, 200, 80, 50, 1)
    state = truth()
    expect(near(state["x"], pads[2]["x"]) and near(state["y"], pads[2]["y"]) and near(state["z"], 80), state)
    time.sleep(0.3)
    expect(tello.get_mission_pad_id() == 2, f"mid {tello.get_mission_pad_id()}")
    # Jump from pad 2 to pad 3 and face 90 degrees in pad 3's frame.
    dx, dy = pads[3]["x"] - pads[2]["x"], pads[3]["y"] - pads[2]["y"]
    tello.go_xyz_speed_yaw_mid(round(dx), round(dy), 100, 50, 90, 2, 3)
    state = truth()
    expect(near(state["x"], pads[3]["x"]) and near(state["y"], pads[3]["y"]) and near(state["z"], 100), state)
    expect(round(state["yaw"] - pads[3]["yaw"] - 90) % 360 == 0, state)
    try:
        tello.go_xyz_speed_mid(0, 0, 100, 50, 8)
    except TelloException as error:
        expect("No valid marker" in str(error), str(error))
    else:
        raise AssertionError("go ... m8 with no pad 8 was accepted")
    tello.disable_mission_pads()


@check("a climb into the ceiling stops at contact")
def _():
    before = truth()
    room = control("GET", "/drones/0/world")["room"]
    try:
        while True:  # at most two climbs of 500 cm in the standard 10 m hall
            tello.move_up(500)
            expect(truth()["z"] < room["height"], "climbed through the ceiling")
    except TelloException as error:
        expect("Run timeout" in str(error), str(error))
    state = truth()
    expect(state["flying"] and state["collisions"] > before["collisions"], state)
    expect(state["lastCollision"]["with"] == "ceiling" and near(state["z"], room["height"] - 4), state)
    tello.move_down(500)
    tello.move_down(round(state["z"] - 500 - 100))


@check("out-of-range move is refused with an error")
def _():
    try:
        tello.move_forward(10)
    except TelloException as error:
        expect("out of range" in str(error), str(error))
    else:
        raise AssertionError("move_forward(10) was accepted")


@check("flip with a low battery is refused with an error")
def _():
    control("POST", "/drones/0/battery", {"percent": 40})
    try:
        tello.flip_left()
    except TelloException as error:
        expect("error" in str(error), str(error))
    else:
        raise AssertionError("flip at 40 % was accepted")


@check("command loss makes djitellopy time out")
def _():
    control("PUT", "/drones/0/faults", {"commandLoss": 1})
    try:
        answer = tello.send_command_with_return("battery?", timeout=1)
        expect(answer.startswith("Aborting command"), answer)
    finally:
        control("PUT", "/drones/0/faults", {})
    expect(35 <= tello.query_battery() <= 40, "link works again")


@check("a forced error reply reaches djitellopy")
def _():
    control("PUT", "/drones/0/faults", {"forcedReplies": {"cw": "error No valid imu"}})
    try:
        tello.rotate_clockwise(45)
    except TelloException as error:
        expect("No valid imu" in str(error), str(error))
    else:
        raise AssertionError("forced error not seen")
    finally:
        control("PUT", "/drones/0/faults", {})


@check("video: streamon delivers decodable 960x720 H.264")
def _():
    tello.streamon()
    reader = tello.get_frame_read()
    deadline = time.time() + 10
    while time.time() < deadline and (reader.frame is None or reader.frame.max() == 0):
        tello.query_battery()  # keep it flying: a real client would, or the drone lands after 15 s
        time.sleep(0.2)
    shape = reader.frame.shape
    reader.stop()
    tello.streamoff()
    expect(shape[:2] == (720, 960) and reader.frame.max() > 0, f"frame {shape}")


@check("land")
def _():
    tello.land()
    state = truth()
    expect(not state["flying"] and not state["motorsOn"] and state["z"] == 0, state)


@check("a two-drone TelloSwarm flies both drones in parallel")
def _():
    control("POST", "/drones/0/battery", {"percent": 90})
    swarm = TelloSwarm([tello, Tello(host=SECOND_DRONE_HOST)])
    swarm.connect()
    swarm.takeoff()
    swarm.move_up(50)
    heights = [truth(drone)["z"] for drone in (0, 1)]
    expect(heights == [150, 150], f"heights {heights}")
    swarm.land()
    expect(not truth(0)["flying"] and not truth(1)["flying"], "both landed")


checks.finish("interop-djitellopy")
