"""Shared pieces of the reliability suite: the programs under test as child
processes (output to files, never pipes), /proc figures of a running process,
the log hygiene rules, and the pass/fail record every check writes to.

Every wait here is on a condition with a deadline; nothing sleeps and hopes.
"""
import asyncio
import os
import re
import signal
import socket
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# A log line longer than this means user input reached the log unbounded.
LOG_LINE_BOUND = 8192
# Raw C0 controls (but newline), DEL and C1 controls: user input reaching the log unescaped.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f]")


class Results:
    """Named pass/fail lines, counted for the suite's summary line."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}" + (f": {detail}" if detail else ""), flush=True)
        else:
            self.failed += 1
            self.failures.append(name)
            print(f"FAIL {name}" + (f": {detail}" if detail else ""), flush=True)
        return ok

    def note(self, text):
        print(f"     {text}", flush=True)


async def until(condition, timeout, interval=0.02):
    """Polls `condition()` (sync or async) until truthy or `timeout` seconds pass; returns its last value."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value or time.monotonic() >= end:
            return value
        await asyncio.sleep(interval)


class Program:
    """One child process with stdout and stderr in files under `work`."""

    def __init__(self, name, argv, work):
        self.name = name
        self.argv = argv
        self.out_path = os.path.join(work, f"{name}.out")
        self.log_path = os.path.join(work, f"{name}.log")
        self.process = None

    async def start(self, listening=1, timeout=20):
        """Starts it and waits for `listening` "listening on HOST:PORT" lines; returns the addresses."""
        with open(self.out_path, "ab") as out, open(self.log_path, "ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, stdin=asyncio.subprocess.DEVNULL, stdout=out, stderr=log)
        await until(lambda: self._listening(listening) or self.process.returncode is not None, timeout)
        addresses = self._listening(listening)
        if not addresses:
            raise RuntimeError(f"{self.name} did not print {listening} listening line(s) within {timeout} s "
                               f"(exit {self.process.returncode}); log tail:\n{self.tail()}")
        return addresses

    def _listening(self, count):
        found = re.findall(r"^listening on (\S+)$", read_text(self.out_path), re.M)
        return found if len(found) >= count else None

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.returncode is None and os.path.exists(f"/proc/{self.pid}")

    async def stop(self, sig=signal.SIGTERM, timeout=10):
        """Signals it and waits for its exit (SIGKILL after `timeout`); returns the exit status."""
        if self.process is None or self.process.returncode is not None:
            return None if self.process is None else self.process.returncode
        try:
            self.process.send_signal(sig)
            return await asyncio.wait_for(self.process.wait(), timeout)
        except asyncio.TimeoutError:
            self.process.kill()
            return await self.process.wait()
        except ProcessLookupError:
            return await self.process.wait()

    def log_text(self):
        return read_text(self.log_path) + read_text(self.out_path)

    def tail(self, lines=25, width=300):
        """The last lines of its log, each cut to `width` and escaped, for a failure report."""
        text = read_text(self.log_path, last=256 * 1024)
        picked = text.splitlines()[-lines:]
        return "\n".join("       | " + escape_controls(line[:width]) + (" ..." if len(line) > width else "") for line in picked)


def escape_controls(text):
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def read_text(path, last=None):
    try:
        with open(path, "rb") as f:
            if last is not None:
                size = os.fstat(f.fileno()).st_size
                f.seek(max(0, size - last))
            return f.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def port_of(address):
    return int(address.rsplit(":", 1)[1])


def closed_port():
    """A loopback port nobody listens on (bound, then released: refused from now on)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- /proc figures of a running process ---------------------------------------

def rss_bytes(pid):
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def thread_count(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


def cpu_seconds(pid):
    """utime + stime of the process (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def mib(n):
    return f"{n / 1048576:.1f} MiB"


class Sampler:
    """Samples RSS, fds and threads of `pid` every `interval` s until stopped."""

    def __init__(self, pid, interval=1.0):
        self.pid = pid
        self.interval = interval
        self.samples = []  # (seconds since start, rss, fds, threads)
        self._task = None
        self._start = None

    def sample(self):
        try:
            self.samples.append((time.monotonic() - self._start, rss_bytes(self.pid), fd_count(self.pid),
                                 thread_count(self.pid)))
        except (FileNotFoundError, ProcessLookupError):
            pass

    async def _run(self):
        while True:
            self.sample()
            await asyncio.sleep(self.interval)

    def start(self):
        self._start = time.monotonic()
        self._task = asyncio.create_task(self._run())

    async def stop(self):
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
        self.sample()


# --- log hygiene -----------------------------------------------------------------

def log_hygiene(path, start=0):
    """(longest line in bytes, lines over the bound, first offending control char line) from byte `start` on."""
    longest = 0
    over = 0
    control = None
    with open(path, "rb") as f:
        f.seek(start)
        for raw in f:
            line = raw.rstrip(b"\n")
            longest = max(longest, len(line))
            if len(line) > LOG_LINE_BOUND:
                over += 1
            if control is None:
                text = line.decode("utf-8", errors="replace")
                m = CONTROL.search(text)
                if m:
                    control = f"{ascii(m.group())} in: {escape_controls(text[max(0, m.start() - 60):m.start() + 60])}"
    return longest, over, control


def file_size(path):
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return 0


class Fleet:
    """The processes one check starts; all stopped when the check ends, however it ends."""

    def __init__(self, work, bin_dir):
        self.work = work
        self.bin_dir = bin_dir
        self.programs = []

    def program(self, name, executable, *args):
        # Unique in the work folder: an old run's "listening on" line must never be read as this one's.
        taken = {p.name for p in self.programs}
        unique, n = name, 1
        while unique in taken or os.path.exists(os.path.join(self.work, f"{unique}.out")):
            n += 1
            unique = f"{name}-{n}"
        program = Program(unique, [os.path.join(self.bin_dir, executable), *map(str, args)], self.work)
        self.programs.append(program)
        return program

    async def agent(self, *args, name="agent"):
        """A started tello-agent on a free port (flags in `args`); returns (program, "HOST:PORT")."""
        program = self.program(name, "tello-agent", "--port", 0, *args)
        return program, (await program.start())[0]

    async def backend(self, *args, port=0, name="mock3002"):
        """A started `bridge-mocks backend3002`; returns (program, port)."""
        program = self.program(name, "bridge-mocks", "backend3002", "--port", port, *args)
        return program, port_of((await program.start())[0])

    async def __aenter__(self):
        return self

    async def __aexit__(self, *_):
        for program in reversed(self.programs):
            await program.stop(timeout=5)
