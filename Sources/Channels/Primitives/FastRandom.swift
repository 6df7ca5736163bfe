import Synchronization

/// A cheap pseudo-random source for select's case order (Go's `cheaprand`). The system
/// generator makes a system call per number, far too slow for every select; fairness needs
/// uniformity, not secrecy. This is wyrand over one shared, atomically advanced state.
@usableFromInline
enum FastRandom {
    @usableFromInline
    static let state = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    @inlinable
    static func next() -> UInt64 {
        let seed = state.wrappingAdd(0xa076_1d64_78bd_642f, ordering: .relaxed).newValue
        let product = seed.multipliedFullWidth(by: seed ^ 0xe703_7ed1_a0b4_28db)
        return product.high ^ product.low
    }

    /// A number in `0..<bound`, by Lemire's multiply-shift (bias below 2^-32 for small bounds).
    @inlinable
    static func next(below bound: Int) -> Int {
        Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }
}
