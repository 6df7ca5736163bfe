#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The address the book's servers listen on and its clients dial: `localhost:8000`, or
/// `localhost:$GOPL_PORT` when that variable is set. The port is the tests' only change: they
/// run many servers at once, each on a free port of its own. (The book's exercise 8.1 adds a
/// `-port` flag instead; a variable keeps the programs' command lines exactly the originals'.)
public let serverAddress: String = {
    guard let port = getenv("GOPL_PORT"), port.pointee != 0 else { return "localhost:8000" }
    return "localhost:" + String(cString: port)
}()
