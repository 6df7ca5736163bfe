package channelsbench

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkBlockedGoroutineMemory: how much resident memory a goroutine costs while it waits.
// 100,000 goroutines block in a receive on one channel; the growth of the resident set (from
// /proc/self/statm) divided by their number is reported as B/goroutine.
//
// Run it once per process (-benchtime 1x), as ../compare does: Go never frees a goroutine's
// descriptor (its g), so later iterations in the same process reuse the first one's and report
// about 500 bytes less than a program pays for 100,000 new goroutines.
// Swift twin: Benchmarks/Memory/Memory.swift.
func BenchmarkBlockedGoroutineMemory(b *testing.B) {
	const n = 100_000
	total := 0
	for iteration := 0; iteration < b.N; iteration++ {
		// Give the memory of the previous iteration's goroutines back to the system first, so
		// that every iteration measures fresh pages, as the first one in a new process does.
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		before := residentBytes(b)
		b.StartTimer()

		release := make(chan struct{})
		var blocked, finished sync.WaitGroup
		blocked.Add(n)
		finished.Add(n)
		for i := 0; i < n; i++ {
			go func() {
				blocked.Done()
				<-release // parks here until release is closed
				finished.Done()
			}()
		}
		blocked.Wait()
		total += (residentBytes(b) - before) / n

		close(release)
		finished.Wait()
	}
	b.ReportMetric(float64(total)/float64(b.N), "B/goroutine")
}

// BenchmarkPendingTimerMemory: resident bytes per pending timer, with 100,000 timers armed an
// hour out. Swift twin: Benchmarks/Memory/Memory.swift.
func BenchmarkPendingTimerMemory(b *testing.B) {
	const n = 100_000
	total := 0
	for iteration := 0; iteration < b.N; iteration++ {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		before := residentBytes(b)
		b.StartTimer()

		timers := make([]*time.Timer, 0, n)
		for i := 0; i < n; i++ {
			timers = append(timers, time.NewTimer(time.Hour))
		}
		total += (residentBytes(b) - before) / n
		for _, t := range timers {
			t.Stop()
		}
	}
	b.ReportMetric(float64(total)/float64(b.N), "B/timer")
}

// residentBytes is the resident set size: the second field of /proc/self/statm, in pages.
func residentBytes(b *testing.B) int {
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		b.Fatal(err)
	}
	fields := bytes.Fields(statm)
	if len(fields) < 2 {
		b.Fatalf("cannot parse /proc/self/statm: %q", statm)
	}
	pages, err := strconv.Atoi(string(fields[1]))
	if err != nil {
		b.Fatal(err)
	}
	return pages * os.Getpagesize()
}
