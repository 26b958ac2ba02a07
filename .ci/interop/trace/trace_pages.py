"""Opens each HTML trace in a folder in headless chromium from the file system
(no server: the trace must need nothing but itself) and checks what a reader
sees: it draws without a page error, its lanes, plots and event list are
there, the failed step is highlighted with expected vs received, a click
shows an event's whole JSON. A screenshot of each goes beside it.
Usage: trace_pages.py CHROMIUM TRACE_DIR"""
import asyncio, glob, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "console"))
from cdp import Browser  # noqa: E402
from tally import Tally  # noqa: E402

tally = Tally()
check = tally.check



async def look(page, path):
    name = os.path.basename(path)
    before = len(page.errors)
    await page.send("Page.navigate", url="file://" + os.path.abspath(path))
    await page.until("document.body && document.body.dataset.ready === 'true'", f"{name} to draw itself")
    data = await page.eval("JSON.parse(document.getElementById('trace-data').textContent)")
    events = len(data["events"])
    count = await page.eval("document.getElementById('count').textContent")
    check(count.endswith(f"of {events} events") or f"of {events} events " in count, f"{name}: the list counts all {events} events ({count})")
    lanes = await page.eval("[...document.querySelectorAll('#timeline .lane-label')].map(n => n.textContent)")
    check({"drone", "3002", "LLM", "agent"} <= set(lanes) and any(l.startswith("client ") for l in lanes), f"{name}: lanes {lanes}")
    drawn = await page.eval("window.performance.now()")
    print(f"     {name}: {events} events, drawn {drawn / 1000:.1f} s after the page opened")
    marks = await page.eval("document.querySelectorAll('#timeline .mark').length")
    check(marks > 5, f"{name}: {marks} marks in the timeline")
    lines = await page.eval("document.querySelectorAll('#plots polyline').length")
    check(lines == 4, f"{name}: height, yaw, battery and the track are drawn ({lines} lines)")
    if data.get("failure"):
        failure = data["failure"]
        box = await page.eval("(document.getElementById('failure') || {}).textContent || ''")
        check(failure["expected"] in box and failure["received"] in box, f"{name}: the failure box shows expected vs received")
        row = await page.eval("(document.querySelector('#events tr.failed') || {}).textContent || ''")
        check(f"step {failure['step_index'] + 1}" in row, f"{name}: the failed step's row is highlighted ({row[:80]})")
        band = await page.eval("[...document.querySelectorAll('#timeline title')].some(t => t.textContent.startsWith('step ') && t.textContent.includes('failed'))")
        check(band, f"{name}: the failed step is shaded in the timeline")
        shown = await page.eval("document.getElementById('details').textContent")
        check("expected" in shown and failure["received"] in shown, f"{name}: the failed step is selected on load")
    await page.eval("[...document.querySelectorAll('#events tr')].find(r => r.textContent.includes('← agent')).click()")
    detail = await page.eval("document.getElementById('details').textContent")
    check('"kind": "ws_out"' in detail and "event (JSON)" in detail, f"{name}: a click shows the whole message")
    width = await page.eval("document.getElementById('timeline').getAttribute('width')")
    await page.eval("(() => { const z = document.getElementById('zoom'); z.value = 8; z.dispatchEvent(new Event('input')); })()")
    wider = await page.eval("document.getElementById('timeline').getAttribute('width')")
    check(float(wider) > 4 * float(width), f"{name}: zooming widens the timeline ({width} -> {wider})")
    await page.eval("(() => { const z = document.getElementById('zoom'); z.value = 1; z.dispatchEvent(new Event('input')); })()")
    await page.eval("window.scrollTo(0, 0)")
    await page.screenshot(os.path.splitext(path)[0] + ".png")
    new = page.errors[before:]
    check(not new, f"{name}: no page errors" + (f": {new}" if new else ""))


async def main(chromium, folder):
    pages = sorted(glob.glob(os.path.join(folder, "*.html")))
    check(len(pages) >= 5, f"{len(pages)} traces to open")
    page = Browser(chromium, os.path.join(folder, "chromium.log"))
    try:
        await page.open()
        for path in pages:
            try:
                await look(page, path)
            except Exception as error:  # one broken page must not hide the others' results
                check(False, f"{os.path.basename(path)}: {error}")
    finally:
        await page.close()


asyncio.run(main(sys.argv[1], sys.argv[2]))
print(tally.summary("trace pages"))
sys.exit(1 if tally.failed else 0)
