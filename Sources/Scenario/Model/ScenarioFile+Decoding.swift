import JSONValue

extension ScenarioFile {
    /// Decodes the document, collecting errors instead of stopping at the
    /// first: each top-level member, the setup and each step are read on
    /// their own, so one broken step does not hide the next. Returns the
    /// scenario only if there was no error.
    static func decode(_ root: JSONReader, path: String) -> (file: ScenarioFile?, errors: [ScenarioFileError]) {
        var errors: [ScenarioFileError] = []
        func attempt<T>(_ read: () throws -> T) -> T? {
            do {
                return try read()
            } catch let error as ScenarioFileError {
                errors.append(error.inFile(path))
            } catch {
                errors.append(ScenarioFileError(file: path, location: "$", expected: "a readable scenario", found: "\(error)"))
            }
            return nil
        }
        guard attempt({ try root.object() }) != nil else { return (nil, errors) }
        errors += root.unknownMembers(Self.members).map { $0.inFile(path) }
        let name = attempt { try root.required("name").name() }
        let description = attempt { try root.optional("description")?.string() ?? "" }
        let seed = attempt { try root.optional("seed")?.int(in: 0...Int.max) ?? 1 }
        let time = attempt { try root.optional("time").map { TimeMode(rawValue: try $0.choice(TimeMode.allCases.map(\.rawValue)))! } ?? .virtual }
        let setup = attempt { try root.optional("setup").map(ScenarioSetup.init(reading:)) ?? ScenarioSetup() }
        var steps: [ScenarioStep] = []
        if let readers = attempt({ try root.required("steps").array() }) {
            if readers.isEmpty {
                errors.append(ScenarioFileError(file: path, location: "$.steps", expected: "at least one step", found: "[]"))
            }
            for (index, reader) in readers.enumerated() {
                if let step = attempt({ try ScenarioStep(reading: reader, index: index) }) { steps.append(step) }
            }
            errors += connectedOnce(steps).map { $0.inFile(path) }
        }
        guard errors.isEmpty, let name, let description, let seed, let time, let setup else { return (nil, errors) }
        let file = ScenarioFile(
            path: path, name: name, description: description, seed: UInt64(seed), time: time, setup: setup, steps: steps)
        return (file, [])
    }

    /// A client name is connected once: a second `connect` of a name would
    /// silently replace a client whose messages later steps still expect.
    static func connectedOnce(_ steps: [ScenarioStep]) -> [ScenarioFileError] {
        var first: [String: Int] = [:]
        var errors: [ScenarioFileError] = []
        for step in steps {
            guard case .connect(let spec) = step.action else { continue }
            if let earlier = first[spec.client] {
                errors.append(ScenarioFileError(
                    location: "$.steps[\(step.index)].connect",
                    expected: "a client name not connected before (use a new name for a second connection)",
                    found: "\(JSONValue.string(spec.client).text), connected at $.steps[\(earlier)] (step \(earlier + 1))"))
            } else {
                first[spec.client] = step.index
            }
        }
        return errors
    }
}
