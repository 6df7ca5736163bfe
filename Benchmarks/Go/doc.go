// Package channelsbench holds the Go twins of the Swift benchmarks in ../Benchmarks: the same
// workloads, under the same names, measured per operation. Run them with
//
//	GOMAXPROCS=2 go test -bench . -benchmem -count 5
//
// or through ../compare, which runs both sides and prints the ratios.
package channelsbench

// share splits total operations among parts goroutines: part index takes this many.
func share(total, parts, index int) int {
	n := total / parts
	if index < total%parts {
		n++
	}
	return n
}
