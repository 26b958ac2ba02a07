/// Where a Tello listens and where it sends.
///
/// Tello SDK 2.0 User Guide, "Tello Architecture": commands go to
/// 192.168.10.1 UDP 8889 and the reply comes back to the sender; after
/// `command` the drone sends state lines to the client's UDP 8890 and, after
/// `streamon`, H.264 video to the client's UDP 11111.
public enum TelloPorts {
    /// The drone's address on its own Wi-Fi network (access-point mode).
    public static let droneHost = "192.168.10.1"
    /// The drone's command port; replies go back to the sender's port.
    public static let command: UInt16 = 8889
    /// The client port the state stream is sent to (about 10 Hz).
    public static let state: UInt16 = 8890
    /// The client port the video stream is sent to.
    public static let video: UInt16 = 11111
    /// Largest video datagram a Tello sends: NAL units are cut to fit 1460 bytes.
    public static let maxVideoDatagram = 1460
}
