// The console's words in Chinese and English; the agent's --language picks the first one shown.
const words = {
  zh: {
    title: "Tello 控制台", offline: "未连接", online: "已连接", connecting: "连接中…", droneUnknown: "无人机 ?",
    droneOn: "无人机已连接", droneOff: "无人机未连接", flying: "飞行中", landed: "未起飞", emergency: "紧急停止",
    order: "自然语言指令", orderPlaceholder: "例如：起飞，向前飞50厘米，然后降落", send: "发送",
    controls: "手动控制", connect: "连接", disconnect: "断开", takeoff: "起飞", land: "降落", battery: "电量",
    status: "状态", distance: "距离 cm", forward: "前进", back: "后退", left: "向左", right: "向右", up: "上升",
    down: "下降", degrees: "角度 °", ccw: "逆时针", cw: "顺时针", seconds: "秒", hover: "悬停",
    shortcuts: "快捷键：T 起飞 · L 降落 · W/S 前后 · A/D 左右 · R/F 升降 · Q/E 旋转 · H 悬停 · Shift+E 紧急停止",
    telemetry: "遥测", map: "地图", video: "视频", videoStart: "开启视频", videoStop: "关闭视频",
    log: "事件日志", fStatus: "状态", fRequest: "请求", fResponse: "响应", fPlan: "计划", fError: "错误", fLink: "连接",
    filter: "筛选…", ai: "AI 设置", aiCurrent: "当前", model: "模型", endpoint: "服务地址", deployment: "部署名",
    apiKey: "API 密钥（只写）", save: "保存", tokenAsk: "此代理需要访问令牌：",
    truth: "模拟器真实位置", estimate: "估算位置（航位推算）", planDone: "完成 {0}/{1} 步", planFailed: "失败",
    dryRun: "仅预览（不飞行）", fly: "执行", cancel: "取消",
    preflightOk: "预检通过：约 {0} 秒，结束时电量 {1}%", preflightRefused: "预检未通过：第 {0} 步 {1}：{2}",
    badDistance: "距离必须是 20 到 500 之间的整数", badDegrees: "角度必须是 1 到 360 之间的整数",
    badSeconds: "秒数必须在 0 到 60 之间", fps: "帧率", dropped: "丢帧", latency: "延迟",
    noWebCodecs: "此浏览器不支持 WebCodecs 视频解码", closed: "连接关闭 {0} {1}",
    r_battery: "电量 %", r_height: "高度 cm", r_tof: "TOF cm", r_yaw: "偏航 °", r_pitch: "俯仰 °", r_roll: "横滚 °",
    r_speed: "速度 x/y/z", r_temperature: "温度 °C", r_barometer: "气压计", r_wifi_signal: "WiFi", r_flight_time: "飞行时间 s",
    r_position: "位置 x/y/z",
  },
  en: {
    title: "Tello Console", offline: "offline", online: "online", connecting: "connecting…", droneUnknown: "drone ?",
    droneOn: "drone connected", droneOff: "drone not connected", flying: "flying", landed: "on the ground", emergency: "EMERGENCY",
    order: "Natural-language order", orderPlaceholder: "e.g. take off, fly forward 50 cm, then land", send: "Send",
    controls: "Manual controls", connect: "Connect", disconnect: "Disconnect", takeoff: "Take off", land: "Land",
    battery: "Battery", status: "Status", distance: "Distance cm", forward: "Forward", back: "Back", left: "Left",
    right: "Right", up: "Up", down: "Down", degrees: "Degrees", ccw: "Counter-clockwise", cw: "Clockwise",
    seconds: "Seconds", hover: "Hover",
    shortcuts: "Keys: T take off · L land · W/S forward/back · A/D left/right · R/F up/down · Q/E rotate · H hover · Shift+E emergency",
    telemetry: "Telemetry", map: "Map", video: "Video", videoStart: "Start video", videoStop: "Stop video",
    log: "Event log", fStatus: "status", fRequest: "requests", fResponse: "responses", fPlan: "plan", fError: "errors",
    fLink: "connection", filter: "filter…", ai: "AI settings", aiCurrent: "Current", model: "model", endpoint: "endpoint",
    deployment: "deployment", apiKey: "API key (write-only)", save: "Save", tokenAsk: "This agent needs an access token:",
    truth: "simulator ground truth", estimate: "estimate (dead reckoning)", planDone: "done {0}/{1} steps", planFailed: "failed",
    dryRun: "preview only (no flight)", fly: "Fly", cancel: "Cancel",
    preflightOk: "preflight passed: about {0} s, battery {1}% at the end", preflightRefused: "preflight refused: step {0} {1}: {2}",
    badDistance: "Distance must be a whole number from 20 to 500", badDegrees: "Degrees must be a whole number from 1 to 360",
    badSeconds: "Seconds must be from 0 to 60", fps: "fps", dropped: "dropped", latency: "latency",
    noWebCodecs: "This browser cannot decode video (no WebCodecs)", closed: "connection closed {0} {1}",
    r_battery: "battery %", r_height: "height cm", r_tof: "tof cm", r_yaw: "yaw °", r_pitch: "pitch °", r_roll: "roll °",
    r_speed: "speed x/y/z", r_temperature: "temperature °C", r_barometer: "barometer", r_wifi_signal: "wifi", r_flight_time: "flight time s",
    r_position: "position x/y/z",
  },
};

let current = "zh";

export function setLanguage(language) {
  current = words[language] ? language : "zh";
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-placeholder]")) element.placeholder = t(element.dataset.i18nPlaceholder);
  document.title = t("title");
  return current;
}

export function language() { return current; }

// The word for `key`, with {0}, {1}... replaced by `values`.
export function t(key, ...values) {
  const text = words[current][key] ?? words.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, index) => String(values[Number(index)] ?? ""));
}
