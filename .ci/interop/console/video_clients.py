"""The relayed video over real sockets, from Python: PyAV decodes it with no
error (WebSocket and /video.h264); 20 viewers keep the full frame rate while
one more viewer never reads, and the agent's memory stays bounded.
Usage: video_clients.py ADDRESS AGENT_PID TIME_SCALE (the clip streams at 30 fps times the agent's --time-scale)"""
import asyncio, base64, json, os, socket, struct, sys, time

import av
import websockets

from tally import Tally

tally = Tally()
check = tally.check



def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def request(ws, kind):
    await ws.send(json.dumps({"type": kind, "data": {}, "id": kind}))
    while True:
        message = await ws.recv()
        if isinstance(message, str) and json.loads(message).get("id") == kind:
            return json.loads(message)


def decode(units, whole=False):
    """Pictures decoded and errors; `whole`: each unit is one access unit, given to the decoder as one packet."""
    codec = av.CodecContext.create("h264", "r")
    pictures = errors = 0
    for unit in units:
        try:
            for packet in ([av.Packet(unit)] if whole else codec.parse(unit)):
                pictures += len(codec.decode(packet))
        except av.error.FFmpegError as error:
            errors += 1
            print("decode error:", error)
    try:
        pictures += len(codec.decode(None))
    except av.error.FFmpegError:
        pass
    return pictures, errors


async def pyav_websocket(url):
    async with websockets.connect(url, max_size=None) as ws:
        check((await request(ws, "connect_drone"))["success"], "connect_drone")
        check((await request(ws, "start_video"))["success"], "start_video")
        units, headers = [], []
        while len(units) < 90:
            message = await asyncio.wait_for(ws.recv(), 10)
            if isinstance(message, bytes):
                version, flags, length, sequence, when, arrival = struct.unpack(">BBHIqq", message[:24])
                headers.append((flags, sequence))
                units.append(message[length:])
        pictures, errors = decode(units, whole=True)
        check(headers[0][0] & 1 == 1, "the first relayed picture is a key frame")
        check(errors == 0 and pictures == len(units), f"PyAV decodes each relayed message as one picture: {pictures}/{len(units)} pictures, {errors} errors")
        sequences = [s for _, s in headers]
        check(sequences == list(range(sequences[0], sequences[0] + len(sequences))), "no picture lost for a reading viewer")
        await request(ws, "stop_video")


def pyav_http(address):
    host, port = address.split(":")
    stream = socket.create_connection((host, int(port)), timeout=10)
    stream.sendall(f"GET /video.h264 HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
    data = b""
    deadline = time.time() + 3
    while time.time() < deadline:
        chunk = stream.recv(65536)
        if not chunk:
            break
        data += chunk
    stream.close()
    head, _, body = data.partition(b"\r\n\r\n")
    check(head.startswith(b"HTTP/1.1 200") and b"video/h264" in head, "GET /video.h264 answers 200 video/h264")
    pictures, errors = decode([body])
    check(errors == 0 and pictures >= 30, f"PyAV decodes /video.h264: {pictures} pictures in 3 s, {errors} errors")


def stuck_viewer(address):
    """A client that asks for video, then never reads a byte."""
    host, port = address.split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    raw.sendall((f"GET / HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    payload = json.dumps({"type": "start_video", "data": {}}).encode()
    mask = os.urandom(4)
    raw.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    return raw


async def crowd(url, address, pid, fps, seconds=15):
    counts = [0] * 20
    stop = asyncio.Event()

    async def viewer(index):
        async with websockets.connect(url, max_size=None) as ws:
            await request(ws, "start_video")
            while not stop.is_set():
                try:
                    message = await asyncio.wait_for(ws.recv(), 1)
                except asyncio.TimeoutError:
                    continue
                if isinstance(message, bytes) and started.is_set():
                    counts[index] += 1

    started = asyncio.Event()
    stuck = stuck_viewer(address)
    tasks = [asyncio.create_task(viewer(i)) for i in range(20)]
    await asyncio.sleep(2)
    before = rss_mib(pid)
    started.set()
    await asyncio.sleep(seconds)
    stop.set()
    after = rss_mib(pid)
    await asyncio.gather(*tasks)
    stuck.close()
    rates = [count / seconds for count in counts]
    print(f"viewer fps: min {min(rates):.1f}, max {max(rates):.1f} (the clip streams at {fps} fps)")
    print(f"agent memory (VmRSS): {before:.1f} MiB before, {after:.1f} MiB after {seconds} s with a viewer that never reads")
    check(min(rates) >= 0.9 * fps, "20 viewers keep the full frame rate next to one that never reads")
    check(after - before < 32, "the agent's memory stays bounded")


async def main(address, pid, scale):
    url = f"ws://{address}/"
    await pyav_websocket(url)
    async with websockets.connect(url) as keeper:  # someone holds the stream while HTTP watches
        pyav_http(address)
    await crowd(url, address, int(pid), 30 * float(scale))
    print(tally.summary("interop-console (video clients)"))
    return tally.failed == 0


sys.exit(0 if asyncio.run(main(*sys.argv[1:4])) else 1)
