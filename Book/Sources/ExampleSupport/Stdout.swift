// `stdout` is a C global `var`; Swift 6 accepts it only through a @preconcurrency import, and
// only when that import comes first in the file.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Standard output as Go's programs see it.
///
/// Go's `os.Stdout` has no buffer: every `fmt.Println` is one `write`, so a reader at the other
/// end of a pipe sees each line as soon as it is printed. C's `stdout`, which Swift's `print`
/// writes through, keeps a pipe's or a file's output in a 4 KiB buffer until exit instead. The
/// book's programs call `Stdout.useLineBuffering()` first, so that `countdown` piped into
/// another program, or run by the tests, shows each line when it happens.
public enum Stdout {
    /// Makes `print` reach standard output at every newline, whatever standard output is.
    /// Call it before printing anything.
    public static func useLineBuffering() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// Writes `text` and flushes at once, for output that does not end a line: the spinner's
    /// `\r` frames. Go: `fmt.Print(text)` on the unbuffered `os.Stdout`.
    public static func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }
}
