"""What both djitellopy flights share: a check runs at once, is reported as
one PASS or FAIL line, and never stops the flight; the summary line and the
exit status come from the results."""
import sys


class Checks:
    def __init__(self, label=""):
        self.results = []
        self.prefix = f"[{label}] " if label else ""

    def check(self, name):
        """Decorator: runs the function now and records how it ended."""
        def run(function):
            try:
                function()
                self.results.append((name, None))
                print(f"PASS {self.prefix}{name}", flush=True)
            except Exception as error:  # noqa: BLE001 - every failure is reported, none is fatal
                self.results.append((name, error))
                print(f"FAIL {self.prefix}{name}: {error!r}", flush=True)
            return function
        return run

    def finish(self, title):
        """Prints "TITLE: N passed, M failed" and exits 1 if any failed."""
        failed = sum(1 for _, error in self.results if error is not None)
        print(f"{title}: {len(self.results) - failed} passed, {failed} failed", flush=True)
        sys.exit(1 if failed else 0)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)
