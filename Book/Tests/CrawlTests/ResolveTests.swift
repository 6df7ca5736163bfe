@testable import Links
import Testing

/// Links resolves hrefs exactly as Go's net/url does: a table of cases, each answered by Go 1.23
/// (`base.Parse(href).String()`, or the error).
@Suite(.timeLimit(.minutes(1))) struct ResolveTests {
    @Test(arguments: goResolutionTable.indices)
    func resolvesAsGoDoes(_ index: Int) throws {
        let (base, href, expected) = goResolutionTable[index]
        let resolved: String
        do {
            resolved = try GoURL(parsing: base).resolving(href).description
        } catch {
            resolved = "error: \(error)"
        }
        #expect(resolved == expected, "base \(base), href \(href)")
    }

    @Test func printsWhatItParsed() throws {
        for text in ["http://u:p@h.example:81/a%2Fb/c?q=1#f", "https://h/a b", "mailto:x@y", "/rel?x"] {
            let url = try GoURL(parsing: text)
            #expect(try GoURL(parsing: url.description).description == url.description, "\(text)")
        }
    }
}
