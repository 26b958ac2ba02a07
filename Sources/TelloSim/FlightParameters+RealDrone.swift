/// The real drone's behaviour, quirks included: what `tello-sim` (and the agent's
/// embedded simulator) does unless told `--exact`. Every number says where it
/// comes from; docs/tello-sim.md has the same table for readers.
extension FlightParameters {
    /// The clean drone: telemetry without offset or noise, motions at the `speed` setting,
    /// every command answered as the SDK guide says. What tests want.
    public static func exact(_ model: TelloModel) -> FlightParameters {
        var parameters = FlightParameters()
        parameters.model = model
        parameters.sdkVersion = model.sdkVersion
        return parameters
    }

    /// The drone as flown: `model`'s answers plus every measured quirk.
    public static func realDrone(_ model: TelloModel) -> FlightParameters {
        var parameters = exact(model)
        // Takeoff's `ok` comes 3.9-5.9 s after the command: figures reported from real flights
        // in oh-tello's acceptance runs (docs/UAT.md, part B); djitellopy allows 20 s.
        parameters.takeoffDurationRange = 3.9...5.9
        // A real `land` from hover height takes about 1.7 s to the motors' stop (same reports):
        // 1 m at 100 cm/s plus 0.7 s of spin-down.
        parameters.landingSpeed = 100
        parameters.motorSpinDown = .seconds(0.7)
        // `forward 100` took about 3.6 s with `speed?` answering 100: the drone ramps up over
        // about 0.6 s to about 70 cm/s and hovers a moment before its `ok` (oh-tello UAT B6;
        // the 10 Hz velocity log in DJITelloPy #96 shows speed building up over several lines).
        parameters.cruiseFraction = 0.7
        parameters.speedRamp = .seconds(0.6)
        parameters.settleBeforeReply = .seconds(1.5)
        // Commands sent while a motion runs are answered `error Not joystick` (DJITelloPy #201's
        // log; DieterHolz/TelloSimulator BERICHT.adoc, measured on a Tello EDU; MathWorks' Tello
        // support package ignores that reply to commands sent before the previous one ended).
        parameters.busyReply = .notJoystick
        // Reads too: only `rc`, `stop` and `emergency` work at any time (BERICHT.adoc, "Weitere
        // Eigenschaften der Tello-API": commands are not queued; one arriving before the previous
        // has finished is answered "error Not joystick", except rc, stop and emergency).
        parameters.readsAnsweredDuringMotion = false
        // A curve whose radius is outside 0.5-10 m: "error Radius is too large!" (same report).
        parameters.curveRadiusReply = .error("Radius is too large!")
        // `land` during a move lands at once; the move is answered `error Auto land` (oh-tello UAT B7).
        parameters.landInterruptsMotion = true
        // `stop` during a move: the move is answered `forced stop` (tello-asyncio #13, fixed in 2.1.3
        // by accepting `forced stop` where `ok` was expected).
        parameters.forcedStopReply = true
        // `emergency` is never answered (DJITelloPy #125 on a Tello 01.04.92.01; dji-sdk/Tello-Python
        // #85 on a Tello EDU: DJI's support "this is known issue"; BERICHT.adoc: "keine Antwort").
        parameters.answersEmergency = false
        // Read replies end in CR LF on real drones (`76\r\n`, `100.0\r\n`, `24s\r\n` in BERICHT.adoc's command
        // tables, measured on a Tello EDU; djitellopy strips them with `rstrip("\r\n")`, oh-tello's parser
        // trims "trailing \r\n and NUL padding").
        parameters.readReplySuffix = "\r\n"
        // `h` reads low by an offset fixed for the flight, 10-58 cm seen, and 0 near the floor
        // (oh-tello UAT B2 asks "roughly 80-120 cm"; logged state lines in DJITelloPy issues).
        parameters.heightOffsetRange = 10...58
        // At rest a real drone's attitude wanders by a degree and its accelerometer by a few mg.
        parameters.attitudeNoise = 1
        parameters.accelerationNoise = 8
        // Near the floor the drone will not go below about 28 cm and never answers the `down`
        // that asked it to (real-flight reports; the SDK guide gives no floor at all).
        parameters.minimumHeight = 28
        parameters.answersRefusedDescent = false
        // `rc` with a stick outside -100...100 is answered `out of range` (BERICHT.adoc's set-command
        // table: rc sends no `ok`, its only answer is "out of range").
        parameters.answersBadSticks = true
        // After about 4 minutes on the ground with motors off the drone overheats and switches
        // itself off (dji-sdk/Tello-Python #30); `motoron` (SDK 3.0) cools it.
        parameters.thermalShutdownAfter = .seconds(4 * 60)
        return parameters
    }
}
