// A tello trace: draws the JSON blob in #trace-data. Plain JavaScript, no
// library, nothing loaded: the page works opened from the file system.
"use strict";
(function () {
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

  // ---- the failure --------------------------------------------------------
  const failedEnd = events.find((e) => e.kind === "step_end" && !e.ok);
  const failedStart = failedEnd ? events.find((e) => e.kind === "step" && e.index === failedEnd.index) : undefined;
  const tEnd = Math.max(0.001, ...events.map((e) => e.t));

  // ---- fault periods (Jepsen-style shading) -------------------------------
  function faultPeriods() {
    const periods = [];
    const open = {};
    const close = (key, t, e) => { if (open[key]) { open[key].end = t; open[key].to = e; periods.push(open[key]); delete open[key]; } };
    for (const e of events) {
      if (e.kind === "fault" && e.fault) {
        const f = e.fault, kind = f.kind;
        if (kind === "clear") { for (const k of Object.keys(open)) close(k, e.t, e); continue; }
        if (kind === "link_up") { close("link_down", e.t, e); continue; }
        if (kind === "battery" || kind === "motor_stop") { periods.push({ start: e.t, end: e.t, from: e, label: kind + (f.percent != null ? " " + f.percent + "%" : ""), instant: true }); continue; }
        const key = kind === "forced_reply" ? kind + ":" + f.command : kind;
        close(key, e.t, e);
        if (kind === "loss" && !(f.rate > 0)) continue;
        const detail = Object.entries(f).filter(([k]) => k !== "kind").map(([k, v]) => k + "=" + v).join(" ");
        open[key] = { start: e.t, from: e, label: kind.replace("_", " ") + (detail ? " " + detail : "") };
      } else if (e.kind === "backend_state") {
        if (e.up) close("3002 down", e.t, e); else open["3002 down"] = open["3002 down"] || { start: e.t, from: e, label: "3002 down", backend: true };
      }
    }
    for (const k of Object.keys(open)) { open[k].end = tEnd; open[k].open = true; periods.push(open[k]); }
    return periods.sort((a, b) => a.start - b.start);
  }
  const periods = faultPeriods();

  // ---- telemetry: ground truth when the run has it, else the state lines ---
  const truth = events.filter((e) => e.kind === "truth");
  const states = events.filter((e) => e.kind === "drone_state").map((e) => ({ t: e.t, f: stateFields(e.text) }));
  const series = truth.length
    ? { source: "ground truth", height: truth.map((e) => [e.t, e.z]), yaw: truth.map((e) => [e.t, e.yaw]), battery: truth.map((e) => [e.t, e.battery]) }
    : { source: "state lines", height: states.map((s) => [s.t, s.f.h]), yaw: states.map((s) => [s.t, s.f.yaw]), battery: states.map((s) => [s.t, s.f.bat]) };
  function track() {
    if (truth.length) return { source: "ground truth", points: truth.map((e) => ({ t: e.t, x: e.x, y: e.y })) };
    // A recording has no ground truth: dead reckoning from the moves the drone acknowledged.
    const points = [{ t: 0, x: 0, y: 0 }];
    let x = 0, y = 0, yaw = 0, pending = null;
    const rad = (d) => (d * Math.PI) / 180;
    for (const e of events) {
      if (e.kind === "drone_out") pending = (e.text || "").trim().split(/\s+/);
      else if (e.kind === "drone_in" && pending && (e.text || "").trim() === "ok") {
        const [verb, a, b] = pending, n = Number(a), m = Number(b);
        const step = (fwd, left) => { x += fwd * Math.cos(rad(yaw)) - left * Math.sin(rad(-yaw)); y += fwd * Math.sin(rad(-yaw)) + left * Math.cos(rad(yaw)); };
        if (verb === "forward") step(n, 0); else if (verb === "back") step(-n, 0);
        else if (verb === "left") step(0, n); else if (verb === "right") step(0, -n);
        else if (verb === "cw") yaw += n; else if (verb === "ccw") yaw -= n;
        else if (verb === "go" || verb === "curve") step(n, m);
        else { pending = null; continue; }
        points.push({ t: e.t, x: x, y: y });
        pending = null;
      }
    }
    return { source: "estimate from acknowledged moves", points: points.length > 1 ? points : [] };
  }
  const path = track();

  // ---- page skeleton -------------------------------------------------------
  const about = data.about || {};
  const passed = data.source === "record" ? null : !data.failure;
  const badge = passed === null ? el("span", { class: "badge rec" }, "recording") : el("span", { class: "badge " + (passed ? "pass" : "fail") }, passed ? "PASS" : "FAIL");
  const meta = el("div", { class: "meta" });
  const metaItems = data.source === "record"
    ? ["started " + (about.started || "?"), "drone " + (about.drone || "?"), events.length + " events", "length " + secs(tEnd)]
    : [about.path, "run " + about.run, (about.time || "virtual") + " time " + secs(about.scenario_time || tEnd), events.length + " events"];
  for (const item of metaItems) if (item) meta.append(el("span", {}, item));
  document.body.append(el("header", {}, el("h1", {}, data.title || about.name || "trace"), badge, meta));
  if (about.description) document.body.append(el("div", { class: "meta" }, about.description));

  let select = () => {};
  if (data.failure) {
    const f = data.failure;
    const head = el("div", { class: "head", title: "show this step in the timeline and the event list" },
      f.step_index != null ? "Step " + (f.step_index + 1) + " failed (run " + f.run + "): " + f.step : "Failed (run " + f.run + "): " + f.step);
    head.addEventListener("click", () => { if (failedEnd) select(failedEnd); });
    document.body.append(el("section", { id: "failure" }, head,
      f.note ? el("div", { class: "note" }, "note: " + f.note) : null,
      el("div", { class: "cols" },
        el("div", {}, el("b", {}, "expected"), el("pre", {}, f.expected)),
        el("div", {}, el("b", {}, "received"), el("pre", {}, f.received)))));
  }

  // ---- timeline --------------------------------------------------------------
  document.body.append(el("h2", {}, "Timeline"));
  const hidden = new Set();
  const controls = el("div", { class: "controls" });
  const zoom = el("input", { type: "range", min: "1", max: "40", value: "1", step: "1", id: "zoom" });
  controls.append(el("label", {}, "zoom ", zoom));
  const axis = el("select", { id: "axis" }, el("option", { value: "order" }, "event order"), el("option", { value: "time" }, "time"));
  // Virtual time stands still while the system works: many events share an instant.
  axis.value = data.source === "scenario" && (data.about || {}).time !== "real" ? "order" : "time";
  controls.append(el("label", { title: "event order spreads out what happened at one instant" }, "x axis ", axis));
  const showState = el("input", { type: "checkbox", id: "show-state" });
  controls.append(el("label", {}, showState, " state lines, video"));
  const showDebug = el("input", { type: "checkbox", id: "show-info", checked: "" });
  controls.append(el("label", {}, showDebug, " log lines"));
  for (const lane of lanes) {
    const box = el("input", { type: "checkbox", checked: "" });
    box.addEventListener("change", () => { if (box.checked) hidden.delete(lane); else hidden.add(lane); redraw(); });
    controls.append(el("label", {}, box, " " + lane));
  }
  document.body.append(controls);
  const wrap = el("div", { id: "timeline-wrap" });
  document.body.append(wrap);
  const legend = el("div", { class: "lanes-legend" });
  for (const [name, color] of [["client → agent", "var(--in)"], ["agent → client", "var(--out)"], ["close / refusal", "var(--close)"],
    ["command to drone", "var(--drone)"], ["drone reply", "var(--reply)"], ["3002", "var(--backend)"], ["LLM", "var(--llm)"],
    ["error, loss, failure", "var(--error)"], ["fault period", "var(--fault-edge)"]]) {
    legend.append(el("span", {}, el("span", { class: "swatch", style: "background:" + color }), name));
  }
  document.body.append(legend);

  // The simulator logs each datagram too; the drone lane already shows them from its tap.
  const echoed = (e) => e.kind === "log" && /sim/.test(e.component) && (e.message === "command received" || e.message === "reply sent");
  const visible = (e) => !echoed(e) && !hidden.has(e.lane) && (showState.checked || (e.kind !== "drone_state" && e.kind !== "truth" && e.kind !== "video"))
    && (showDebug.checked || e.kind !== "log");
  let selected = null;
  let cursorT = failedEnd ? failedEnd.t : null;

  function drawTimeline() {
    wrap.textContent = "";
    const shown = lanes.filter((l) => !hidden.has(l));
    // "order": one slot per event shown, so what happened at one instant (virtual time
    // stands still while the system works) spreads out; "time": x is scenario time.
    const byOrder = axis.value === "order";
    const slots = events.filter((e) => visible(e) && !hidden.has(e.lane) && e.kind !== "truth" && e.kind !== "drone_state" && e.kind !== "video");
    const slotOf = new Map(slots.map((e, k) => [e, k]));
    const labelW = 90, laneH = 26, top = 30;
    const width = Math.max(wrap.clientWidth - 4, 600, byOrder ? labelW + 16 + slots.length * 7 : 0) * Number(zoom.value);
    const plotW = width - labelW - 16;
    const xk = (k) => labelW + ((k + 0.5) / Math.max(1, slots.length)) * plotW;
    const xt = (t) => {
      if (!byOrder) return labelW + (t / tEnd) * plotW;
      let lo = 0, hi = slots.length;  // the first slot at or after t
      while (lo < hi) { const mid = (lo + hi) >> 1; if (slots[mid].t < t) lo = mid + 1; else hi = mid; }
      return lo >= slots.length ? labelW + plotW : xk(lo) - (lo > 0 && slots[lo].t > t ? 3 : 0);
    };
    const xe = (e) => (byOrder && slotOf.has(e) ? xk(slotOf.get(e)) : xt(e.t));
    const height = top + shown.length * laneH + 8;
    const root = svg("svg", { id: "timeline", width: width, height: height, role: "img", "aria-label": "timeline of the run" });
    shown.forEach((lane, row) => {
      const y = top + row * laneH;
      root.append(svg("rect", { x: 0, y: y, width: width, height: laneH, fill: row % 2 ? "#fafbfc" : "#ffffff" }));
      root.append(svg("text", { x: 6, y: y + 17, class: "lane-label" }, lane));
    });
    // the axis: seconds, or in order mode the time of every ~90 px's event
    if (byOrder) {
      const every = Math.max(1, Math.ceil(slots.length / (plotW / 90)));
      for (let k = 0; k < slots.length; k += every) {
        root.append(svg("line", { x1: xk(k), x2: xk(k), y1: top - 4, y2: height, stroke: "#e6e9ee" }));
        root.append(svg("text", { x: xk(k) + 2, y: 12 }, secs(slots[k].t)));
      }
    } else {
      const stepSec = niceStep(tEnd / (plotW / 90));
      for (let t = 0; t <= tEnd + 1e-9; t += stepSec) {
        root.append(svg("line", { x1: xt(t), x2: xt(t), y1: top - 4, y2: height, stroke: "#e6e9ee" }));
        root.append(svg("text", { x: xt(t) + 2, y: 12 }, secs(t)));
      }
    }
    // fault periods across every lane, labelled at the top
    periods.forEach((p) => {
      const x1 = p.from ? xe(p.from) : xt(p.start), x2 = p.to ? xe(p.to) : p.open ? labelW + plotW : xt(p.end);
      if (p.instant) {
        root.append(svg("line", { x1: x1, x2: x1, y1: top, y2: height, stroke: "var(--fault-edge)", "stroke-dasharray": "3 2" }));
      } else {
        root.append(svg("rect", { x: x1, y: top, width: Math.max(2, x2 - x1), height: height - top,
          fill: p.backend ? "var(--down)" : "var(--fault)", stroke: "var(--fault-edge)", "stroke-width": 0.6 }));
      }
      root.append(svg("text", { x: x1 + 3, y: 24, class: "fault-label" }, p.label + (p.open ? " →" : "")));
    });
    // the failed step
    if (failedEnd) {
      const x1 = xe(failedStart || failedEnd), x2 = xe(failedEnd);
      const band = svg("rect", { x: x1, y: top, width: Math.max(3, x2 - x1), height: height - top, fill: "var(--fail)" });
      band.append(svg("title", {}, "step " + (failedEnd.index + 1) + " failed\nexpected: " + (failedEnd.expected || "") + "\nreceived: " + (failedEnd.received || "")));
      root.append(band);
    }
    // steps as spans in the scenario lane
    const row = (lane) => shown.indexOf(lane);
    if (row("scenario") >= 0) {
      const y = top + row("scenario") * laneH;
      // Alternating shades tell neighbouring steps apart; a step wide enough is numbered.
      events.filter((e) => e.kind === "step").forEach((s, n) => {
        const end = events.find((e) => e.kind === "step_end" && e.index === s.index);
        const x1 = xe(s), x2 = end ? xe(end) : x1;
        const r = svg("rect", { x: x1 - 2, y: y + 5 + (n % 2) * 3, width: Math.max(4, x2 - x1 + 4), height: laneH - 13, rx: 2,
          fill: end && !end.ok ? "var(--error)" : n % 2 ? "#9aa7b8" : "#c3ccd8", class: "mark" });
        r.append(svg("title", {}, secs(s.t) + "–" + secs(end ? end.t : s.t) + "  " + summary(s)));
        r.addEventListener("click", () => select(end && !end.ok ? end : s));
        root.append(r);
        if (x2 - x1 > 24) root.append(svg("text", { x: x1 + 3, y: y + 16, "pointer-events": "none", fill: "#1d2430" }, String(s.index + 1)));
      });
    }
    // every other event as a mark in its lane
    for (const e of events) {
      if (e.kind === "step" || e.kind === "step_end" || !visible(e)) continue;
      const r = row(e.lane);
      if (r < 0) continue;
      const y = top + r * laneH;
      const dy = e.kind === "ws_out" || e.kind === "drone_in" || e.kind.endsWith("_reply") ? 4 : -4;
      const mark = e.kind === "truth" || e.kind === "drone_state" || e.kind === "video"
        ? svg("rect", { x: xe(e) - 0.5, y: y + laneH - 6, width: 1, height: 4, fill: "#b9a7e0" })
        : svg("rect", { x: xe(e) - 2.5, y: y + laneH / 2 - 5 + dy, width: 5, height: 10, rx: 1, fill: colorOf(e), class: "mark" + (selected === e ? " selected" : "") });
      mark.append(svg("title", {}, secs(e.t) + "  " + summary(e)));
      mark.addEventListener("click", () => select(e));
      root.append(mark);
    }
    const cursorX = selected ? xe(selected) : cursorT != null ? xt(cursorT) : null;
    if (cursorX != null) root.append(svg("line", { x1: cursorX, x2: cursorX, y1: top - 4, y2: height, stroke: "#000", "stroke-width": 1, "stroke-dasharray": "2 2" }));
    wrap.append(root);
    if (cursorX != null && width > wrap.clientWidth) wrap.scrollLeft = Math.max(0, cursorX - wrap.clientWidth / 2);
  }
  function niceStep(raw) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
    for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  // ---- plots: height, yaw, battery, the top-down track ----------------------
  document.body.append(el("h2", {}, "Flight"));
  const plots = el("div", { id: "plots" });
  document.body.append(plots);
  function linePlot(title, unit, points) {
    const box = el("div", { class: "plot" }, el("div", { class: "title" }, title, " ", el("small", {}, unit + " · " + series.source)));
    const pts = points.filter((p) => Number.isFinite(p[1]));
    if (!pts.length) { box.append(el("div", { class: "empty" }, "no samples")); return box; }
    const W = 320, H = 170, L = 34, B = 16, T = 6;
    let lo = Math.min(...pts.map((p) => p[1])), hi = Math.max(...pts.map((p) => p[1]));
    if (hi - lo < 1) { hi += 1; lo -= 1; }
    const sx = (t) => L + (t / tEnd) * (W - L - 4), sy = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none" });
    for (const v of [lo, (lo + hi) / 2, hi]) {
      root.append(svg("line", { x1: L, x2: W - 4, y1: sy(v), y2: sy(v), stroke: "#eceff3" }));
      root.append(svg("text", { x: 2, y: sy(v) + 3 }, Math.round(v)));
    }
    root.append(svg("text", { x: L, y: H - 3 }, "0s"));
    root.append(svg("text", { x: W - 40, y: H - 3 }, secs(tEnd)));
    for (const p of periods) if (!p.instant) root.append(svg("rect", { x: sx(p.start), y: T, width: Math.max(1, sx(p.end) - sx(p.start)), height: H - T - B, fill: "var(--fault)" }));
    root.append(svg("polyline", { points: pts.map((p) => sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1)).join(" "), fill: "none", stroke: "var(--drone)", "stroke-width": 1.5, "vector-effect": "non-scaling-stroke" }));
    if (failedEnd) root.append(svg("line", { x1: sx(failedEnd.t), x2: sx(failedEnd.t), y1: T, y2: H - B, stroke: "var(--error)", "stroke-width": 1.5 }));
    if (cursorT != null) root.append(svg("line", { x1: sx(cursorT), x2: sx(cursorT), y1: T, y2: H - B, stroke: "#000", "stroke-dasharray": "2 2" }));
    box.append(root);
    return box;
  }
  function trackPlot() {
    const box = el("div", { class: "plot" }, el("div", { class: "title" }, "Top-down track ", el("small", {}, "cm, x forward (up), y left · " + path.source)));
    const pts = path.points;
    if (!pts.length) { box.append(el("div", { class: "empty" }, "no position samples")); return box; }
    const W = 320, H = 170, pad = 14;
    const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
    let minX = Math.min(0, ...xs), maxX = Math.max(0, ...xs), minY = Math.min(0, ...ys), maxY = Math.max(0, ...ys);
    const span = Math.max(maxX - minX, maxY - minY, 50);
    const scale = Math.min((H - 2 * pad) / span, (W - 2 * pad) / span);
    const cx = (minY + maxY) / 2, cy = (minX + maxX) / 2;
    // screen: up = +x (forward), left = +y
    const px = (p) => W / 2 - (p.y - cx) * scale, py = (p) => H / 2 - (p.x - cy) * scale;
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H });
    root.append(svg("polyline", { points: pts.map((p) => px(p).toFixed(1) + "," + py(p).toFixed(1)).join(" "), fill: "none", stroke: "var(--drone)", "stroke-width": 1.5 }));
    const dot = (p, color, r, label) => {
      root.append(svg("circle", { cx: px(p), cy: py(p), r: r, fill: color }));
      if (label) root.append(svg("text", { x: px(p) + 5, y: py(p) - 4 }, label));
    };
    const at = (t) => { let best = pts[0]; for (const p of pts) if (p.t <= t) best = p; return best; };
    const near = (a, b) => Math.abs(px(a) - px(b)) < 4 && Math.abs(py(a) - py(b)) < 4;
    const first = pts[0], last = pts[pts.length - 1], failedAt = failedEnd ? at(failedEnd.t) : null;
    // One label per place: a flight that comes back names its start and end together.
    dot(first, "#1f9d55", 4, near(first, last) ? "start, end" : "start");
    if (!near(first, last)) dot(last, "#1d2430", 3, failedAt && near(failedAt, last) ? "" : "end");
    if (failedAt) dot(failedAt, "var(--error)", 4, near(failedAt, last) && !near(first, last) ? "end, failure" : "failure");
    if (cursorT != null && cursorT > 0 && (!failedEnd || cursorT !== failedEnd.t)) dot(at(cursorT), "#000", 3, secs(cursorT));
    root.append(svg("text", { x: 4, y: H - 4 }, Math.round(span) + " cm across"));
    box.append(root);
    return box;
  }
  function drawPlots() {
    plots.textContent = "";
    plots.append(linePlot("Height", "cm", series.height), linePlot("Yaw", "°", series.yaw), linePlot("Battery", "%", series.battery), trackPlot());
  }

  // ---- event list and details ---------------------------------------------
  document.body.append(el("h2", {}, "Events"));
  const filterBox = el("input", { type: "search", placeholder: "filter: text, kind or lane", id: "filter" });
  const listControls = el("div", { class: "controls" }, filterBox, el("span", { id: "count" }));
  document.body.append(listControls);
  const table = el("table", { id: "events" });
  const details = el("div", { id: "details" }, el("div", { class: "empty" }, "Click an event (here or in the timeline) to see all of it."));
  document.body.append(el("div", { id: "below" }, el("div", { id: "events-wrap" }, table), details));
  const rows = new Map();
  let listed = [];
  function drawList() {
    table.textContent = "";
    rows.clear();
    const needle = filterBox.value.trim().toLowerCase();
    listed = events.filter((e) => visible(e) && (!needle || (summary(e) + " " + e.kind + " " + e.lane).toLowerCase().includes(needle)));
    const limit = 5000;
    for (const e of listed.slice(0, limit)) {
      const tr = el("tr", { class: (e === failedEnd ? "failed" : "") + (e.level === "warning" ? " warn" : e.level === "error" ? " err" : "") + (e === selected ? " sel" : "") },
        el("td", { class: "t mono" }, secs(e.t)),
        el("td", { class: "lane" }, el("span", { class: "swatch", style: "background:" + colorOf(e) }), e.lane),
        el("td", { class: "sum mono" }, summary(e)));
      tr.addEventListener("click", () => select(e, true));
      rows.set(e, tr);
      table.append(tr);
    }
    document.getElementById("count").textContent = listed.length + " of " + events.length + " events" + (listed.length > limit ? " (first " + limit + " listed)" : "");
  }
  function showDetails(e) {
    details.textContent = "";
    const at = listed.indexOf(e);
    const nav = el("span", { class: "nav" },
      el("button", { onclick: () => at > 0 && select(listed[at - 1], false) }, "◀"), " ",
      el("button", { onclick: () => at >= 0 && at < listed.length - 1 && select(listed[at + 1], false) }, "▶"));
    details.append(nav, el("h3", {}, secs(e.t) + " · " + e.lane + " · " + e.kind));
    details.append(el("div", { class: "mono" }, summary(e)));
    if (e === failedEnd && data.failure) {
      details.append(el("div", { class: "sub" }, "expected"), el("pre", {}, data.failure.expected));
      details.append(el("div", { class: "sub" }, "received"), el("pre", {}, data.failure.received));
    }
    for (const key of ["text", "body"]) {
      const inner = typeof e[key] === "string" ? parseJSON(e[key]) : undefined;
      if (inner !== undefined) details.append(el("div", { class: "sub" }, key + " (parsed)"), el("pre", {}, JSON.stringify(inner, null, 2)));
    }
    const raw = Object.assign({}, e);
    delete raw.i; delete raw.lane;
    details.append(el("div", { class: "sub" }, "event (JSON)"), el("pre", {}, JSON.stringify(raw, null, 2)));
  }
  select = (e, fromList) => {
    selected = e;
    cursorT = e.t;
    if (!visible(e)) { if (e.kind === "log") showDebug.checked = true; else showState.checked = true; hidden.delete(e.lane); drawList(); }
    for (const [ev, tr] of rows) tr.classList.toggle("sel", ev === e);
    const tr = rows.get(e);
    // Scrolls the list only, never the page: the reader keeps their place.
    if (tr && !fromList) tr.parentNode.parentNode.parentNode.scrollTop = tr.offsetTop - 200;
    showDetails(e);
    drawTimeline();
    drawPlots();
  };

  // ---- transcript ------------------------------------------------------------
  if (data.transcript) {
    document.body.append(el("h2", {}, "Transcript"), el("details", { id: "transcript-box" }, el("summary", {}, "the run's transcript (what --repeat compares)"), el("pre", {}, data.transcript)));
  }

  function redraw() { drawTimeline(); drawPlots(); drawList(); }
  zoom.addEventListener("input", drawTimeline);
  axis.addEventListener("change", drawTimeline);
  showState.addEventListener("change", redraw);
  showDebug.addEventListener("change", redraw);
  filterBox.addEventListener("input", drawList);
  window.addEventListener("resize", drawTimeline);
  redraw();
  if (failedEnd) select(failedEnd, false);
  window.scrollTo(0, 0);
  document.body.setAttribute("data-ready", "true");
})();
