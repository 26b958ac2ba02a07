"""A well-behaved agent client on Python `websockets`: one reader task that
hands each response to whoever waits for its `id` and keeps everything else
(broadcasts, progress, id-less errors) for inspection.
"""
import asyncio
import itertools
import json
import time

import websockets

_ids = itertools.count(1)


class Client:
    def __init__(self, name, ws):
        self.name = name
        self.ws = ws
        self.waiting = {}  # id -> future of the response
        self.raw = {}  # id -> raw text of the response
        self.others = []  # every message not claimed by a waiter (last 2000)
        self.closed = None  # (code, reason) once the connection ended
        self.greeting = None
        self._reader = None

    @classmethod
    async def connect(cls, address, name="client", timeout=10):
        ws = await asyncio.wait_for(websockets.connect(f"ws://{address}/", max_size=None, ping_interval=None,
                                                       open_timeout=timeout), timeout)
        client = cls(name, ws)
        client.greeting = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        client._reader = asyncio.create_task(client._read())
        return client

    async def _read(self):
        try:
            async for text in self.ws:
                try:
                    message = json.loads(text)
                except ValueError:
                    self.others.append({"unparsable": text[:200]})
                    continue
                key = _key(message.get("id")) if isinstance(message, dict) else None
                if key is not None and key in self.waiting and not self.waiting[key].done():
                    self.raw[key] = text
                    self.waiting[key].set_result(message)
                else:
                    self.others.append(message)
                    del self.others[:-2000]
        except websockets.ConnectionClosed:
            pass
        finally:
            rcvd = self.ws.protocol.close_rcvd
            self.closed = (rcvd.code, rcvd.reason) if rcvd else (1006, "")

    @property
    def open(self):
        return self.closed is None

    def new_id(self):
        return f"{self.name}-{next(_ids)}"

    async def send(self, message):
        await self.ws.send(message if isinstance(message, str) else json.dumps(message, ensure_ascii=False))

    def expect(self, id_):
        future = asyncio.get_running_loop().create_future()
        self.waiting[_key(id_)] = future
        return future

    async def request(self, type_, data=None, timeout=10, id_=None):
        """Sends one request with a fresh id and returns its response (TimeoutError if none in time)."""
        id_ = self.new_id() if id_ is None else id_
        future = self.expect(id_)
        message = {"type": type_, "id": id_}
        if data is not None:
            message["data"] = data
        await self.send(message)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self.waiting.pop(_key(id_), None)

    async def timed_request(self, type_, data=None, timeout=10):
        """(response or None, seconds taken)."""
        start = time.monotonic()
        try:
            return await self.request(type_, data, timeout), time.monotonic() - start
        except (asyncio.TimeoutError, websockets.ConnectionClosed):
            return None, time.monotonic() - start

    async def close(self, code=1000, timeout=10):
        try:
            await asyncio.wait_for(self.ws.close(code), timeout)
        except (asyncio.TimeoutError, websockets.WebSocketException, OSError):
            pass
        if self._reader:
            self._reader.cancel()
            try:
                await self._reader
            except asyncio.CancelledError:
                pass


def _key(value):
    # ids are compared by their JSON spelling and type, so 1 and "1" stay apart.
    return None if value is None else json.dumps(value)
