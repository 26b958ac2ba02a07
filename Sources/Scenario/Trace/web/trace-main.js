// The trace page's script: the transcript, and wiring the controls.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
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
