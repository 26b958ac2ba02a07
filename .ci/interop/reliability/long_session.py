"""A long session: one client makes many requests on one connection; the agent's memory must not grow with their count.

A dashboard polls the battery and the status for hours on one connection, so
what the agent keeps per request must go when the request is answered. One
client sends REQUESTS reads, one at a time; the agent's RSS after a warm-up
and at the end may differ by RSS_GROWTH_BOUND at most (keeping about 11 KiB a
request would grow it by about 200 MiB).
"""
import asyncio
import time

from client import Client
from harness import Fleet, mib, rss_bytes

REQUESTS = 20000
WARM_UP = 2000
RSS_GROWTH_BOUND = 24 * 1048576


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        agent, address = await fleet.agent()
        client = await Client.connect(address, "poller")
        await client.request("connect_drone", timeout=15)
        start = time.monotonic()
        rss_warm = None
        unanswered = 0
        for index in range(REQUESTS):
            if index == WARM_UP:
                rss_warm = rss_bytes(agent.pid)
            try:
                if index % 2:
                    await client.request("get_status", timeout=5)
                else:
                    await client.request("drone_command", {"action": "get_battery"}, timeout=5)
            except asyncio.TimeoutError:
                unanswered += 1
                if unanswered > 10:
                    break
        elapsed = time.monotonic() - start
        rss_end = rss_bytes(agent.pid)
        results.check(f"long session: {REQUESTS} reads on one connection all answered", unanswered == 0,
                      f"{unanswered} unanswered, {REQUESTS / elapsed:.0f} requests/s")
        results.check(f"long session: RSS does not grow with the requests (bound +{mib(RSS_GROWTH_BOUND)})",
                      rss_warm is not None and rss_end - rss_warm <= RSS_GROWTH_BOUND,
                      f"after {WARM_UP} requests {mib(rss_warm or 0)}, after {REQUESTS} {mib(rss_end)}")
        await client.close()
