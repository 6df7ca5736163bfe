import Channels
import Foundation
import Testing
@testable import Thumbnail

/// Photos in a scratch directory, and the names of their thumbnails.
private struct Album {
    let scratch: Scratch
    let photos: [String]
    let missing: String

    init(count: Int = 4) throws {
        let scratch = try Scratch()
        self.scratch = scratch
        photos = try (0..<count).map { i in
            try scratch.file("photo\(i).jpg", TestImage.photo(width: 320 + 40 * i, height: 240).jpeg())
        }
        missing = scratch.path + "/missing.jpg"
    }

    var thumbnails: [String] { photos.map(thumbnailName) }

    func thumbnailsExist() -> Bool {
        thumbnails.allSatisfy { TestImage.read($0)?.image.width == 128 }
    }
}

/// The errors a function logged, collected on a channel (no lock to hide races from TSan).
private final class LoggedErrors: Sendable {
    private let channel = Chan<String>(capacity: 64)
    var log: ErrorLogger { { [channel] error in channel.trySend("\(error)") } }

    func all() -> [String] {
        var all: [String] = []
        while let message = channel.tryReceive().value { all.append(message) }
        return all
    }
}

struct Failed: Error, Equatable {
    let name: String
}

/// Sends once on `released` when it is released: captured by a thumbnail maker, that is when the
/// last goroutine holding the maker has ended.
private final class Sentinel: Sendable {
    let released: Chan<Void>
    init(_ released: Chan<Void>) { self.released = released }
    deinit { released.trySend(()) }
}

/// A maker that fails at once for `bad`, and for any other name waits until `gate` is closed.
private func gatedMaker(gate: Chan<Void>, released: Chan<Void>) -> ThumbnailMaker {
    let sentinel = Sentinel(released)
    return { name in
        _ = sentinel
        if name == "bad" { throw Failed(name: name) }
        _ = try await gate.receive()
        return name + ".thumb"
    }
}

/// Waits for `released`, failing the test if the goroutines are still alive after 20 s.
private func expectAllGoroutinesEnd(_ released: Chan<Void>, _ comment: Comment) async throws {
    let ended = try await select {
        receive(from: released) { _ in true }
        receive(from: after(.seconds(20))) { _ in false }
    }
    #expect(ended, comment)
}

@Suite("The book's makeThumbnails functions", .timeLimit(.minutes(1)))
struct MakeThumbnailsTests {
    @Test("makeThumbnails: one after the other, failures logged, the rest made")
    func sequential() async throws {
        let album = try Album()
        let logged = LoggedErrors()

        await makeThumbnails([album.photos[0], album.missing] + album.photos.dropFirst(), using: makeImageFile, log: logged.log)

        #expect(album.thumbnailsExist())
        #expect(logged.all() == ["open \(album.missing): no such file or directory"])
    }

    @Test("makeThumbnails (public): makes them all")
    func sequentialPublic() async throws {
        let album = try Album()
        await makeThumbnails(album.photos)
        #expect(album.thumbnailsExist())
    }

    @Test("makeThumbnails3: in parallel, and returns only when every one is done")
    func parallel() async throws {
        let album = try Album(count: 6)
        try await makeThumbnails3(album.photos + [album.missing])
        #expect(album.thumbnailsExist())
    }

    @Test("makeThumbnails3 returns after the last goroutine, and leaves none behind")
    func parallelWaits() async throws {
        let gate = Chan<Void>(), released = Chan<Void>(capacity: 1)
        let finished = Chan<String>(capacity: 8)
        let waiting = gatedMaker(gate: gate, released: released)
        let maker: ThumbnailMaker = { name in
            defer { finished.trySend(name) }
            return try await waiting(name)
        }
        go { gate.close() }   // opens the gate while the function waits

        try await makeThumbnails3(["a", "bad", "b"], using: maker)

        // All three had finished when it returned.
        var names: [String] = []
        while let name = finished.tryReceive().value { names.append(name) }
        #expect(names.sorted() == ["a", "b", "bad"])
    }

    @Test("makeThumbnails4: all made, no error")
    func firstErrorNone() async throws {
        let album = try Album()
        try await makeThumbnails4(album.photos)
        #expect(album.thumbnailsExist())
    }

    @Test("makeThumbnails4: the first error, at once, and no goroutine left blocked (the book's leak)")
    func firstErrorNoLeak() async throws {
        let gate = Chan<Void>(), released = Chan<Void>(capacity: 1)

        // "a" and "c" are still waiting at the gate when "bad" fails: the error comes back now.
        await #expect(throws: Failed(name: "bad")) {
            try await makeThumbnails4(["a", "bad", "c"], using: gatedMaker(gate: gate, released: released))
        }

        // Then let them finish: each must be able to deliver its result and end.
        gate.close()
        try await expectAllGoroutinesEnd(released, "a goroutine of makeThumbnails4 is blocked for ever")
    }

    @Test("makeThumbnails4 (real files): the missing file's error")
    func firstErrorReal() async throws {
        let album = try Album()
        await #expect(throws: ThumbnailError(kind: .open(path: album.missing, errno: ENOENT))) {
            try await makeThumbnails4(album.photos + [album.missing])
        }
    }

    @Test("makeThumbnails5: the thumbnails' names")
    func buffered() async throws {
        let album = try Album(count: 5)
        let names = try await makeThumbnails5(album.photos)
        #expect(names.sorted() == album.thumbnails.sorted())
        #expect(album.thumbnailsExist())
    }

    @Test("makeThumbnails5: the first error, at once, and no goroutine left blocked")
    func bufferedNoLeak() async throws {
        let gate = Chan<Void>(), released = Chan<Void>(capacity: 1)
        await #expect(throws: Failed(name: "bad")) {
            try await makeThumbnails5(["a", "b", "bad", "c"], using: gatedMaker(gate: gate, released: released))
        }
        gate.close()
        try await expectAllGoroutinesEnd(released, "a goroutine of makeThumbnails5 is blocked for ever")
    }

    @Test("makeThumbnails6: fed by a channel, returns the bytes the thumbnails take, logs failures")
    func channelFed() async throws {
        let album = try Album(count: 5)
        let logged = LoggedErrors()
        let filenames = Chan<String>()
        go {
            for name in album.photos + [album.missing] {
                try await filenames.send(name)
            }
            filenames.close()
        }

        let total = try await makeThumbnails6(filenames.receiveOnly, using: makeImageFile, log: logged.log)

        let sizes = try album.thumbnails.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        #expect(total == Int64(sizes.reduce(0, +)))
        #expect(total > 0)
        #expect(logged.all() == ["open \(album.missing): no such file or directory"])
    }

    @Test("makeThumbnails6 (public): an empty, closed channel makes nothing")
    func channelFedEmpty() async throws {
        let filenames = Chan<String>()
        filenames.close()
        #expect(try await makeThumbnails6(filenames.receiveOnly) == 0)
    }
}
