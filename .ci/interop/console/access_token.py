"""With --token the console asks for it, connects with it, and the token never
reaches the page's address or the agent's log; a wrong token is asked again.
Usage: access_token.py CHROMIUM http://ADDRESS/ TOKEN AGENT_LOG SCREENSHOT_DIR"""
import asyncio, json, os, sys

from cdp import Browser
from tally import Tally

tally = Tally()
check = tally.check



async def main(chromium, url, token, agent_log, shots):
    page = Browser(chromium, os.path.join(shots, "chromium-token.log"))
    try:
        await page.open()
        await page.send("Page.navigate", url=url)
        await page.until("document.getElementById('token-dialog')?.open === true", "the token dialog")
        check(True, "the page asks for the token")
        for attempt, expect_ok in (("wrong", False), (token, True)):
            await page.eval(f"document.getElementById('token').value = {json.dumps(attempt)}")
            await page.eval("document.getElementById('token-form').requestSubmit()")
            if expect_ok:
                await page.until("document.getElementById('link').classList.contains('ok')", "connected with the token")
                check(True, "connected with the right token")
            else:
                await page.until("document.getElementById('token-dialog').open === true && window.consoleState.lastClose !== null",
                                 "the dialog again after a wrong token")
                check(True, "a wrong token is refused and asked again")
        await page.until("window.consoleState.truthUpdates > 0", "the map's ground truth with the token (Bearer)")
        check(True, "the world is read with the token")
        check(token not in await page.eval("location.href"), "the token is not in the page's address")
        check(token not in open(agent_log, encoding="utf-8").read(), "the token is not in the agent's log")
        check(not page.errors or all("401" in e or "WebSocket" in e for e in page.errors),
              f"no page errors but the refused attempt's {page.errors[:3]}")
    finally:
        await page.close()
    print(tally.summary("interop-console (token)"))
    return tally.failed == 0


sys.exit(0 if asyncio.run(main(*sys.argv[1:6])) else 1)
