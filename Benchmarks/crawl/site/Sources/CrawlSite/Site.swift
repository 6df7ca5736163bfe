/// The site's pages: page i links to its ten children 10i+1 ... 10i+10 (those that exist), to
/// the root and to its parent, so that a crawler also meets links it has seen. The same HTML,
/// byte for byte, as `server.go` writes.
struct Site: Sendable {
    let bodies: [[UInt8]]

    init(pages: Int) {
        bodies = (0..<pages).map { Array(Self.page($0, of: pages).utf8) }
    }

    /// The body of page `index`, or nil for a path that names no page (`/p/N`, 0 <= N < pages).
    func body(forPath path: Substring) -> [UInt8]? {
        guard path.hasPrefix("/p/"), let index = Int(path.dropFirst(3)), bodies.indices.contains(index) else {
            return nil
        }
        return bodies[index]
    }

    private static func page(_ index: Int, of pages: Int) -> String {
        var html = "<!DOCTYPE html>\n<html><head><title>Page \(index)</title></head><body>\n<h1>Page \(index)</h1>\n"
        for child in stride(from: 10 * index + 1, through: 10 * index + 10, by: 1) where child < pages {
            html += "<p>A paragraph of text before the link to <a href=\"/p/\(child)\">page \(child)</a>, as pages have.</p>\n"
        }
        // Go's integer division truncates towards zero, as Swift's does: the root's parent is itself.
        html += "<p><a href=\"/p/0\">home</a> <a href=\"/p/\((index - 1) / 10)\">up</a></p>\n</body></html>\n"
        return html
    }
}
