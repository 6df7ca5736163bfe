package channelsbench

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// Benchmarks of Go's runtime tests (https://go.dev/src/runtime/chan_test.go, Go 1.23), as the
// Swift side ports them, and the cost of starting goroutines.
// Swift twins: Benchmarks/Workloads/GoRuntimeWorkloads.swift.

// BenchmarkChanNonblocking is Go's: GOMAXPROCS goroutines poll an unbuffered channel that never
// has a sender. One operation is one failed non-blocking receive.
func BenchmarkChanNonblocking(b *testing.B) {
	myc := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc:
			default:
			}
		}
	})
}

// BenchmarkChanSem is Go's: a channel with room for GOMAXPROCS empty values used as a counting
// semaphore. One operation is one acquire and release.
func BenchmarkChanSem(b *testing.B) {
	type Empty struct{}
	myc := make(chan Empty, runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc <- Empty{}
			<-myc
		}
	})
}

// BenchmarkChanPopular is Go's, measured per send instead of per round: 1,000 goroutines each
// select on their own channel and on one shared channel nobody sends on; each round sends once
// to every goroutine. One operation is one send and the select it wakes (Go's ns/op divided
// by 1,000).
func BenchmarkChanPopular(b *testing.B) {
	const n = 1000
	rounds := (b.N + n - 1) / n
	c := make(chan bool)
	var a []chan bool
	var wg sync.WaitGroup
	wg.Add(n)
	for j := 0; j < n; j++ {
		d := make(chan bool)
		a = append(a, d)
		go func() {
			for i := 0; i < rounds; i++ {
				select {
				case <-c:
				case <-d:
				}
			}
			wg.Done()
		}()
	}
	for i := 0; i < rounds; i++ {
		for _, d := range a {
			d <- true
		}
	}
	wg.Wait()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rounds*n), "ns/op")
}

// BenchmarkSpawnWaitGroup: start goroutines that each call wg.Done(), then wait for them, 1,000
// at a time like the Swift twin. One operation is one goroutine.
func BenchmarkSpawnWaitGroup(b *testing.B) {
	const batch = 1000
	var wg sync.WaitGroup
	for started := 0; started < b.N; started += batch {
		count := min(batch, b.N-started)
		wg.Add(count)
		for i := 0; i < count; i++ {
			go wg.Done()
		}
		wg.Wait()
	}
}

// BenchmarkTimerCreateStop: arm 1,000 timers an hour out, so that they are all pending at once,
// then stop them all, like the Swift twin. One operation is one timer armed and stopped.
func BenchmarkTimerCreateStop(b *testing.B) {
	const batch = 1000
	timers := make([]*time.Timer, 0, batch)
	for started := 0; started < b.N; started += batch {
		count := min(batch, b.N-started)
		for i := 0; i < count; i++ {
			timers = append(timers, time.NewTimer(time.Hour))
		}
		for _, t := range timers {
			t.Stop()
		}
		timers = timers[:0]
	}
}
