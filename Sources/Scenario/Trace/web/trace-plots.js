// The trace page's script: height, yaw and battery over time, and the top-down track.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
// ---- plots: height, yaw, battery, the top-down track ----------------------
document.body.append(el("h2", {}, "Flight"));
const plots = el("div", { id: "plots" });
document.body.append(plots);
function linePlot(title, unit, points) {
  const box = el("div", { class: "plot" }, el("div", { class: "title" }, title, " ", el("small", {}, unit + " · " + series.source)));
  const pts = points.filter((p) => Number.isFinite(p[1]));
  if (!pts.length) { box.append(el("div", { class: "empty" }, "no samples")); return box; }
  const W = 320, H = 170, L = 34, B = 16, T = 6;
  let [lo, hi] = extent(pts.map((p) => p[1]));
  if (hi - lo < 1) { hi += 1; lo -= 1; }
  const sx = (t) => L + (t / tEnd) * (W - L - 4), sy = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none" });
  for (const v of [lo, (lo + hi) / 2, hi]) {
    root.append(svg("line", { x1: L, x2: W - 4, y1: sy(v), y2: sy(v), stroke: "#eceff3" }));
    root.append(svg("text", { x: 2, y: sy(v) + 3 }, hi - lo < 10 ? v.toFixed(1) : Math.round(v)));
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
  const [minX, maxX] = extent(xs.concat(0)), [minY, maxY] = extent(ys.concat(0));
  const span = Math.max(maxX - minX, maxY - minY, 50);
  const scale = Math.min((H - 2 * pad) / span, (W - 2 * pad) / span);
  const cx = (minY + maxY) / 2, cy = (minX + maxX) / 2;
  // screen: up = +x (forward), left = +y
  const px = (p) => W / 2 - (p.y - cx) * scale, py = (p) => H / 2 - (p.x - cy) * scale;
  const root = svg("svg", { viewBox: "0 0 " + W + " " + H });
  root.append(svg("polyline", { points: pts.map((p) => px(p).toFixed(1) + "," + py(p).toFixed(1)).join(" "), fill: "none", stroke: "var(--drone)", "stroke-width": 1.5 }));
  const at = (t) => { let best = pts[0]; for (const p of pts) if (p.t <= t) best = p; return best; };
  const near = (a, b) => Math.abs(px(a) - px(b)) < 4 && Math.abs(py(a) - py(b)) < 4;
  // One dot and one label per place: a flight that comes back, or fails where it ends,
  // names it once ("start, end, failure"), in the colour of the last, most telling, name.
  const places = [];
  const place = (p, color, r, label) => {
    const same = places.find((m) => near(m.p, p));
    if (!same) return places.push({ p: p, color: color, r: r, labels: label ? [label] : [] });
    if (label) same.labels.push(label);
    same.color = color;
    same.r = Math.max(same.r, r);
  };
  place(pts[0], "#1f9d55", 4, "start");
  place(pts[pts.length - 1], "#1d2430", 3, "end");
  if (failedEnd) place(at(failedEnd.t), "var(--error)", 4, "failure");
  const cursorAt = cursorT != null && (!failedEnd || cursorT !== failedEnd.t) ? at(cursorT) : null;
  if (cursorAt && !places.some((m) => near(m.p, cursorAt))) place(cursorAt, "#000", 3, secs(cursorT));
  for (const m of places) {
    root.append(svg("circle", { cx: px(m.p), cy: py(m.p), r: m.r, fill: m.color }));
    if (m.labels.length) root.append(svg("text", { x: px(m.p) + 5, y: py(m.p) - 4 }, m.labels.join(", ")));
  }
  root.append(svg("text", { x: 4, y: H - 4 }, Math.round(span) + " cm across"));
  box.append(root);
  return box;
}
function drawPlots() {
  plots.textContent = "";
  plots.append(linePlot("Height", "cm", series.height), linePlot("Yaw", "°", series.yaw), linePlot("Battery", "%", series.battery), trackPlot());
}
