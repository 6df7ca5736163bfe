#if canImport(Glibc)
import func Glibc.log
#elseif canImport(Musl)
import func Musl.log
#elseif canImport(Darwin)
import func Darwin.log
#endif

/// How long one step of work takes: `time` plus normally distributed noise of standard
/// deviation `stdDev`, drawn from a generator of its own.
///
/// The original draws from Go's process-wide `math/rand` source, seeded at random, which every
/// goroutine shares. Here each goroutine of a run gets its own stream, split from one seed:
/// no lock is taken per step, and a seeded shop draws the same delays for the same cook every
/// time, whatever the scheduling. Go: `d + time.Duration(rand.NormFloat64()*float64(stddev))`.
package struct Jitter: Sendable {
    private var generator: SplitMix64
    private var spare: Double?  // the polar method makes normals in pairs: the unused one

    /// A stream for one cook: the same `seed` and `stream` always give the same delays.
    package init(seed: UInt64, stream: UInt64) {
        // Mixing the stream number through one SplitMix64 step keeps neighbouring streams
        // (icer 1, icer 2) from starting on correlated states.
        var mixer = SplitMix64(state: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        generator = SplitMix64(state: mixer.next())
    }

    /// The duration of the next step. Negative results are possible when `stdDev` is large
    /// compared with `time`; the caller then does not wait at all, as Go's `time.Sleep` does.
    package mutating func delay(_ time: Duration, stdDev: Duration) -> Duration {
        // Go draws and multiplies by zero; skipping the draw gives the same delay.
        guard stdDev != .zero else { return time }
        return time + stdDev * normal()
    }

    /// A standard normal variate (mean 0, standard deviation 1), by Marsaglia's polar method.
    /// Go: `rand.NormFloat64()`, which uses a ziggurat instead; the distribution is the same.
    package mutating func normal() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        while true {
            let u = uniform() * 2 - 1
            let v = uniform() * 2 - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let scale = (-2 * log(s) / s).squareRoot()
            spare = v * scale
            return u * scale
        }
    }

    /// A uniform double in [0, 1) with 53 random bits.
    private mutating func uniform() -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }
}

/// Steele, Lea and Flood's SplitMix64: a tiny, fast, seedable generator whose every seed gives
/// a full-period stream. Enough for simulated kitchen noise; not for anything secret.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(state: UInt64) { self.state = state }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
