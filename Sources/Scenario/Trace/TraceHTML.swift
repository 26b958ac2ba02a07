import JSONValue

/// One self-contained HTML page per trace: the page's CSS and script are
/// compiled into the program (`embedInCode`, Sources/Scenario/Trace/web) and
/// written inline, the data is a JSON blob in the page, and nothing is loaded
/// from anywhere, so the file opens from the file system, offline, years later.
public enum TraceHTML {
    /// The blob's element: `<script type="application/json" id="trace-data">`.
    static let blobOpening = #"<script type="application/json" id="trace-data">"#

    /// The page's script, in parts (Sources/Scenario/Trace/web/trace-*.js) that share one scope.
    static let script = [
        PackageResources.trace_base_js, PackageResources.trace_model_js, PackageResources.trace_header_js, PackageResources.trace_timeline_js,
        PackageResources.trace_plots_js, PackageResources.trace_events_js, PackageResources.trace_main_js,
    ].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")

    public static func page(_ document: TraceDocument) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(document.title)) · tello trace</title>
        <style>
        \(String(decoding: PackageResources.trace_css, as: UTF8.self))
        </style>
        </head>
        <body>
        <noscript>This trace draws itself with JavaScript; its data is in the page source (the trace-data script element).</noscript>
        \(blobOpening)\(blob(document))</script>
        <script>
        "use strict";
        (function () {
        \(script)
        })();
        </script>
        </body>
        </html>

        """
    }

    /// The document's JSON, safe inside a script element: `<` is written
    /// `\u003c`, so no text in any message (`</script>`, `<!--`) can end or
    /// change the element, and `JSON.parse` reads it back unchanged.
    static func blob(_ document: TraceDocument) -> String {
        document.json.text.replacingOccurrences(of: "<", with: #"\u003c"#)
    }

    /// The document embedded in a page `page` wrote; nil if there is none.
    public static func document(inPage html: String) -> TraceDocument? {
        guard let opening = html.range(of: blobOpening), let closing = html.range(of: "</script>", range: opening.upperBound..<html.endIndex),
            let json = try? JSONValue(parsing: String(html[opening.upperBound..<closing.lowerBound]))
        else { return nil }
        return TraceDocument(json: json)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
