// The sweep and its SVG chart: well-formed XML, one line per number of icers, one point per
// buffer size, carrying the measured times.
import Cake
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

extension XMLElement {
    /// The value of the attribute `name`. (FoundationXML's `attribute(forName:)` finds nothing
    /// on Linux for an element in a default namespace, as every SVG element is.)
    func value(of name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }
}

/// The parts of a chart a reader needs: its series and their points.
struct ParsedChart {
    let root: XMLElement
    let series: [(icers: Int, points: [(buffer: Int, ms: Double)])]

    init(_ svg: String) throws {
        let document = try XMLDocument(xmlString: svg, options: [])
        root = try #require(document.rootElement())
        series = try root.nodes(forXPath: "//*[local-name()='g'][@class='series']").map { node in
            let group = try #require(node as? XMLElement)
            let icers = try #require(Int(group.value(of: "data-icers") ?? ""))
            let points = try group.nodes(forXPath: "*[local-name()='circle']").map { node in
                let circle = try #require(node as? XMLElement)
                return (buffer: try #require(Int(circle.value(of: "data-buffer") ?? "")),
                        ms: try #require(Double(circle.value(of: "data-ms") ?? "")))
            }
            return (icers, points)
        }
    }

    func texts(_ className: String) throws -> [String] {
        try root.nodes(forXPath: "//*[local-name()='text'][@class='\(className)']").compactMap(\.stringValue)
    }
}

@Suite("Sweep chart", .timeLimit(.minutes(2)))
struct ChartTests {
    private let sweep = Sweep(shop: Shop(cakes: 20, iceTime: .milliseconds(50)), bufferSizes: [0, 1, 2, 5, 10], icerCounts: [1, 2, 3])

    /// Made-up times: 1000 ms for one icer, less with more, a little less with bigger buffers.
    private var points: [Sweep.Point] {
        sweep.icerCounts.flatMap { icers in
            sweep.bufferSizes.map { size in
                Sweep.Point(bufferSize: size, icers: icers, timePerRun: .milliseconds(1000 / icers - size))
            }
        }
    }

    @Test("the chart is SVG with a line per number of icers and a point per buffer size")
    func wellFormed() throws {
        let chart = try ParsedChart(sweep.chart(points))

        #expect(chart.root.name == "svg")
        #expect(chart.root.uri == "http://www.w3.org/2000/svg")
        #expect(chart.series.map(\.icers) == [1, 2, 3])
        for (icers, measured) in chart.series {
            #expect(measured.map(\.buffer) == [0, 1, 2, 5, 10])
            #expect(measured.map(\.ms) == [0, 1, 2, 5, 10].map { Double(1000 / icers - $0) })
        }
        #expect(try chart.texts("x-label") == ["buffer slots (bakeBuf = iceBuf)"])
        #expect(try chart.texts("y-label") == ["time per run (ms)"])
        #expect(try chart.texts("legend") == ["1 icer", "2 icers", "3 icers"])
        #expect(try chart.texts("subtitle") == ["20 cakes a run; bake 10ms, ice 50ms, inscribe 10ms; 1 run a point"])
    }

    @Test("every point lies inside the plot, higher for longer times")
    func pointsInsidePlot() throws {
        let document = try XMLDocument(xmlString: sweep.chart(points), options: [])
        let circles = try document.nodes(forXPath: "//*[local-name()='circle']").compactMap { $0 as? XMLElement }
        #expect(circles.count == 15)
        let positions = circles.map { circle in
            (x: Double(circle.value(of: "cx") ?? "") ?? -1, y: Double(circle.value(of: "cy") ?? "") ?? -1,
             ms: Double(circle.value(of: "data-ms") ?? "") ?? -1)
        }
        for point in positions {
            #expect((80...580).contains(point.x) && (70...390).contains(point.y))
        }
        // SVG's y grows downwards: the longest time is the highest point.
        #expect(positions.max { $0.ms < $1.ms }!.y == positions.map(\.y).min())
    }

    @Test("odd sweeps still make a well-formed chart", arguments: [0, 1])
    func oddSweeps(_ count: Int) throws {
        let oneOrNone = Sweep(shop: Shop(cakes: 0), bufferSizes: Array(0..<count), icerCounts: [1])
        let points = (0..<count).map { Sweep.Point(bufferSize: $0, icers: 1, timePerRun: .zero) }
        let chart = try ParsedChart(oneOrNone.chart(points))
        #expect(chart.series.map(\.points.count) == [count])
    }

    @Test("a real sweep runs every point with its own buffers and icers")
    func runsEveryPoint() async throws {
        let shop = Shop(cakes: 4, bakeTime: .microseconds(100), iceTime: .microseconds(300), inscribeTime: .microseconds(100))
        let small = Sweep(shop: shop, bufferSizes: [0, 3], icerCounts: [1, 3], runs: 2)
        #expect(small.totalCakes == 2 * 2 * 2 * 4)   // buffer sizes, icer counts, runs, cakes
        let measured = Shared<[Sweep.Point]>([])

        let points = try await small.run { point in measured.withLock { $0.append(point) } }

        #expect(points == measured.value)
        #expect(points.map { [$0.icers, $0.bufferSize] } == [[1, 0], [1, 3], [3, 0], [3, 3]])
        // A run of four cakes ices them one after another with one icer: at least 1.2 ms.
        #expect(points.filter { $0.icers == 1 }.allSatisfy { $0.timePerRun >= .microseconds(1200) })
        let point = small.shop(bufferSize: 3, icers: 3)
        #expect([point.bakeBuf, point.iceBuf, point.numIcers, point.cakes] == [3, 3, 3, 4] as [Int])
    }
}
