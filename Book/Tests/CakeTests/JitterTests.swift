// The random variation of the step times: Go's `d + rand.NormFloat64()*stddev`, from seeded
// streams of its own.
import Cake
import Testing

@Suite("Jitter")
struct JitterTests {
    @Test("a seed and a stream always give the same delays")
    func repeatable() {
        var a = Jitter(seed: 1, stream: 3), b = Jitter(seed: 1, stream: 3)
        let first = (0..<100).map { _ in a.delay(.milliseconds(10), stdDev: .milliseconds(2)) }
        let second = (0..<100).map { _ in b.delay(.milliseconds(10), stdDev: .milliseconds(2)) }
        #expect(first == second)
    }

    @Test("other seeds and other streams give other delays", arguments: [(1, 4), (2, 3)] as [(UInt64, UInt64)])
    func independent(seed: UInt64, stream: UInt64) {
        var a = Jitter(seed: 1, stream: 3), b = Jitter(seed: seed, stream: stream)
        let first = (0..<100).map { _ in a.normal() }
        let other = (0..<100).map { _ in b.normal() }
        #expect(first != other)
    }

    @Test("the variation is standard normal")
    func standardNormal() {
        var jitter = Jitter(seed: 2016, stream: 0)
        let samples = (0..<200_000).map { _ in jitter.normal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
        // About 68% within one standard deviation, 95% within two.
        let withinOne = Double(samples.filter { abs($0) < 1 }.count) / Double(samples.count)
        let withinTwo = Double(samples.filter { abs($0) < 2 }.count) / Double(samples.count)
        #expect(abs(withinOne - 0.6827) < 0.005)
        #expect(abs(withinTwo - 0.9545) < 0.005)
    }

    @Test("no variation means exactly the step's time")
    func noVariation() {
        var jitter = Jitter(seed: 5, stream: 0)
        for _ in 0..<10 {
            #expect(jitter.delay(.milliseconds(10), stdDev: .zero) == .milliseconds(10))
        }
    }
}
