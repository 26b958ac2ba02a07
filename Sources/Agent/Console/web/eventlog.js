// The event log: every message sent and received, newest last, at most 500
// lines, filtered by kind and by text.
const $ = (id) => document.getElementById(id);

export function log(kind, type, text, outgoing = false) {
  const item = document.createElement("li");
  item.dataset.kind = kind;
  item.className = `${outgoing ? "out" : ""} ${kind === "error" ? "error" : ""} ${kind === "link" ? "link" : ""}`;
  item.textContent = `${new Date().toLocaleTimeString()} ${outgoing ? "→" : "←"} ${type} ${text.length > 600 ? text.slice(0, 600) + "…" : text}`;
  const list = $("log");
  list.append(item);
  while (list.children.length > 500) list.firstChild.remove();
  applyFilter(item);
  list.scrollTop = list.scrollHeight;
}

export function filterLog() {
  for (const item of $("log").children) applyFilter(item);
}

function applyFilter(item) {
  const kinds = new Set([...document.querySelectorAll("#log-filters input[type=checkbox]:checked")].map((box) => box.value));
  const text = $("log-text").value.toLowerCase();
  item.hidden = !kinds.has(item.dataset.kind) || (text !== "" && !item.textContent.toLowerCase().includes(text));
}
