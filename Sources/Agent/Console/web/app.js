// The console: one WebSocket to the agent that served this page, speaking
// the agent's JSON protocol (docs/protocol.md); video arrives as binary messages.
import { setLanguage, language, t } from "./i18n.js";
import { RollingChart } from "./charts.js";
import { FlightMap } from "./map.js";
import { VideoView } from "./video.js";
import { log, filterLog } from "./eventlog.js";
import { planStep, planEnd, planResponse, preflightResult } from "./plan.js";

const $ = (id) => document.getElementById(id);
const state = { socket: null, settings: {}, token: sessionStorage.getItem("tello-token") ?? "", nextId: 1, world: null, plan: [] };
const charts = {};
const flightMap = new FlightMap($("top"), $("side"));
let pendingPlan = null;
const video = new VideoView($("video"), showVideoStats);
window.consoleState = { messages: 0, statuses: 0, planSteps: 0, planDone: null, truthUpdates: 0, lastClose: null };

async function start() {
  try {
    state.settings = await (await fetch("/console/settings.json")).json();
  } catch {
    state.settings = { language: "zh", token_required: false, simulator: false };
  }
  setLanguage(localStorage.getItem("tello-language") ?? state.settings.language);
  $("lang").textContent = language() === "zh" ? "EN" : "中文";
  buildReadouts();
  wireControls();
  if (!video.supported) $("video-stats").textContent = t("noWebCodecs");
  if (state.settings.token_required && !state.token) askToken(); else connect();
  if (state.settings.simulator) pollWorld();
}

function askToken() {
  $("token-dialog").showModal();
}

function connect() {
  const url = new URL("/", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  // The token goes in the WebSocket URL only: the agent never logs queries, and the page's own URL stays clean.
  if (state.token) url.searchParams.set("token", state.token);
  setLink("connecting", "warn");
  const socket = new WebSocket(url);
  socket.binaryType = "arraybuffer";
  state.socket = socket;
  let opened = false;
  socket.onopen = () => {
    opened = true;
    setLink("online", "ok");
    log("link", "open", "");
    send({ type: "get_status" });
    send({ type: "get_ai_settings" });
  };
  socket.onmessage = (event) => {
    if (typeof event.data === "string") receive(event.data); else video.receive(event.data);
  };
  socket.onclose = (event) => {
    window.consoleState.lastClose = { code: event.code, reason: event.reason };
    log("link", "close", t("closed", event.code, event.reason));
    setLink("offline", "bad");
    video.reset();
    if (state.socket !== socket) return;
    // Never opened with a token required: the token was wrong; ask again.
    if (!opened && state.settings.token_required) { state.token = ""; askToken(); return; }
    setTimeout(connect, 2000);
  };
}

function send(message) {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN) return false;
  message.id = `c${state.nextId++}`;
  state.socket.send(JSON.stringify(message));
  log("request", message.type, JSON.stringify(message.data ?? {}), true);
  return true;
}

function receive(text) {
  let message;
  try { message = JSON.parse(text); } catch { log("error", "?", text); return; }
  window.consoleState.messages++;
  const type = message.type ?? "?";
  if (type === "drone_status") { showStatus(message.data); window.consoleState.statuses++; log("status", type, text); return; }
  if (type === "command_executing") { planStep(message.data); log("plan", type, text); return; }
  if (type === "ai_commands_executed") { planEnd(message.data); log("plan", type, text); return; }
  if (type === "error" || message.success === false) log("error", type, text); else log("response", type, text);
  if (type === "get_status_response" && message.status) showStatus(message.status);
  if (type === "connect_drone_response" && message.success) setDrone(true);
  if (type === "disconnect_drone_response") setDrone(false);
  if (type === "natural_language_command_response") {
    planResponse(message);
    const path = preflightResult(message);
    if (path) flightMap.setPredicted(path);
    // --confirm-plans: the plan waits for Fly (or expires); Cancel lets it expire.
    pendingPlan = message.success && message.plan_id ? message.plan_id : null;
    $("plan-confirm").hidden = !pendingPlan;
  }
  if (type === "get_ai_settings_response" && message.settings) showAI(message.settings);
  if (type === "update_ai_settings_response" && message.success) showAI(message);
}

// --- state and telemetry

const readouts = ["battery", "height", "tof", "yaw", "pitch", "roll", "speed", "temperature", "barometer", "wifi_signal", "flight_time", "position"];

function buildReadouts() {
  const list = $("readouts");
  for (const key of readouts) {
    const row = document.createElement("div");
    row.innerHTML = `<dt data-i18n="r_${key}"></dt><dd id="r-${key}">-</dd>`;
    list.append(row);
  }
  const colours = { battery: "#2e9d5b", height: "#3d8bfd", tof: "#9b59b6", yaw: "#d68910", speed: "#1abc9c", temperature: "#e74c3c" };
  for (const [key, colour] of Object.entries(colours)) charts[key] = new RollingChart($("charts"), key, colour);
  setLanguage(language());
}

function showStatus(status) {
  if (!status) return;
  setDrone(status.connected);
  $("flying").textContent = status.flying ? t("flying") : t("landed");
  $("flying").className = `pill ${status.flying ? "warn" : ""}`;
  for (const key of readouts) {
    const value = status[key];
    const shown = value && typeof value === "object" ? `${value.x ?? "-"}/${value.y ?? "-"}/${value.z ?? "-"}` : value ?? "-";
    $(`r-${key}`).textContent = shown;
  }
  charts.battery.push(status.battery);
  charts.height.push(status.height);
  charts.tof.push(status.tof);
  charts.yaw.push(status.yaw);
  charts.temperature.push(status.temperature);
  if (status.speed) charts.speed.push(Math.hypot(status.speed.x ?? 0, status.speed.y ?? 0, status.speed.z ?? 0));
  if (!state.world && status.position) {
    $("map-source").textContent = t("estimate");
    // The agent's estimate counts y to the right; the map's frame (the simulator's) counts it to the left.
    flightMap.move({ x: status.position.x ?? 0, y: -(status.position.y ?? 0), z: status.height ?? 0 }, status.yaw);
  }
}

function setDrone(connected) {
  $("drone").textContent = connected ? t("droneOn") : t("droneOff");
  $("drone").className = `pill ${connected ? "ok" : "bad"}`;
}

function setLink(key, kind) {
  $("link").dataset.i18n = key;
  $("link").textContent = t(key);
  $("link").className = `pill ${kind}`;
}

// Ground truth, when flying the embedded simulator: the room once, the position five times a second.
async function pollWorld() {
  for (;;) {
    try {
      // The token may be typed in after this started: read it each time.
      const headers = state.token ? { Authorization: `Bearer ${state.token}` } : {};
      const answer = await fetch("/console/world.json", { headers, cache: "no-store" });
      if (answer.ok) {
        const { world, truth } = await answer.json();
        if (!state.world) { state.world = world; flightMap.setWorld(world); }
        $("map-source").textContent = t("truth");
        flightMap.move({ x: truth.x, y: truth.y, z: truth.z }, truth.yaw);
        window.consoleState.truthUpdates++;
        window.consoleState.truthMaxX = Math.max(window.consoleState.truthMaxX ?? truth.x, truth.x);
      } else if (answer.status === 404) {
        return;
      }
    } catch { /* the agent is restarting: try again */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// --- controls

function number(id, low, high, whole, error) {
  const input = $(id);
  const value = Number(input.value);
  const ok = input.value !== "" && Number.isFinite(value) && value >= low && value <= high && (!whole || Number.isInteger(value));
  $("input-error").textContent = ok ? "" : t(error);
  return ok ? value : null;
}

function act(action, parameters = {}) {
  send({ type: "drone_command", data: { action, parameters } });
}

const moves = { w: "move_forward", s: "move_back", a: "move_left", d: "move_right", r: "move_up", f: "move_down" };

function move(action) {
  const distance = number("distance", 20, 500, true, "badDistance");
  if (distance !== null) act(action, { distance });
}

function turn(action) {
  const degrees = number("degrees", 1, 360, true, "badDegrees");
  if (degrees !== null) act(action, { degrees });
}

function hover() {
  const seconds = number("seconds", 0, 60, false, "badSeconds");
  if (seconds !== null) act("hover", { seconds });
}

function emergency() {
  send({ type: "emergency", data: {} });
}

function wireControls() {
  $("emergency").onclick = emergency;
  for (const button of document.querySelectorAll("[data-req]")) button.onclick = () => send({ type: button.dataset.req, data: {} });
  for (const button of document.querySelectorAll("[data-act]")) button.onclick = () => act(button.dataset.act);
  for (const button of document.querySelectorAll("[data-move]")) button.onclick = () => move(button.dataset.move);
  for (const button of document.querySelectorAll("[data-turn]")) button.onclick = () => turn(button.dataset.turn);
  $("hover").onclick = hover;
  $("order-form").onsubmit = (event) => {
    event.preventDefault();
    const command = $("order").value.trim();
    if (!command) return;
    $("plan").replaceChildren();
    $("plan-result").textContent = "";
    const data = { command };
    if ($("dry-run").checked) data.dry_run = true;
    send({ type: "natural_language_command", data });
  };
  $("plan-fly").onclick = () => {
    if (pendingPlan) send({ type: "confirm_plan", data: { plan_id: pendingPlan } });
    pendingPlan = null;
    $("plan-confirm").hidden = true;
  };
  $("plan-cancel").onclick = () => { pendingPlan = null; $("plan-confirm").hidden = true; };
  $("video-start").onclick = () => { video.reset(); send({ type: "start_video", data: {} }); };
  $("video-stop").onclick = () => send({ type: "stop_video", data: {} });
  $("lang").onclick = () => {
    const next = language() === "zh" ? "en" : "zh";
    localStorage.setItem("tello-language", next);
    setLanguage(next);
    $("lang").textContent = next === "zh" ? "EN" : "中文";
  };
  $("ai-form").onsubmit = (event) => {
    event.preventDefault();
    const data = { provider: $("ai-provider").value };
    for (const [id, field] of [["ai-model", "model"], ["ai-url", "base_url"], ["ai-deployment", "deployment"], ["ai-key", "api_key"]]) {
      if ($(id).value) data[field] = $(id).value;
    }
    // Write-only: the key leaves the page once and is never shown or logged here.
    $("ai-key").value = "";
    if (!state.socket || state.socket.readyState !== WebSocket.OPEN) return;
    const message = { type: "update_ai_settings", data, id: `c${state.nextId++}` };
    state.socket.send(JSON.stringify(message));
    log("request", message.type, JSON.stringify({ ...data, api_key: data.api_key ? "***" : undefined }), true);
  };
  $("token-form").onsubmit = () => {
    state.token = $("token").value;
    $("token").value = "";
    sessionStorage.setItem("tello-token", state.token);
    connect();
  };
  for (const box of document.querySelectorAll("#log-filters input")) box.oninput = filterLog;
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea, dialog") || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (event.shiftKey && key === "e") { emergency(); event.preventDefault(); return; }
    if (event.shiftKey) return;
    if (key === "t") act("takeoff");
    else if (key === "l") act("land");
    else if (moves[key]) move(moves[key]);
    else if (key === "q") turn("rotate_counter_clockwise");
    else if (key === "e") turn("rotate_clockwise");
    else if (key === "h") hover();
    else return;
    event.preventDefault();
  });
}

function showAI(settings) {
  $("ai-current").textContent = `${settings.ai_provider ?? "?"} / ${settings.model ?? "?"}`;
}

function showVideoStats(stats) {
  const latency = stats.latencyMs === null ? "-" : `${Math.round(stats.latencyMs)} ms`;
  $("video-stats").textContent = `${t("fps")} ${stats.fps} · ${t("dropped")} ${stats.dropped} · ${t("latency")} ${latency}`;
}

start();
