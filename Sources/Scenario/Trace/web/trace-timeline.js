// The trace page's script: the timeline: lanes, fault periods, the failed step, every event as a mark.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
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
