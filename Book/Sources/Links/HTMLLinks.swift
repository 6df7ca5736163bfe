import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `href` of every `<a>` element of an HTML page, in document order, decoded from the
/// page's entities (`&amp;` is `&`). libxml2's HTML parser reads the page as a browser would:
/// tag and attribute names in any case, unquoted attributes, missing end tags; text inside
/// comments and `<script>` is not markup, so links written there are not found.
///
/// The parser reports each start tag as it reads it (SAX) and builds no tree: a crawler wants
/// only the anchors, and building and freeing the tree was most of the parse's cost. Start tags
/// come in document order, which is the order a walk of the tree would visit them in.
///
/// Returns nil when libxml2 gives up on the bytes (it recovers from almost anything).
/// Go: `html.Parse` and the original's `forEachNode(doc, visitNode, nil)`.
func anchorHrefs(inHTML page: [UInt8]) -> [[UInt8]]? {
    if page.isEmpty { return [] }   // libxml2 returns no document for no bytes; Go's parser an empty one
    libxml2Initialized.touch()
    guard let context = threadParserContext() else { return nil }
    defer { retireIfLarge(context) }
    reportOnlyStartTags(context)
    let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
    var hrefs: [[UInt8]] = []
    let document = withUnsafeMutablePointer(to: &hrefs) { found in
        context.pointee._private = UnsafeMutableRawPointer(found)
        defer { context.pointee._private = nil }
        // Go reads every page as UTF-8 too, whatever its <meta charset> says.
        return page.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
    }
    // The document is an empty shell (no element was added to it), kept only because it tells
    // a page libxml2 read from one it gave up on.
    guard let document else { return nil }
    xmlFreeDoc(document)
    return hrefs
}

/// The calling thread's parser context, made on its first page and reused for the next ones
/// (`htmlCtxtReadMemory` resets it). Making a context, with its dictionary of names, for every
/// page was measured at about a tenth of the parse's time in crawl2. A context serves one page
/// at a time: a parse runs to its end on the thread that started it.
private func threadParserContext() -> htmlParserCtxtPtr? {
    if let context = storedParserContext { return context }
    guard let context = htmlNewParserCtxt() else { return nil }
    pthread_setspecific(parserContextKey, context)
    return context
}

/// The calling thread's context, if it has one.
private var storedParserContext: htmlParserCtxtPtr? {
    pthread_getspecific(parserContextKey)?.assumingMemoryBound(to: htmlParserCtxt.self)
}

/// Frees the thread's context once its dictionary, which keeps every element and attribute name
/// the thread has seen, has grown large: pages that invent names must not grow it for ever.
private func retireIfLarge(_ context: htmlParserCtxtPtr) {
    guard rememberedNames(context) > maximumRememberedNames else { return }
    pthread_setspecific(parserContextKey, nil)
    htmlFreeParserCtxt(context)
}

/// How many names `context`'s dictionary holds.
private func rememberedNames(_ context: htmlParserCtxtPtr) -> Int {
    context.pointee.dict.map { Int(xmlDictSize($0)) } ?? 0
}

/// How many names the calling thread's parser context remembers, or nil when the thread has none.
func parserContextNameCount() -> Int? {
    storedParserContext.map(rememberedNames)
}

/// More names than a real site's pages use: HTML's elements and attributes are a few hundred.
private let maximumRememberedNames = 4096

/// Where each thread keeps its parser context; the context is freed when the thread exits.
private let parserContextKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { context in
        htmlFreeParserCtxt(context?.assumingMemoryBound(to: htmlParserCtxt.self))
    }
    precondition(status == 0, "pthread_key_create: \(status)")
    return key
}()

/// Makes `context` report start tags to `collectAnchorHref` and drop everything else a tree
/// would be built from. The document's own start and end still go to libxml2's handlers, so
/// the parser keeps the document it expects.
private func reportOnlyStartTags(_ context: htmlParserCtxtPtr) {
    guard let handler = context.pointee.sax else { return }
    handler.pointee.startElement = collectAnchorHref
    handler.pointee.endElement = nil
    handler.pointee.characters = nil
    handler.pointee.ignorableWhitespace = nil
    handler.pointee.cdataBlock = nil
    handler.pointee.comment = nil
    handler.pointee.processingInstruction = nil
    handler.pointee.reference = nil
}

/// libxml2's start-tag callback: appends the value of each `href` of an `a` element to the
/// array that the parser context's `_private` points to. Names arrive lower-cased and values
/// with their entities decoded; an attribute without a value (`<a href>`) counts as empty.
private let collectAnchorHref: startElementSAXFunc = { userData, name, attributes in
    guard let userData, let name, isASCII(name, "a"), var attribute = attributes else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let found = context.pointee._private?.assumingMemoryBound(to: [[UInt8]].self) else { return }
    while let attributeName = attribute.pointee {
        let value = attribute.successor().pointee
        if isASCII(attributeName, "href") {
            found.pointee.append(value.map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? [])
        }
        attribute += 2
    }
}

/// Whether the NUL-terminated `text` is exactly `word`.
private func isASCII(_ text: UnsafePointer<xmlChar>, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    for index in 0..<count where text[index] != word.utf8Start[index] { return false }
    return text[count] == 0
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
