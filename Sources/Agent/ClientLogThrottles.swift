import Wire

/// One client's lines about messages it sent that were refused or not
/// understood, and about its reads: each kind is said at most once a second,
/// with the count left unsaid since, so a client flooding or polling the agent
/// cannot flood its log (every message is still answered).
struct ClientLogThrottles {
    var reads = LogThrottle(interval: .seconds(1))
    var badMessage = LogThrottle(interval: .seconds(1))
    var tooManyInFlight = LogThrottle(interval: .seconds(1))
    var tooManyQueued = LogThrottle(interval: .seconds(1))
}
