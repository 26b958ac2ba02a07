// The trace page's script: the title and the failure box.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
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
