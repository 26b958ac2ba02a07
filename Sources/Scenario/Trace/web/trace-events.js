// The trace page's script: the event list and the details of the selected event.
// One part of seven: TraceHTML joins trace-base, -model, -header, -timeline, -plots,
// -events and -main, in that order, inside one function, so they share its scope.
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
