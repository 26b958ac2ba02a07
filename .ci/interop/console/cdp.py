"""A small Chrome DevTools Protocol client over `websockets`: commands by id,
events collected, and the page's console errors and exceptions kept."""
import asyncio, base64, json, os, socket, subprocess, tempfile, time, urllib.request

import websockets


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Headless chromium with one page, driven through the DevTools protocol."""

    def __init__(self, binary, log_path):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="console-chromium-")
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             f"--remote-debugging-port={self.port}", f"--user-data-dir={self.profile}", "--window-size=1400,1900",
             "about:blank"], stdout=self.log, stderr=self.log)
        self.errors = []
        self.pending = {}
        self.next_id = 0

    async def open(self):
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=2) as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            await asyncio.sleep(0.2)
        self.socket = await websockets.connect(pages[0]["webSocketDebuggerUrl"], max_size=None)
        self.reader = asyncio.create_task(self.read())
        for domain in ("Runtime", "Log", "Page"):
            await self.send(f"{domain}.enable")

    async def read(self):
        async for text in self.socket:
            message = json.loads(text)
            if "id" in message:
                future = self.pending.pop(message["id"], None)
                if future and not future.done():
                    future.set_result(message)
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.exceptionThrown":
                self.errors.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:400])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                self.errors.append("console.error: " + json.dumps(params.get("args", []))[:400])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                self.errors.append("log: " + params["entry"].get("text", "")[:400])

    async def send(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def eval(self, expression):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate {expression!r}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    async def until(self, expression, what, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if await self.eval(expression):
                    return
            except RuntimeError:
                pass  # the page is (re)loading
            await asyncio.sleep(0.1)
        raise AssertionError(f"timed out ({seconds} s) waiting for {what}: {expression}")

    async def screenshot(self, path):
        data = (await self.send("Page.captureScreenshot", format="png"))["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    async def close(self):
        try:
            await self.socket.close()
        except Exception:
            pass
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
