import ProgramTesting

extension GoOriginals {
    /// The chapter's programs that these tests compare with ours (du has its own set).
    static let programs = ["spinner", "pipeline1", "pipeline2", "pipeline3", "countdown1", "countdown2", "countdown3"]

    /// The directory holding the built originals; built on first use, shared by every test.
    static func directory() async throws -> String {
        try await originals.value
    }

    private static let originals = Task<String, any Error> {
        try await build(programs, into: "gopl-originals")
    }
}

/// Swift Testing has an `ExitStatus` of its own (for exit tests); these tests mean the child's.
typealias ExitStatus = ProgramTesting.ExitStatus
