extension Shop {
    /// The six shops that the original's `cake_test.go` benchmarks, named after its benchmark
    /// functions. Each is `Shop()` (the baseline) with a few parameters changed; the book's
    /// timings for one run are in each case's description.
    public enum Benchmark: String, CaseIterable, Sendable {
        /// One cook per stage, exactly 10 ms a step, no buffers: 224 ms a run in the book.
        case baseline = "Benchmark"
        /// The baseline with 10 slots in each channel: no faster, 224 ms in the book.
        case buffers = "BenchmarkBuffers"
        /// Every step varies by a quarter of its time: the stages wait for one another more
        /// often, 259 ms in the book.
        case variable = "BenchmarkVariable"
        /// The variable shop with 10 slots in each channel: the buffers absorb most of the
        /// waiting, 244 ms in the book.
        case variableBuffers = "BenchmarkVariableBuffers"
        /// Icing takes 50 ms: the slowest stage sets the pace, 1.032 s in the book.
        case slowIcing = "BenchmarkSlowIcing"
        /// Slow icing shared among five icers: back near the baseline, 288 ms in the book.
        case slowIcingManyIcers = "BenchmarkSlowIcingManyIcers"

        /// The shop this benchmark runs.
        public var shop: Shop {
            var shop = Shop()
            switch self {
            case .baseline:
                break
            case .buffers:
                shop.bakeBuf = 10
                shop.iceBuf = 10
            case .variable, .variableBuffers:
                shop.bakeStdDev = shop.bakeTime / 4
                shop.iceStdDev = shop.iceTime / 4
                shop.inscribeStdDev = shop.inscribeTime / 4
                if self == .variableBuffers {
                    shop.bakeBuf = 10
                    shop.iceBuf = 10
                }
            case .slowIcing, .slowIcingManyIcers:
                shop.iceTime = .milliseconds(50)
                if self == .slowIcingManyIcers { shop.numIcers = 5 }
            }
            return shop
        }
    }

    /// The same shop with every time and standard deviation multiplied by `factor`: tests run
    /// the benchmarks' shapes at a fraction of their length.
    package func scaled(by factor: Double) -> Shop {
        var shop = self
        shop.bakeTime = bakeTime * factor
        shop.bakeStdDev = bakeStdDev * factor
        shop.iceTime = iceTime * factor
        shop.iceStdDev = iceStdDev * factor
        shop.inscribeTime = inscribeTime * factor
        shop.inscribeStdDev = inscribeStdDev * factor
        return shop
    }
}
