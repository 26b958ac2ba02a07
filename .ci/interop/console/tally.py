"""The checks a browser or client suite makes, counted: each prints `ok` or
`FAIL` and what it checked; the suite prints the totals at its end."""


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}")
        return ok

    def summary(self, name):
        return f"{name}: {self.passed} passed, {self.failed} failed"
