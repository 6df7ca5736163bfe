import ExampleSupport

/// Go's percent-encoding rules for each part of a URL (`url.shouldEscape`, `escape`,
/// `unescape`), and its path resolution (`resolvePath`).

/// Which part of a URL a string belongs to: each escapes a different set of characters.
enum URLPart {
    case path, host, zone, userPassword, fragment
}

/// Whether Go percent-encodes `byte` in `part`. RFC 3986 §2, with Go's allowances.
func shouldEscape(_ byte: UInt8, _ part: URLPart) -> Bool {
    if isAlphanumeric(byte) { return false }
    if part == .host || part == .zone {
        // Sub-delimiters, and characters Go lets through in hosts for IPv6 literals and for
        // hosts spelled with them in the wild.
        if Array("!$&'()*+,;=:[]<>\"".utf8).contains(byte) { return false }
    }
    switch byte {
    case ascii("-"), ascii("_"), ascii("."), ascii("~"):
        return false
    case ascii("$"), ascii("&"), ascii("+"), ascii(","), ascii("/"), ascii(":"), ascii(";"),
         ascii("="), ascii("?"), ascii("@"):
        switch part {
        case .path: return byte == ascii("?")
        case .userPassword: return [ascii("@"), ascii("/"), ascii("?"), ascii(":")].contains(byte)
        case .fragment: return false
        case .host, .zone: return true
        }
    default:
        break
    }
    if part == .fragment && Array("!()*".utf8).contains(byte) { return false }
    return true
}

/// `text` with each byte that `part` must not hold written as `%XX` (upper-case hex).
func escape(_ text: [UInt8], _ part: URLPart) -> [UInt8] {
    guard text.contains(where: { shouldEscape($0, part) }) else { return text }
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(text.count + 8)
    for byte in text {
        if shouldEscape(byte, part) {
            out += [ascii("%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
        } else {
            out.append(byte)
        }
    }
    return out
}

/// `text` with its `%XX` escapes decoded; Go's errors for a bad escape, and for a host, for a
/// character a host cannot hold.
func unescape(_ text: [UInt8], _ part: URLPart) throws(ParseFailure) -> [UInt8] {
    var index = 0
    var escapes = 0
    while index < text.count {
        let byte = text[index]
        if byte == ascii("%") {
            escapes += 1
            guard index + 2 < text.count, let high = hexValue(text[index + 1]), hexValue(text[index + 2]) != nil else {
                throw ParseFailure("invalid URL escape \(goQuoted(text[index..<min(index + 3, text.count)]))")
            }
            let sequence = Array(text[index..<(index + 3)])
            if part == .host && high < 8 && sequence != Array("%25".utf8) {
                throw ParseFailure("invalid URL escape \(goQuoted(sequence))")
            }
            if part == .zone {
                let value = high << 4 | hexValue(text[index + 2])!
                if sequence != Array("%25".utf8) && value != ascii(" ") && shouldEscape(value, .host) {
                    throw ParseFailure("invalid URL escape \(goQuoted(sequence))")
                }
            }
            index += 3
        } else {
            if (part == .host || part == .zone) && byte < 0x80 && shouldEscape(byte, part) {
                throw ParseFailure("invalid character \(goQuoted([byte])) in host name")
            }
            index += 1
        }
    }
    if escapes == 0 { return text }

    var out: [UInt8] = []
    out.reserveCapacity(text.count - 2 * escapes)
    index = 0
    while index < text.count {
        if text[index] == ascii("%") {
            out.append(hexValue(text[index + 1])! << 4 | hexValue(text[index + 2])!)
            index += 3
        } else {
            out.append(text[index])
            index += 1
        }
    }
    return out
}

/// Whether `text` is already a valid escaped form for `part`, as Go's `validEncoded` decides.
func validEncoded(_ text: [UInt8], _ part: URLPart) -> Bool {
    text.allSatisfy { byte in
        Array("!$&'()*+,;=:@[]%".utf8).contains(byte) || !shouldEscape(byte, part)
    }
}

/// `reference` (an escaped path) resolved against `base`, with `.` and `..` removed; `..`
/// never climbs above the root. Go: `resolvePath`.
func resolvePath(_ base: [UInt8], _ reference: [UInt8]) -> [UInt8] {
    let slash = ascii("/")
    let full: [UInt8]
    if reference.isEmpty {
        full = base
    } else if reference[0] != slash {
        let directory = base.lastIndex(of: slash).map { base[...$0] } ?? []
        full = Array(directory) + reference
    } else {
        full = reference
    }
    if full.isEmpty { return [] }

    var out: [UInt8] = [slash]   // a leading slash, written first and trimmed if doubled
    var first = true
    var last: ArraySlice<UInt8> = []
    for element in full.split(separator: slash, omittingEmptySubsequences: false) {
        last = element
        if element.elementsEqual([ascii(".")]) {
            first = false
            continue
        }
        if element.elementsEqual([ascii("."), ascii(".")]) {
            // Back to the slash before the last element written.
            let written = out.dropFirst()
            out = [slash]
            if let cut = written.lastIndex(of: slash) {
                out += written[..<cut]
            } else {
                first = true
            }
        } else {
            if !first { out.append(slash) }
            out += element
            first = false
        }
    }
    if last.elementsEqual([ascii(".")]) || last.elementsEqual([ascii("."), ascii(".")]) {
        out.append(slash)
    }
    if out.count > 1 && out[1] == slash { out.removeFirst() }
    return out
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case ascii("0")...ascii("9"): byte - ascii("0")
    case ascii("a")...ascii("f"): byte - ascii("a") + 10
    case ascii("A")...ascii("F"): byte - ascii("A") + 10
    default: nil
    }
}
