package channelsbench

import (
	"runtime"
	"sync"
	"testing"
)

// select in its three situations. Swift twins: Benchmarks/Workloads/SelectWorkloads.swift.

// BenchmarkSelectWait2: a select over two unbuffered channels that finds nothing ready and
// parks; the other goroutine sends only once the select is parked (a non-blocking send on an
// unbuffered channel succeeds only when a receiver waits), alternating between the channels.
// One operation is one select.
func BenchmarkSelectWait2(b *testing.B) {
	left := make(chan int)
	right := make(chan int)
	done := make(chan struct{})
	go func() { // sender
		for i := 0; i < b.N; i++ {
			c := left
			if i%2 == 1 {
				c = right
			}
			for sent := false; !sent; {
				select {
				case c <- i:
					sent = true
				default:
					runtime.Gosched()
				}
			}
		}
		close(done)
	}()
	for i := 0; i < b.N; i++ {
		select {
		case <-left:
		case <-right:
		}
	}
	<-done
}

// BenchmarkSelectWaitBlocking2: a select over two unbuffered channels, fed by two goroutines
// that each send on one of them with a plain blocking send. Both sides park and wake. One
// operation is one select and one send.
func BenchmarkSelectWaitBlocking2(b *testing.B) {
	left := make(chan int)
	right := make(chan int)
	var wg sync.WaitGroup
	for index, c := range []chan int{left, right} {
		n := b.N / 2
		if index == 0 {
			n = b.N - b.N/2
		}
		wg.Add(1)
		go func(c chan int, n int) { // sender
			defer wg.Done()
			for i := 0; i < n; i++ {
				c <- i
			}
		}(c, n)
	}
	for i := 0; i < b.N; i++ {
		select {
		case <-left:
		case <-right:
		}
	}
	wg.Wait()
}

// BenchmarkSelectReady: a select whose case is ready, so it never parks. The channel has room
// for one value: one select sends into it, the next receives from it. A third case on a channel
// nobody uses makes the select lock two channels. One operation is one select.
func BenchmarkSelectReady(b *testing.B) {
	slot := make(chan int, 1)
	idle := make(chan int)
	done := make(chan struct{})
	go func() { // on a goroutine of its own, like the Swift twin
		for i := 0; i < b.N; i++ {
			select {
			case slot <- i:
			case <-slot:
			case <-idle:
			}
		}
		close(done)
	}()
	<-done
}

// BenchmarkSelectBoth: crossbeam-channel's select_both. Four goroutines send by selecting over
// sends to four unbuffered channels, four others receive by selecting over receives from the
// same four. One operation is one item.
func BenchmarkSelectBoth(b *testing.B) {
	var c [4]chan int
	for i := range c {
		c[i] = make(chan int)
	}
	var wg sync.WaitGroup
	wg.Add(8)
	for t := 0; t < 4; t++ {
		count := share(b.N, 4, t)
		go func() { // sender
			defer wg.Done()
			for i := 0; i < count; i++ {
				select {
				case c[0] <- i:
				case c[1] <- i:
				case c[2] <- i:
				case c[3] <- i:
				}
			}
		}()
		go func() { // receiver
			defer wg.Done()
			for i := 0; i < count; i++ {
				select {
				case <-c[0]:
				case <-c[1]:
				case <-c[2]:
				case <-c[3]:
				}
			}
		}()
	}
	wg.Wait()
}
