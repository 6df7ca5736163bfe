// Command loadgen drives a chat server (gopl.io/ch8/chat or ours) with many clients and
// reports how many messages the server delivers per second.
//
// Every client connects and reads its greeting; then each keeps -window messages of its own
// in flight: it sends a line, and sends the next each time it receives one of its own back.
// Every line a client receives counts as one delivery. The rate is the deliveries in the
// measured interval (after a warm-up) divided by its length. The output is one line,
// "deliveries_per_second <n>", for the compare script.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "localhost:8000", "the chat server")
	clients := flag.Int("clients", 200, "number of clients")
	window := flag.Int("window", 2, "messages each client keeps in flight")
	warmup := flag.Duration("warmup", 2*time.Second, "time before measuring")
	measure := flag.Duration("measure", 5*time.Second, "time measured")
	flag.Parse()

	var delivered atomic.Int64
	var stopping atomic.Bool
	conns := make([]net.Conn, *clients)
	readers := make([]*bufio.Reader, *clients)
	for i := range conns {
		c, err := net.Dial("tcp", *addr)
		if err != nil {
			log.Fatal(err)
		}
		conns[i] = c
		readers[i] = bufio.NewReaderSize(c, 64*1024)
		if _, err := readers[i].ReadString('\n'); err != nil { // "You are …"
			log.Fatal(err)
		}
	}

	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		go func(c net.Conn, r *bufio.Reader) {
			defer wg.Done()
			own := c.LocalAddr().String() + ": "
			line := []byte("the quick brown fox jumps over the lazy dog\n")
			for k := 0; k < *window; k++ {
				if _, err := c.Write(line); err != nil {
					return
				}
			}
			for {
				text, err := r.ReadString('\n')
				if err != nil {
					if !stopping.Load() {
						log.Printf("client %s: %v", own, err)
					}
					return
				}
				delivered.Add(1)
				if strings.HasPrefix(text, own) && !stopping.Load() {
					if _, err := c.Write(line); err != nil {
						return
					}
				}
			}
		}(conns[i], readers[i])
	}

	time.Sleep(*warmup)
	start, before := time.Now(), delivered.Load()
	time.Sleep(*measure)
	elapsed, after := time.Since(start), delivered.Load()
	stopping.Store(true)
	for _, c := range conns {
		c.Close()
	}
	wg.Wait()
	rate := float64(after-before) / elapsed.Seconds()
	if rate == 0 {
		fmt.Fprintln(os.Stderr, "loadgen: no message was delivered")
		os.Exit(1)
	}
	fmt.Printf("deliveries_per_second %.0f\n", rate)
}
