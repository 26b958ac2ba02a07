"""Drives the console in headless chromium the way a person would: load it,
connect the drone, watch video, fly an order, press Emergency mid-plan, reload
mid-order, switch language; no errors in the page's console.
Usage: browser.py CHROMIUM http://ADDRESS/ AGENT_LOG SCREENSHOT_DIR"""
import asyncio, json, os, sys, time

from cdp import Browser
from tally import Tally

tally = Tally()
check = tally.check



async def order(page, text):
    await page.eval("window.consoleState.planDone = null, window.consoleState.lastStep = 0")
    await page.eval(f"document.getElementById('order').value = {json.dumps(text)}")
    await page.eval("document.getElementById('order-form').requestSubmit()")


async def main(chromium, url, agent_log, shots):
    os.makedirs(shots, exist_ok=True)
    page = Browser(chromium, os.path.join(shots, "chromium.log"))
    try:
        await page.open()
        await page.send("Page.navigate", url=url)
        await page.until("window.consoleState && window.consoleState.messages > 0", "the console's WebSocket")
        check(await page.eval("document.getElementById('link').classList.contains('ok')"), "the page connected to the agent")
        check(await page.eval("document.documentElement.lang") == "zh", "the page follows --language (zh)")

        await page.eval("document.querySelector('[data-req=connect_drone]').click()")
        await page.until("document.getElementById('drone').classList.contains('ok')", "the drone connected")
        check(True, "connect the drone from the page")

        await page.eval("document.getElementById('video-start').click()")
        try:
            await page.until("window.consoleVideoStats && window.consoleVideoStats.decoded >= 30", "30 decoded pictures", 20)
            stats = await page.eval("window.consoleVideoStats")
            check(stats["errors"] == 0, f"the video canvas shows WebCodecs-decoded pictures ({stats})")
        except AssertionError as error:
            check(False, f"video decoded in the page: {error}; {await page.eval('window.consoleVideoStats')}")
        await page.screenshot(os.path.join(shots, "console-video.png"))

        truth_before = await page.eval("window.consoleState.truthUpdates")
        x_before = await page.eval("window.consoleState.truthMaxX")
        await order(page, "起飞，向前飞100厘米，向左飞50厘米，然后降落")
        await page.until("window.consoleState.lastStep >= 2", "the plan's second step", 30)
        await page.until("Number(document.getElementById('r-height').textContent) > 0", "telemetry: height above 0", 20)
        await page.screenshot(os.path.join(shots, "console-flying.png"))
        await page.until("window.consoleState.planDone !== null", "the order's end", 60)
        done = await page.eval("window.consoleState.planDone")
        check(done.get("success") is True, f"an order flew with per-step progress ({done})")
        check(await page.eval("document.querySelectorAll('#plan li.done').length") >= 3, "the plan shows its steps done")
        truth_after = await page.eval("window.consoleState.truthUpdates")
        x_after = await page.eval("window.consoleState.truthMaxX")
        check(x_after - x_before >= 90 and truth_after > truth_before + 3,
              f"the map follows the ground truth (x {x_before} -> {x_after} cm, {truth_after - truth_before} updates during the order)")
        trail = await page.eval("(() => { const p = document.getElementById('top'); return p.getContext('2d').getImageData(0, 0, p.width, p.height).data.some((v, i) => i % 4 === 1 && v > 150); })()")
        check(trail, "the map canvas has a drawn trail")

        # The preflight in the page: a preview shows the verdict and the predicted path, and flies nothing;
        # an order through the hall's ceiling is refused with the step and the rule named.
        await page.eval("document.getElementById('dry-run').checked = true, window.consoleState.preflight = null")
        await order(page, "起飞后向前飞30厘米，然后降落")
        await page.until("window.consoleState.preflight !== null", "the preview's preflight", 20)
        report = await page.eval("window.consoleState.preflight")
        check(report.get("ok") is True and len(report.get("predicted", {}).get("path", [])) >= 2,
              f"a preview shows the preflight's verdict and predicted path ({len(report.get('predicted', {}).get('path', []))} poses)")
        check(await page.eval("window.consoleState.truthMaxX") == x_after, "the preview flew nothing (ground truth unchanged)")
        await page.eval("document.getElementById('dry-run').checked = false, window.consoleState.preflight = null")
        await order(page, "起飞，向上飞行500厘米，向上飞行500厘米，然后降落")
        await page.until("window.consoleState.preflight !== null", "the unsafe order's preflight", 20)
        line = await page.eval("document.getElementById('preflight').textContent")
        check(await page.eval("document.getElementById('preflight').className") == "refused" and "above_ceiling" in line,
              f"an order through the ceiling is refused in the page: {line}")
        await page.screenshot(os.path.join(shots, "console-preflight.png"))

        await order(page, "起飞，向前飞200厘米，向右飞200厘米，向后飞200厘米，降落")
        await page.until("window.consoleState.lastStep >= 2", "the long plan's second step", 30)
        await page.eval("document.getElementById('emergency').click()")
        await page.until("window.consoleState.planDone !== null", "the plan to stop", 30)
        stopped = await page.eval("window.consoleState.planDone")
        check(stopped.get("success") is False and stopped.get("executed_commands", 9) < 5,
              f"Emergency mid-plan stops the plan ({stopped})")
        await page.until("fetch('/console/world.json').then(r => r.json()).then(w => !w.truth.motorsOn)", "motors off", 10)
        check(True, "Emergency stopped the motors (ground truth)")
        # Real drones never answer emergency: the agent learns the drone is down from its state
        # stream a moment later, and until then a takeoff is refused as "already flying", as a user
        # sees from the flight pill. Wait for it, as a user would.
        await page.until("!document.getElementById('flying').classList.contains('warn')", "the page to show the drone down", 10)

        await order(page, "起飞，向前飞50厘米，然后降落")
        await page.until("window.consoleState.lastStep >= 1", "the order's first step", 30)
        await page.send("Page.reload")
        await page.until("window.consoleState && window.consoleState.messages > 0", "the reloaded page's WebSocket")
        await page.until("window.consoleState.planDone !== null", "the order to finish after the reload", 60)
        finished = await page.eval("window.consoleState.planDone")
        check(finished.get("success") is True, f"reloaded mid-order: the order still finished ({finished})")
        deadline = time.time() + 10
        closes = []
        while time.time() < deadline and not closes:
            closes = [l for l in open(agent_log, encoding="utf-8") if "client disconnected" in l and "code=1001" in l]
            await asyncio.sleep(0.1)
        check(any(" info " in l for l in closes), f"the agent logged the reload's 1001 close at info: {closes[:1]}")

        await page.eval("document.getElementById('lang').click()")
        check(await page.eval("document.documentElement.lang === 'en' && document.querySelector('h1').textContent === 'Tello Console'"),
              "the language switch shows English")
        await page.eval("document.getElementById('distance').value = '900'")
        await page.eval("document.querySelector('[data-move=move_forward]').click()")
        check("500" in (await page.eval("document.getElementById('input-error').textContent")), "a bad distance is refused in the page")
        await page.screenshot(os.path.join(shots, "console-en.png"))
        check(not page.errors, f"no errors in the page's console {page.errors[:3]}")
    finally:
        await page.close()
    print(f"screenshots: {os.path.abspath(shots)}")
    print(tally.summary("interop-console (browser)"))
    return tally.failed == 0


sys.exit(0 if asyncio.run(main(*sys.argv[1:5])) else 1)
