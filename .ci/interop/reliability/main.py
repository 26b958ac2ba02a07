"""The reliability suite: the agent's users and attackers, against the real
executables (tello-agent, tello-sim, bridge-mocks).

Usage: python main.py BIN_DIR WORK_DIR [CHECK ...]   (checks: soak session hostile backend idle restart emergency mocks)
Prints one line per named check, the time each part took, and a final
`interop-reliability: N passed, N failed`; exits non-zero on any failure.
"""
import asyncio
import importlib
import sys
import time

from harness import Results

# (name, module, wall-time budget in seconds: a check that overruns it fails, the suite goes on)
CHECKS = [
    ("soak", "soak", 110),
    ("session", "long_session", 60),
    ("hostile", "hostile", 80),
    ("backend", "backend_faults", 90),
    ("idle", "idle_cpu", 45),
    ("restart", "drone_restart", 75),
    ("emergency", "emergency", 40),
    ("mocks", "mock_memory", 40),
]


async def main(bin_dir, work, wanted):
    results = Results()
    suite_start = time.monotonic()
    for name, module_name, budget in CHECKS:
        if wanted and name not in wanted:
            continue
        module = importlib.import_module(module_name)
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}", flush=True)
        start = time.monotonic()
        try:
            await asyncio.wait_for(module.run(bin_dir, work, results), budget)
        except asyncio.TimeoutError:
            results.check(f"{name}: finished within its {budget} s budget", False, "overran; see the lines above")
        except Exception as error:  # a check that cannot even run is a failure, never a crash of the suite
            results.check(f"{name}: ran", False, f"{type(error).__name__}: {error}")
        print(f"== {name}: {time.monotonic() - start:.1f} s", flush=True)
    print(f"== total {time.monotonic() - suite_start:.1f} s", flush=True)
    if results.failures:
        print("== failed: " + "; ".join(results.failures), flush=True)
    print(f"interop-reliability: {results.passed} passed, {results.failed} failed", flush=True)
    return results.failed == 0


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(main(sys.argv[1], sys.argv[2], set(sys.argv[3:]))) else 1)
