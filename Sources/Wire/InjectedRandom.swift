/// A random source chosen by whoever builds a connection (the system's, or a
/// seeded one), behind one concrete type: generic encoders take it `inout`
/// without opening an existential at each call.
struct InjectedRandom: RandomNumberGenerator, Sendable {
    var source: any RandomNumberGenerator & Sendable

    init(_ source: any RandomNumberGenerator & Sendable) { self.source = source }

    mutating func next() -> UInt64 { source.next() }
}
