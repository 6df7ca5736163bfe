// The book's makeThumbnails functions (gopl.io/ch8/thumbnail, pages 235-238), each a step
// towards making many thumbnails in parallel. The thumbnails are made by the `async`
// `imageFile`, whose file I/O is offloaded and whose decoding runs on the goroutine.
//
// The book's makeThumbnails2 is left out: it starts a goroutine per file and returns at once,
// before any thumbnail exists, which is the error the book shows it for.
//
// Each public function forwards to a `package` twin that takes the maker of one thumbnail (and
// the logger), so that the tests can watch the goroutines and inject failures.
import Channels
import ExampleSupport

/// Makes one thumbnail and returns its name, as `imageFile(_:)` does.
package typealias ThumbnailMaker = @Sendable (String) async throws -> String

/// Where the functions that log report a failure: Go's `log.Println(err)`.
package typealias ErrorLogger = @Sendable (any Error) -> Void

package let makeImageFile: ThumbnailMaker = { infile in try await imageFile(infile) }
package let logToStandardError: ErrorLogger = { error in Log.print(error) }

/// Makes thumbnails of `filenames`, one after the other, and logs each failure.
/// Go: `makeThumbnails(filenames)`.
public func makeThumbnails(_ filenames: [String]) async {
    await makeThumbnails(filenames, using: makeImageFile, log: logToStandardError)
}

package func makeThumbnails(_ filenames: [String], using make: ThumbnailMaker, log: ErrorLogger) async {
    for f in filenames {
        do {
            _ = try await make(f)
        } catch {
            log(error)
        }
    }
}

/// Makes thumbnails of `filenames` in parallel, a goroutine each, and returns when all are
/// done. Failures are ignored, as in the book. Go: `makeThumbnails3(filenames)`.
///
/// It throws only `CancellationError`, if the caller is cancelled while it waits.
public func makeThumbnails3(_ filenames: [String]) async throws {
    try await makeThumbnails3(filenames, using: makeImageFile)
}

package func makeThumbnails3(_ filenames: [String], using make: @escaping ThumbnailMaker) async throws {
    // Buffered, unlike the book's: a cancelled caller stops receiving, and no goroutine must
    // be left blocked in its send.
    let ch = Chan<Void>(capacity: filenames.count)
    for f in filenames {
        go {
            _ = try? await make(f)   // ignoring errors, as the book does
            try await ch.send(())
        }
    }
    // Wait for the goroutines to complete.
    for _ in filenames {
        _ = try await ch.receive()
    }
}

/// Makes thumbnails of `filenames` in parallel and throws the first failure to arrive, as soon
/// as it arrives. Go: `makeThumbnails4(filenames)`, corrected as the book suggests.
///
/// The goroutines still running then finish into a channel with room for every result; the
/// book's version, with an unbuffered channel, leaves them blocked for ever (a goroutine leak).
public func makeThumbnails4(_ filenames: [String]) async throws {
    try await makeThumbnails4(filenames, using: makeImageFile)
}

package func makeThumbnails4(_ filenames: [String], using make: @escaping ThumbnailMaker) async throws {
    let errors = Chan<(any Error)?>(capacity: filenames.count)
    for f in filenames {
        go {
            do {
                _ = try await make(f)
                try await errors.send(nil)
            } catch {
                try await errors.send(error)
            }
        }
    }
    for _ in filenames {
        if let error = try await errors.receive() ?? nil {
            throw error   // the others' sends cannot block: the buffer has room for all
        }
    }
}

/// Makes thumbnails of `filenames` in parallel and returns their names in the order they were
/// made, or throws the first failure to arrive. Go: `makeThumbnails5(filenames)`.
public func makeThumbnails5(_ filenames: [String]) async throws -> [String] {
    try await makeThumbnails5(filenames, using: makeImageFile)
}

package func makeThumbnails5(_ filenames: [String], using make: @escaping ThumbnailMaker) async throws -> [String] {
    // Room for every result, so that returning early leaks no goroutine.
    let ch = Chan<Result<String, any Error>>(capacity: filenames.count)
    for f in filenames {
        go {
            do {
                try await ch.send(.success(try await make(f)))
            } catch {
                try await ch.send(.failure(error))
            }
        }
    }
    var thumbfiles: [String] = []
    for _ in filenames {
        guard let item = try await ch.receive() else { break }
        thumbfiles.append(try item.get())
    }
    return thumbfiles
}

/// Makes a thumbnail of each file name received from `filenames`, a goroutine each, until the
/// channel is closed; logs each failure and returns the number of bytes the thumbnails made
/// occupy. Go: `makeThumbnails6(filenames)`.
///
/// It throws only `CancellationError`, if the caller is cancelled.
public func makeThumbnails6(_ filenames: ReceiveChan<String>) async throws -> Int64 {
    try await makeThumbnails6(filenames, using: makeImageFile, log: logToStandardError)
}

package func makeThumbnails6(
    _ filenames: ReceiveChan<String>, using make: @escaping ThumbnailMaker, log: @escaping ErrorLogger
) async throws -> Int64 {
    let sizes = Chan<Int64>()
    let wg = WaitGroup()   // the number of working goroutines
    for await f in filenames {
        wg.add(1)
        // worker
        go {
            defer { wg.done() }
            let thumb: String
            do {
                thumb = try await make(f)
            } catch {
                log(error)
                return
            }
            // A thumbnail removed meanwhile counts 0 bytes (the book's Stat would panic).
            let size = await offload { fileSize(thumb) ?? 0 }
            try await sizes.send(size)
        }
    }

    // closer
    go {
        try await wg.wait()
        sizes.close()
    }

    var total: Int64 = 0
    for await size in sizes {
        total += size
    }
    // Both loops also end when the caller is cancelled: then drain the sizes elsewhere, so
    // that no worker stays blocked in its send.
    if Task.isCancelled {
        go { for await _ in sizes {} }
        throw CancellationError()
    }
    return total
}
