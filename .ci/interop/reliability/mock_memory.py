"""Long-running mocks: bridge-mocks' memory must not grow with the requests it answers.

`bridge-mocks backend3002` and `bridge-mocks llm` stand in for the real
backend and model during a whole development session, answering every
analysis and every order. Each takes REQUESTS requests (with a body the size
of a real analysis) on keep-alive connections; its RSS after a warm-up and at
the end may differ by RSS_GROWTH_BOUND at most. Keeping every request, as the
in-process mocks do for tests, grew it by about 10 KiB a request; a cancelled
`Task.sleep` per read and write (each request's timeouts) by about 1.7 KiB a
request until the timeouts' deadlines, a minute later.
"""
import asyncio
import http.client
import json
import time

from harness import Fleet, mib, rss_bytes

REQUESTS = 4000
WARM_UP = 500
RSS_GROWTH_BOUND = 3 * 1048576
PAD = "x" * 2000

ANALYSIS = json.dumps({"command": "起飞后向前飞30厘米，然后降落", "success": True, "pad": PAD}, ensure_ascii=False).encode()
CHAT = json.dumps({"model": "m", "messages": [{"role": "system", "content": PAD},
                                              {"role": "user", "content": "起飞后向前飞30厘米，然后降落"}]},
                  ensure_ascii=False).encode()


def post_many(port, path, body, pid):
    """REQUESTS POSTs on keep-alive connections (a new one every 200); returns (RSS after the warm-up, at the end, failures)."""
    rss_warm, failures, connection = None, 0, None
    for index in range(REQUESTS):
        if index == WARM_UP:
            rss_warm = rss_bytes(pid)
        if index % 200 == 0:
            if connection:
                connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json",
                                                             "Idempotency-Key": f"memory-{index}"})
        response = connection.getresponse()
        response.read()
        failures += response.status != 200
    connection.close()
    return rss_warm, rss_bytes(pid), failures


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        for mode, path, body in (("backend3002", "/api/ai-analysis", ANALYSIS), ("llm", "/v1/chat/completions", CHAT)):
            program = fleet.program(f"mock-{mode}", "bridge-mocks", mode, "--port", 0, "--log-level", "warning")
            port = int((await program.start())[0].rsplit(":", 1)[1])
            start = time.monotonic()
            rss_warm, rss_end, failures = await asyncio.to_thread(post_many, port, path, body, program.pid)
            elapsed = time.monotonic() - start
            results.check(f"mock memory: {mode} answers {REQUESTS} requests", failures == 0,
                          f"{failures} not 200, {REQUESTS / elapsed:.0f} requests/s")
            results.check(f"mock memory: {mode} RSS does not grow with the requests (bound +{mib(RSS_GROWTH_BOUND)})",
                          rss_end - rss_warm <= RSS_GROWTH_BOUND,
                          f"after {WARM_UP} requests {mib(rss_warm)}, after {REQUESTS} {mib(rss_end)}")
            await program.stop()
