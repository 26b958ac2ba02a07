/// Why a state line could not be read.
public enum TelloStateError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLong(Int)
    /// A `key:value` pair without the colon.
    case malformedField(String)
    case missingField(String)
    case badValue(field: String, text: String)

    public var description: String {
        switch self {
        case .tooLong(let count): return "state line of \(count) bytes is longer than \(TelloState.maxLineLength)"
        case .malformedField(let text): return "state field '\(text)' has no ':'"
        case .missingField(let name): return "state line has no '\(name)' field"
        case let .badValue(field, text): return "state field '\(field)' has a bad value '\(text)'"
        }
    }
}

extension TelloState {
    /// Longest line accepted. A real line is about 160 bytes (SDK 2.0 layout).
    public static let maxLineLength = 512

    /// The line as the drone sends it: `%d` integers, `%.2f` for baro and
    /// accelerations, every field ended by `;`, then `\r\n`.
    /// With `missionPad` set, the SDK 2.0 prefix comes first.
    public var line: String {
        var text = ""
        if let pad = missionPad {
            text += "mid:\(pad.mid);x:\(pad.x);y:\(pad.y);z:\(pad.z);mpry:\(pad.pitch),\(pad.roll),\(pad.yaw);"
        }
        text += "pitch:\(pitch);roll:\(roll);yaw:\(yaw);vgx:\(vgx);vgy:\(vgy);vgz:\(vgz);"
        text += "templ:\(templ);temph:\(temph);tof:\(tof);h:\(h);bat:\(bat);"
        text += "baro:\(FixedPoint.format(baro, decimals: 2));time:\(time);"
        text += "agx:\(FixedPoint.format(agx, decimals: 2));agy:\(FixedPoint.format(agy, decimals: 2));"
        text += "agz:\(FixedPoint.format(agz, decimals: 2));\r\n"
        return text
    }

    /// Parses a state line of either layout. Field order does not matter and
    /// unknown fields are ignored (newer firmware may add some); every SDK 1.3
    /// field is required, and the mission-pad fields come all together or not at all.
    public init(line: String) throws(TelloStateError) {
        guard line.utf8.count <= Self.maxLineLength else { throw .tooLong(line.utf8.count) }
        // On Unicode scalars, like the command parser: the line is ASCII, and a
        // stray combining mark must not merge a separator into a neighbour.
        var fields: [String: String] = [:]
        for part in line.unicodeScalars.split(separator: ";") {
            let pair = String(Substring(part)).trimmingWhitespace()
            if pair.isEmpty { continue }
            guard let colon = pair.unicodeScalars.firstIndex(of: ":") else { throw .malformedField(pair) }
            let scalars = pair.unicodeScalars
            fields[String(Substring(scalars[..<colon]))] = String(Substring(scalars[scalars.index(after: colon)...]))
        }
        let reader = FieldReader(fields: fields)
        self.init(
            missionPad: try reader.missionPad(),
            pitch: try reader.int("pitch"), roll: try reader.int("roll"), yaw: try reader.int("yaw"),
            vgx: try reader.int("vgx"), vgy: try reader.int("vgy"), vgz: try reader.int("vgz"),
            templ: try reader.int("templ"), temph: try reader.int("temph"),
            tof: try reader.int("tof"), h: try reader.int("h"), bat: try reader.int("bat"),
            baro: try reader.double("baro"), time: try reader.int("time"),
            agx: try reader.double("agx"), agy: try reader.double("agy"), agz: try reader.double("agz"))
    }
}

private struct FieldReader {
    let fields: [String: String]

    func text(_ name: String) throws(TelloStateError) -> String {
        guard let value = fields[name] else { throw .missingField(name) }
        return value
    }

    func int(_ name: String) throws(TelloStateError) -> Int {
        let value = try text(name)
        guard let number = Int(value) else { throw .badValue(field: name, text: value) }
        return number
    }

    /// No physical reading (baro in m, acceleration in mg) comes near a billion:
    /// bigger values are garbage, and refusing them keeps formatting exact.
    static let maxMagnitude = 1e9

    func double(_ name: String) throws(TelloStateError) -> Double {
        let value = try text(name)
        guard let number = Double(value), number.isFinite, abs(number) < Self.maxMagnitude else {
            throw .badValue(field: name, text: value)
        }
        return number
    }

    func missionPad() throws(TelloStateError) -> MissionPadState? {
        let names = ["mid", "x", "y", "z", "mpry"]
        guard names.contains(where: { fields[$0] != nil }) else { return nil }
        let mpry = try text("mpry")
        let angles = mpry.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).compactMap { Int(String(Substring($0))) }
        guard angles.count == 3 else { throw .badValue(field: "mpry", text: mpry) }
        return MissionPadState(
            mid: try int("mid"), x: try int("x"), y: try int("y"), z: try int("z"),
            pitch: angles[0], roll: angles[1], yaw: angles[2])
    }
}
