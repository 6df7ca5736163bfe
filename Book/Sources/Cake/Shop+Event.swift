extension Shop {
    /// One step of one cake, as the original's verbose mode reports it.
    ///
    /// Its description is the line that `verbose` prints, without the newline: `baking 3`,
    /// `icing 3`, `inscribing 3`, `finished 3`. Go: `fmt.Println("baking", c)` and the rest.
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        case baking(Int)       // the baker starts on this cake
        case icing(Int)        // an icer has taken this cake and starts on it
        case inscribing(Int)   // the inscriber has taken this cake and starts on it
        case finished(Int)     // the inscriber is done: the cake leaves the shop

        /// The cake's number: 0 for the first cake the baker bakes in a run.
        public var cake: Int {
            switch self {
            case .baking(let cake), .icing(let cake), .inscribing(let cake), .finished(let cake): cake
            }
        }

        /// The step's name, the first word of the verbose line.
        public var step: String {
            switch self {
            case .baking: "baking"
            case .icing: "icing"
            case .inscribing: "inscribing"
            case .finished: "finished"
            }
        }

        /// The verbose line, without its newline.
        public var description: String { "\(step) \(cake)" }
    }
}
