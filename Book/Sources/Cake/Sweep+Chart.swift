extension Sweep {
    /// A line chart of `points` as a standalone SVG document: time per run against buffer
    /// size, one line per number of icers, with axes, ticks, labels and a legend.
    ///
    /// The buffer sizes are spaced evenly in the order of `bufferSizes` (0, 1, 2, 5, 10 would
    /// crowd together on a linear scale); the time axis starts at zero. Each line is a
    /// `<g class="series" data-icers="n">`, each measured point in it a `<circle>` carrying
    /// `data-buffer` and `data-ms`, so that the chart can be read back by a program.
    public func chart(_ points: [Point]) -> String {
        let layout = ChartLayout(sizes: bufferSizes, maxMilliseconds: points.map { inMilliseconds($0.timePerRun) }.max() ?? 0)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(ChartLayout.width)" height="\(ChartLayout.height)" \
            viewBox="0 0 \(ChartLayout.width) \(ChartLayout.height)" font-family="sans-serif" font-size="12">
            <title>\(escaped(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text class="title" x="\(ChartLayout.left)" y="28" font-size="16" font-weight="bold">\(escaped(title))</text>
            <text class="subtitle" x="\(ChartLayout.left)" y="48" fill="#555">\(escaped(subtitle))</text>

            """

        // Grid lines and the time axis's ticks, then the two axes over them.
        svg += "<g class=\"y-ticks\" text-anchor=\"end\">\n"
        for tick in layout.ticks {
            let y = fixed(layout.y(tick), 1)
            svg += "  <line x1=\"\(ChartLayout.left)\" y1=\"\(y)\" x2=\"\(ChartLayout.right)\" y2=\"\(y)\" stroke=\"#ddd\"/>\n"
            svg += "  <text x=\"\(ChartLayout.left - 8)\" y=\"\(y)\" dy=\"4\">\(fixed(tick, layout.tickDigits))</text>\n"
        }
        svg += "</g>\n<g class=\"x-ticks\" text-anchor=\"middle\">\n"
        for (index, size) in bufferSizes.enumerated() {
            let x = fixed(layout.x(index), 1)
            svg += "  <line x1=\"\(x)\" y1=\"\(ChartLayout.bottom)\" x2=\"\(x)\" y2=\"\(ChartLayout.bottom + 5)\" stroke=\"black\"/>\n"
            svg += "  <text x=\"\(x)\" y=\"\(ChartLayout.bottom + 20)\">\(size)</text>\n"
        }
        svg += """
            </g>
            <g class="axes" stroke="black">
              <line x1="\(ChartLayout.left)" y1="\(ChartLayout.bottom)" x2="\(ChartLayout.right)" y2="\(ChartLayout.bottom)"/>
              <line x1="\(ChartLayout.left)" y1="\(ChartLayout.bottom)" x2="\(ChartLayout.left)" y2="\(ChartLayout.top)"/>
            </g>
            <text class="x-label" x="\((ChartLayout.left + ChartLayout.right) / 2)" y="\(ChartLayout.bottom + 45)" \
            text-anchor="middle">buffer slots (bakeBuf = iceBuf)</text>
            <text class="y-label" x="20" y="\((ChartLayout.top + ChartLayout.bottom) / 2)" text-anchor="middle" \
            transform="rotate(-90 20 \((ChartLayout.top + ChartLayout.bottom) / 2))">time per run (ms)</text>

            """

        // One line per number of icers, with its legend entry at the right.
        for (series, icers) in icerCounts.enumerated() {
            let colour = ChartLayout.colours[series % ChartLayout.colours.count]
            let measured = bufferSizes.enumerated().compactMap { index, size in
                points.first { $0.icers == icers && $0.bufferSize == size }.map { (index, $0) }
            }
            let label = icers == 1 ? "1 icer" : "\(icers) icers"
            svg += "<g class=\"series\" data-icers=\"\(icers)\" stroke=\"\(colour)\" fill=\"\(colour)\">\n"
            let line = measured.map { "\(fixed(layout.x($0.0), 1)),\(fixed(layout.y(inMilliseconds($0.1.timePerRun)), 1))" }
            svg += "  <polyline fill=\"none\" stroke-width=\"2\" points=\"\(line.joined(separator: " "))\"/>\n"
            for (index, point) in measured {
                let ms = fixed(inMilliseconds(point.timePerRun), 1)
                svg += "  <circle cx=\"\(fixed(layout.x(index), 1))\" cy=\"\(fixed(layout.y(inMilliseconds(point.timePerRun)), 1))\" r=\"3.5\" "
                    + "data-buffer=\"\(point.bufferSize)\" data-ms=\"\(ms)\"><title>\(label), \(point.bufferSize) slots: \(ms) ms</title></circle>\n"
            }
            let legendY = ChartLayout.top + 10 + series * 22
            svg += "  <line class=\"legend\" x1=\"\(ChartLayout.right + 20)\" y1=\"\(legendY)\" x2=\"\(ChartLayout.right + 44)\" y2=\"\(legendY)\" stroke-width=\"2\"/>\n"
            svg += "  <text class=\"legend\" x=\"\(ChartLayout.right + 50)\" y=\"\(legendY + 4)\" stroke=\"none\" fill=\"black\">\(label)</text>\n"
            svg += "</g>\n"
        }
        return svg + "</svg>\n"
    }

    private var title: String { "Cake shop: time per run by buffer size and number of icers" }

    private var subtitle: String {
        func step(_ name: String, _ time: Duration, _ stdDev: Duration) -> String {
            "\(name) \(GoDuration.format(time))" + (stdDev == .zero ? "" : " ± \(GoDuration.format(stdDev))")
        }
        let steps = [step("bake", shop.bakeTime, shop.bakeStdDev), step("ice", shop.iceTime, shop.iceStdDev),
                     step("inscribe", shop.inscribeTime, shop.inscribeStdDev)]
        return "\(shop.cakes) cakes a run; \(steps.joined(separator: ", ")); "
            + (runs == 1 ? "1 run a point" : "mean of \(runs) runs a point")
    }
}

/// Where things go on the chart.
private struct ChartLayout {
    static let width = 720, height = 460
    static let left = 80, right = 580, top = 70, bottom = 390   // the plot area
    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    let slots: Int               // positions on the horizontal axis
    let ticks: [Double]          // values marked on the time axis, from zero up
    let tickDigits: Int          // decimals in their labels

    init(sizes: [Int], maxMilliseconds: Double) {
        slots = sizes.count
        // A round step giving about five ticks: 1, 2 or 5 times a power of ten.
        var step = 0.001
        search: while true {
            for multiple in [1.0, 2.0, 5.0] where multiple * step * 5 >= maxMilliseconds {
                step *= multiple
                break search
            }
            step *= 10
        }
        let count = max(1, Int((maxMilliseconds / step).rounded(.up)))
        ticks = (0...count).map { Double($0) * step }
        tickDigits = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
    }

    func x(_ index: Int) -> Double {
        let width = Double(Self.right - Self.left)
        // Half a slot of margin at each end keeps the first and last points off the axes' ends.
        return Double(Self.left) + width * (Double(index) + 0.5) / Double(max(slots, 1))
    }

    func y(_ milliseconds: Double) -> Double {
        Double(Self.bottom) - Double(Self.bottom - Self.top) * milliseconds / (ticks.last ?? 1)
    }
}

func inMilliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
}

/// `value` with `digits` decimals, as "229.4" or "-3.0": the C `%.*f`, without Foundation.
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded()
    guard scaled < 1e18 else { return String(value) }
    let integer = UInt64(scaled), divisor = UInt64(scale)
    let sign = value < 0 && integer > 0 ? "-" : ""
    guard digits > 0 else { return sign + String(integer) }
    let fraction = String(integer % divisor)
    return sign + String(integer / divisor) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
}

/// `text` with XML's five special characters written as entities.
func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        default: result.append(character)
        }
    }
    return result
}
