/// Go's `strings` case mappings, which map each character to one character.
///
/// Swift's `uppercased()` applies Unicode's full mappings, which may lengthen the text ("ß"
/// becomes "SS"); Go's `strings.ToUpper` maps rune by rune and keeps "ß". Here a character
/// whose full mapping is a single one takes it, and any other stays as it is: the same as Go
/// for all but a handful of characters whose simple mapping differs from their full one.
public enum Strings {
    /// Go: `strings.ToUpper(s)`.
    public static func toUpper(_ s: String) -> String {
        map(s, ascii: UInt8(ascii: "a")...UInt8(ascii: "z"), by: -32) { $0.properties.uppercaseMapping }
    }

    /// Go: `strings.ToLower(s)`.
    public static func toLower(_ s: String) -> String {
        map(s, ascii: UInt8(ascii: "A")...UInt8(ascii: "Z"), by: 32) { $0.properties.lowercaseMapping }
    }

    private static func map(_ s: String, ascii letters: ClosedRange<UInt8>, by offset: Int32,
                            _ mapping: (Unicode.Scalar) -> String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar.isASCII {   // the common case, without Unicode's tables
                let changes = letters.contains(UInt8(scalar.value))
                result.append(changes ? Unicode.Scalar(UInt8(Int32(scalar.value) + offset)) : scalar)
                continue
            }
            let mapped = mapping(scalar).unicodeScalars
            result.append(mapped.count == 1 ? mapped.first! : scalar)
        }
        return String(result)
    }
}
