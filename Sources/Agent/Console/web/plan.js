// The order's plan as it runs: one line per step from `command_executing`
// (running, done, failed), closed by `ai_commands_executed` or the response.
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

export function planStep(step) {
  if (!step) return;
  window.consoleState.planSteps++;
  window.consoleState.lastStep = step.index;
  const list = $("plan");
  if (step.index === 1) { list.replaceChildren(); $("plan-result").textContent = ""; }
  while (list.children.length < step.total) list.append(document.createElement("li"));
  [...list.children].forEach((item, index) => {
    if (index < step.index - 1 && item.className === "running") item.className = "done";
  });
  const item = list.children[step.index - 1];
  item.textContent = `${step.description ?? step.action}`;
  item.className = "running";
}

export function planEnd(result) {
  window.consoleState.planDone = result;
  const items = [...$("plan").children];
  items.forEach((item, index) => {
    if (index < result.executed_commands) item.className = "done";
    else if (item.className === "running") item.className = "failed";
  });
  $("plan-result").textContent = result.success ? t("planDone", result.executed_commands, result.total_commands) : t("planFailed");
}

export function planResponse(message) {
  const commands = message.ai_analysis?.commands ?? [];
  const list = $("plan");
  if (!list.children.length && commands.length) {
    for (const command of commands) {
      const item = document.createElement("li");
      item.textContent = command.description ?? command.action;
      list.append(item);
    }
  }
  const results = message.execution_results ?? [];
  results.forEach((result, index) => { if (list.children[index]) list.children[index].className = result.success ? "done" : "failed"; });
  $("plan-result").textContent = message.success ? message.message ?? "" : message.error ?? "";
}

// The preflight's verdict on an order (docs/agent.md, "Preflight"): the line under
// the plan, and the predicted path for the map (null when no preflight ran).
export function preflightResult(message) {
  const report = message.preflight;
  const line = $("preflight");
  if (!report) { line.textContent = ""; return null; }
  window.consoleState.preflight = report;
  const first = report.violations?.[0];
  line.textContent = report.ok
    ? t("preflightOk", Math.round(report.predicted?.duration_s ?? 0), Math.round(report.predicted?.battery_end ?? 0))
    : t("preflightRefused", (first?.step ?? 0) + 1, first?.rule ?? "", first?.detail ?? "");
  line.className = report.ok ? "muted" : "refused";
  return report.predicted?.path ?? null;
}
