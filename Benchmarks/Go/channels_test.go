package channelsbench

import (
	"sync"
	"testing"
)

// Plain sends and receives between goroutines. Swift twins: Benchmarks/Workloads/ChannelWorkloads.swift.

// BenchmarkPingPong: two goroutines bounce a value over two unbuffered channels; one operation
// is a round trip.
func BenchmarkPingPong(b *testing.B) {
	ping := make(chan int)
	pong := make(chan int)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // server
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			pong <- <-ping
		}
	}()
	go func() { // client
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			ping <- i
			<-pong
		}
	}()
	wg.Wait()
}

// BenchmarkSPSCBuffered100: one producer, one consumer, make(chan int, 100); one operation is
// one item.
func BenchmarkSPSCBuffered100(b *testing.B) {
	benchmarkProducersConsumers(b, 100, 1, 1)
}

// BenchmarkMPMCBuffered100_4x4: four producers and four consumers share make(chan int, 100);
// one operation is one item.
func BenchmarkMPMCBuffered100_4x4(b *testing.B) {
	benchmarkProducersConsumers(b, 100, 4, 4)
}

// BenchmarkMPMCUnbuffered_4x4: the same on an unbuffered channel.
func BenchmarkMPMCUnbuffered_4x4(b *testing.B) {
	benchmarkProducersConsumers(b, 0, 4, 4)
}

// benchmarkProducersConsumers moves b.N items through one channel of the given capacity, split
// evenly among the producers and among the consumers.
func benchmarkProducersConsumers(b *testing.B, capacity, producers, consumers int) {
	c := make(chan int, capacity)
	var wg sync.WaitGroup
	wg.Add(producers + consumers)
	for p := 0; p < producers; p++ {
		count := share(b.N, producers, p)
		go func() {
			defer wg.Done()
			for i := 0; i < count; i++ {
				c <- i
			}
		}()
	}
	for r := 0; r < consumers; r++ {
		count := share(b.N, consumers, r)
		go func() {
			defer wg.Done()
			for i := 0; i < count; i++ {
				<-c
			}
		}()
	}
	wg.Wait()
}
