/// The console's files, served at `/` and `/console/NAME`. They live in
/// `web/` beside this file and SwiftPM compiles them into the executable
/// (`embedInCode` in Package.swift), so the agent serves them with nothing
/// installed beside it and no step between editing a file and building.
enum ConsoleFiles {
    struct File: Sendable {
        let type: String
        let bytes: [UInt8]
    }

    private static let script = "text/javascript; charset=utf-8"

    static let all: [String: File] = [
        "index.html": File(type: "text/html; charset=utf-8", bytes: PackageResources.index_html),
        "console.css": File(type: "text/css; charset=utf-8", bytes: PackageResources.console_css),
        "app.js": File(type: script, bytes: PackageResources.app_js),
        "charts.js": File(type: script, bytes: PackageResources.charts_js),
        "eventlog.js": File(type: script, bytes: PackageResources.eventlog_js),
        "i18n.js": File(type: script, bytes: PackageResources.i18n_js),
        "map.js": File(type: script, bytes: PackageResources.map_js),
        "plan.js": File(type: script, bytes: PackageResources.plan_js),
        "video.js": File(type: script, bytes: PackageResources.video_js),
    ]
}
