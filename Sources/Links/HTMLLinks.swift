import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `href` of every `<a>` element of an HTML page, in document order, decoded from the
/// page's entities (`&amp;` is `&`). libxml2's HTML parser builds the tree as a browser would:
/// tag and attribute names in any case, unquoted attributes, missing end tags; text inside
/// comments and `<script>` is not markup, so links written there are not found.
///
/// Returns nil when libxml2 gives up on the bytes (it recovers from almost anything).
/// Go: `html.Parse` and the original's `forEachNode(doc, visitNode, nil)`.
func anchorHrefs(inHTML page: [UInt8]) -> [[UInt8]]? {
    if page.isEmpty { return [] }   // libxml2 returns no document for no bytes; Go's parser an empty one
    libxml2Initialized.touch()
    let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
    // Go reads every page as UTF-8 too, whatever its <meta charset> says.
    let parsed = page.withUnsafeBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { chars in
            htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
        }
    }
    guard let document = parsed else { return nil }
    defer { xmlFreeDoc(document) }

    var hrefs: [[UInt8]] = []
    visitElements(xmlDocGetRootElement(document)) { element in
        guard name(of: element) == "a" else { return }
        var attribute = element.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let attributeName = current.pointee.name,
                  String(cString: attributeName) == "href" else { continue }
            hrefs.append(attributeValue(current, in: document))
        }
    }
    return hrefs
}

/// Calls `visit` on `node` and every element below it, parents before children: the walk of
/// the original's `forEachNode` with a `pre` function. Iterative, so that a page nested ten
/// thousand deep does not overflow a goroutine's stack.
private func visitElements(_ root: xmlNodePtr?, _ visit: (xmlNodePtr) -> Void) {
    var stack: [xmlNodePtr] = []
    if let root { stack.append(root) }
    while let node = stack.popLast() {
        if node.pointee.type == XML_ELEMENT_NODE { visit(node) }
        // Push the children last to first, so that the first is visited next.
        var children: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            children.append(current)
            child = current.pointee.next
        }
        stack.append(contentsOf: children.reversed())
    }
}

private func name(of node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
}

/// An attribute's text with its entities decoded; empty for `<a href>`.
private func attributeValue(_ attribute: xmlAttrPtr, in document: xmlDocPtr) -> [UInt8] {
    guard let text = xmlNodeListGetString(document, attribute.pointee.children, 1) else { return [] }
    defer { clibxml2_free(text) }
    return Array(UnsafeBufferPointer(start: text, count: strlen(text)))
}

/// libxml2 must be initialised once, before threads use it at the same time.
private enum LibXML2Initializer: Sendable {
    case done
    func touch() {}
}

private let libxml2Initialized: LibXML2Initializer = {
    xmlInitParser()
    return .done
}()
