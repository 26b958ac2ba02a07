// The trace page's script: what is drawn: the failure, fault periods, telemetry, the track.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
// ---- the failure --------------------------------------------------------
const failedEnd = events.find((e) => e.kind === "step_end" && !e.ok);
const failedStart = failedEnd ? events.find((e) => e.kind === "step" && e.index === failedEnd.index) : undefined;
const tEnd = Math.max(0.001, extent(events.map((e) => e.t))[1]);

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
