// The trace page's script: the data, small helpers, lanes, what each event says.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
const data = JSON.parse(document.getElementById("trace-data").textContent);
const events = data.events.map((e, i) => Object.assign({ i: i }, e));
const SVGNS = "http://www.w3.org/2000/svg";

// ---- small helpers -------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c instanceof Node ? c : String(c));
  return node;
}
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}
const secs = (t) => (t >= 100 ? t.toFixed(1) : t.toFixed(3)) + "s";
function parseJSON(text) {
  if (typeof text !== "string") return undefined;
  const s = text.trim();
  if (!(s.startsWith("{") || s.startsWith("["))) return undefined;
  try { return JSON.parse(s); } catch (_) { return undefined; }
}
// Smallest and largest of many numbers: spreading a long recording's samples into
// Math.min(...) overflows the call stack (the engine limits a call's arguments).
function extent(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}
const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const stateFields = (line) => {
  const out = {};
  for (const part of String(line).split(";")) {
    const at = part.indexOf(":");
    if (at > 0) out[part.slice(0, at).trim()] = Number(part.slice(at + 1));
  }
  return out;
};

// ---- lanes ---------------------------------------------------------------
const clients = [];
for (const e of events) if (e.client != null && !clients.includes(String(e.client))) clients.push(String(e.client));
function laneOf(e) {
  const k = e.kind;
  if (k.startsWith("ws_")) return e.client != null ? "client " + e.client : "agent";
  // The simulator's and the mocks' own log lines sit with what they describe.
  if (k === "log") return /sim/.test(e.component) ? "drone" : /3002-mock/.test(e.component) ? "3002" : /llm-mock/.test(e.component) ? "LLM" : "agent";
  if (k.startsWith("drone_") || k === "truth" || k === "video") return "drone";

  if (k.startsWith("backend_")) return "3002";
  if (k.startsWith("llm_")) return "LLM";
  return "scenario";
}
const lanes = ["scenario", ...clients.map((c) => "client " + c), "agent", "drone", "3002", "LLM"];
for (const e of events) e.lane = laneOf(e);

// ---- what each event says in one line -----------------------------------
function wsText(e) {
  if (e.binary != null) return "binary " + e.binary + " bytes";
  if (e.raw != null) return "raw bytes " + e.raw;
  const json = parseJSON(e.text);
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const rest = Object.assign({}, json);
    delete rest.type;
    return (json.type ? json.type + " " : "") + short(JSON.stringify(rest), 140);
  }
  return short(JSON.stringify(e.text == null ? "" : e.text), 140);
}
function summary(e) {
  switch (e.kind) {
    case "step": return "step " + (e.index + 1) + ": " + e.text;
    case "step_end": return "step " + (e.index + 1) + (e.ok ? " held" : " FAILED: expected " + short(e.expected || "", 120));
    case "fault": return "fault " + JSON.stringify(e.fault) + (e.setup ? " (setup)" : "");
    case "advance": return "advance " + e.duration;
    case "note": return "note: " + e.text;
    case "ws_open": return "open " + (e.path || "/") + (e.origin ? " origin=" + e.origin : "") + (e.address ? " from " + e.address : "");
    case "ws_refused": return "refused " + e.status + (e.reason ? " " + e.reason : "");
    case "ws_in": return "→ agent  " + wsText(e);
    case "ws_out": return "← agent  " + wsText(e) + (e.ignored ? "  (not in transcript)" : "");
    case "ws_close": return "close " + (e.code == null ? "without status" : e.code) + (e.reason ? " " + JSON.stringify(e.reason) : "") + " by " + (e.initiator || "?");
    case "drone_out": return "→ drone  " + (e.text || "").trim() + (e.outcome && /lost|dropped|forced/.test(e.outcome) ? "  [" + e.outcome + "]" : "");
    case "drone_in": return "← drone  " + (e.binary ? "binary " + short(e.hex || "", 40) : (e.text || "").trim());
    case "drone_state": return "state " + short((e.text || "").trim(), 120);
    case "truth": return "ground truth x=" + e.x + " y=" + e.y + " z=" + e.z + " yaw=" + e.yaw + " battery=" + e.battery;
    case "video": return "video " + e.bytes + " bytes" + (e.keyframe ? " key frame" : "");
    case "backend_post": return "→ 3002  " + (e.method || "POST") + " " + (e.url || "") + " #" + e.id;
    case "backend_reply": return "← 3002  #" + e.id + " " + (e.error ? e.error : e.status);
    case "backend_state": return "3002 mock " + (e.up ? "up" : "down") + (e.setup ? " (setup)" : "");
    case "llm_request": return "→ LLM  " + (e.provider || "") + " " + (e.url || "") + " #" + e.id;
    case "llm_reply": return "← LLM  #" + e.id + " " + (e.error ? e.error : e.status + " " + short(typeof e.body === "string" ? e.body : JSON.stringify(e.body || ""), 100));
    case "log": return e.level + " " + e.component + ": " + e.message + Object.entries(e.fields || {}).map(([k, v]) => " " + k + "=" + (/[\s"]/.test(v) ? JSON.stringify(v) : v)).join("");
    default: return e.kind;
  }
}
function colorOf(e) {
  switch (e.kind) {
    case "ws_in": return "var(--in)";
    case "ws_out": return e.ignored ? "#9fd3b4" : "var(--out)";
    case "ws_open": return "#4a5a70";
    case "ws_close": case "ws_refused": return "var(--close)";
    case "drone_out": return e.outcome && /lost|dropped|forced/.test(e.outcome) ? "var(--error)" : "var(--drone)";
    case "drone_in": return /^(error|out of range|forced)/.test((e.text || "").trim()) ? "var(--error)" : "var(--reply)";
    case "backend_post": case "backend_reply": return e.error || (e.status >= 400) ? "var(--error)" : "var(--backend)";
    case "backend_state": return "var(--backend)";
    case "llm_request": case "llm_reply": return e.error || (e.status >= 400) ? "var(--error)" : "var(--llm)";
    case "log": return e.level === "error" ? "var(--error)" : e.level === "warning" ? "var(--warn)" : "var(--log)";
    case "step": return "#8a96a6";
    case "step_end": return e.ok ? "#1f9d55" : "var(--error)";
    case "fault": return "var(--error)";
    default: return "#8a96a6";
  }
}
