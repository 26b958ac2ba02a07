"""Idle CPU with the 3002 backend down: after two orders the agent must sit near 0 % CPU with RSS flat.

A fresh machine has nothing on port 3002. Two natural-language orders, the
second arriving while the first analysis waits out its retry backoff; then
the agent's CPU time (utime + stime from /proc) and RSS are sampled over a
window in which nothing happens but the bridge's retries.
"""
import asyncio
import time

from client import Client
from harness import Fleet, closed_port, cpu_seconds, mib, rss_bytes, until

WINDOW_SECONDS = 20
CPU_BOUND_PERCENT = 5.0
RSS_GROWTH_BOUND = 8 * 1048576


async def run(bin_dir, work, results):
    async with Fleet(work, bin_dir) as fleet:
        # Debug: the bridge's "backend not running" line says the first POST has failed.
        agent, address = await fleet.agent("--backend", f"http://127.0.0.1:{closed_port()}", "--log-level", "debug")
        client = await Client.connect(address, "idle")
        await client.request("natural_language_command", {"command": "起飞"}, timeout=15)
        refused = await until(lambda: "3002 backend not running" in agent.log_text(), 5)
        await client.request("natural_language_command", {"command": "降落"}, timeout=15)
        results.note(f"first POST refused before the second order: {bool(refused)}")

        cpu_start, rss_start, start = cpu_seconds(agent.pid), rss_bytes(agent.pid), time.monotonic()
        rss_max, used, elapsed = rss_start, 0.0, 0.0
        budget = CPU_BOUND_PERCENT / 100 * WINDOW_SECONDS
        while elapsed < WINDOW_SECONDS:
            await asyncio.sleep(1)  # the sampling period of a measurement window
            elapsed = time.monotonic() - start
            used = cpu_seconds(agent.pid) - cpu_start
            rss_max = max(rss_max, rss_bytes(agent.pid))
            if round(elapsed) % 5 == 0:
                results.note(f"{elapsed:4.1f} s: {used:.2f} s CPU, RSS {mib(rss_bytes(agent.pid))}")
            # Past the budget or the RSS bound (seen for 5 s) the verdict is in: stop burning the shared machine.
            if elapsed >= 5 and (used > budget or rss_max - rss_start > RSS_GROWTH_BOUND):
                break
        rss_end = rss_bytes(agent.pid)
        percent = 100 * used / elapsed
        results.check(f"idle: CPU near 0 % with the backend down (bound {CPU_BOUND_PERCENT:g} %)",
                      percent < CPU_BOUND_PERCENT,
                      f"{used:.2f} s of CPU in {elapsed:.1f} s = {percent:.1f} %"
                      + ("" if elapsed >= WINDOW_SECONDS else " (window cut short: a bound was already broken)"))
        results.check("idle: RSS flat with the backend down",
                      rss_max - rss_start <= RSS_GROWTH_BOUND,
                      f"start {mib(rss_start)}, max {mib(rss_max)}, end {mib(rss_end)} over {elapsed:.1f} s "
                      f"(bound +{mib(RSS_GROWTH_BOUND)})")
        answer, took = await client.timed_request("get_status", timeout=5)
        results.check("idle: agent still answers", answer is not None, f"get_status in {took:.2f} s")
        if percent >= CPU_BOUND_PERCENT or answer is None:
            results.note("agent log tail:\n" + agent.tail(10))
        await client.close()
