import ExampleSupport

/// Why a page gave no links, worded as the book's `links.Extract` and Go's HTTP client word it,
/// so that the crawlers' error lines read as the originals'.
public struct LinksError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case badURL     // the URL did not parse: `parse "URL": …`
        case request    // no response: `Get "URL": …` (refused, timed out, bad redirect)
        case status     // a response other than 200 OK: `getting URL: 404 Not Found`
        case parsing    // the body could not be read or is not HTML: `parsing URL as HTML: …`
    }

    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func request(_ url: [UInt8], _ message: String) -> LinksError {
        LinksError(.request, "Get \(goQuoted(url)): \(message)")
    }

    static func status(_ url: String, _ status: String) -> LinksError {
        LinksError(.status, "getting \(url): \(status)")
    }

    static func parsing(_ url: String, _ message: String) -> LinksError {
        LinksError(.parsing, "parsing \(url) as HTML: \(message)")
    }
}
