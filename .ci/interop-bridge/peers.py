"""Interop peers for the bridge mocks: clients nobody here wrote, against
our 3002 mock and LLM mock.

- httpx, the HTTP client of the original agent's `_send_analysis_to_3002`,
  sends the seed's exact request and sees each scripted failure as the
  seed's code would (ConnectError, timeout, dropped connection).
- The official openai (OpenAI and AzureOpenAI) and ollama clients parse the
  LLM mock's replies in every format the planner uses.

Usage: peers.py BACKEND_OK BACKEND_HANG BACKEND_CLOSE BACKEND_500 LLM REFUSED_PORT
(each a port on 127.0.0.1). Prints ok/FAIL lines and the final count line.
"""
import json
import sys
from datetime import datetime

import httpx
import ollama
import openai

ok_port, hang_port, close_port, err_port, llm_port, refused_port = sys.argv[1:7]
results = []


def check(name, fn):
    try:
        fn()
        results.append(True)
        print(f"ok   {name}")
    except Exception as e:  # any failure of a peer is a failed check, with its reason
        results.append(False)
        print(f"FAIL {name}: {type(e).__name__}: {e}")


def seed_post(port, timeout=5.0):
    """The seed's request, byte for byte in spirit: json body, 5 s timeout."""
    analysis = {"success": True, "commands": [{"action": "takeoff", "parameters": {}, "description": "起飞"}], "raw_response": "{}"}
    with httpx.Client(timeout=timeout) as client:
        return client.post(
            f"http://127.0.0.1:{port}/api/ai-analysis",
            json={"type": "ai_analysis", "data": analysis, "timestamp": datetime.now().isoformat()},
            headers={"Idempotency-Key": "interop-1"},
        )


def backend_accepts():
    r = seed_post(ok_port)
    assert r.status_code == 200, r.status_code
    assert r.json()["success"] is True, r.text


def backend_500():
    r = seed_post(err_port)
    assert r.status_code == 500, r.status_code


def backend_hang():
    try:
        seed_post(hang_port, timeout=0.5)
    except httpx.TimeoutException:
        return
    raise AssertionError("a hanging backend answered")


def backend_close():
    try:
        seed_post(close_port)
    except (httpx.RemoteProtocolError, httpx.ReadError):
        return
    raise AssertionError("a closing backend answered")


def backend_refused():
    try:
        seed_post(refused_port)
    except httpx.ConnectError:  # the seed's "backend not running" branch
        return
    raise AssertionError("a port nobody listens on answered")


ORDER = "起飞然后降落"


def assert_plan(text):
    plan = json.loads(text)
    actions = [c["action"] for c in plan["commands"]]
    assert actions == ["takeoff", "land"], actions


def openai_chat():
    client = openai.OpenAI(base_url=f"http://127.0.0.1:{llm_port}/v1", api_key="sk-interop", max_retries=0)
    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": ORDER}], temperature=0)
    assert_plan(reply.choices[0].message.content)


def azure_chat():
    client = openai.AzureOpenAI(
        azure_endpoint=f"http://127.0.0.1:{llm_port}", api_key="az-interop", api_version="2024-06-01", max_retries=0
    )
    reply = client.chat.completions.create(model="dep", messages=[{"role": "user", "content": ORDER}])
    assert_plan(reply.choices[0].message.content)


def ollama_chat():
    reply = ollama.Client(host=f"http://127.0.0.1:{llm_port}").chat(model="q", messages=[{"role": "user", "content": ORDER}])
    assert_plan(reply["message"]["content"])


def ollama_generate():
    reply = ollama.Client(host=f"http://127.0.0.1:{llm_port}").generate(model="q", prompt=ORDER)
    assert_plan(reply["response"])


check("httpx: seed request accepted (200, JSON result)", backend_accepts)
check("httpx: scripted 500 seen as 500", backend_500)
check("httpx: hang seen as a timeout", backend_hang)
check("httpx: close without reply seen as a dropped connection", backend_close)
check("httpx: backend down seen as ConnectError", backend_refused)
check("openai: chat completions parsed", openai_chat)
check("openai: Azure deployment chat completions parsed", azure_chat)
check("ollama: /api/chat parsed", ollama_chat)
check("ollama: /api/generate parsed", ollama_generate)

passed = sum(results)
failed = len(results) - passed
print(f"interop-bridge-peers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
