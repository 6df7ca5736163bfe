// A web site for the crawl benchmark: PAGES pages, each answered after LATENCY, linking to ten
// children (a tree), to the root and to its parent, so the crawler also removes duplicates.
// It prints "listening on PORT" once it accepts connections. GET /stats gives two numbers and
// resets them: the most requests it ever had in flight, and the crawler's median think time in
// microseconds, from the end of a response to the next request on the same connection (what
// the crawler adds to each page beyond the server's latency; 0 if no connection was reused).
// The median, because a client that parks idle connections in a pool reuses some of them
// much later, which is not thinking.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

var (
	pages   = flag.Int("pages", 5000, "number of pages")
	latency = flag.Duration("latency", 20*time.Millisecond, "delay before each response")

	mu          sync.Mutex
	inFlight    int
	maxInFlight int
	answered    = map[string]time.Time{} // by client address: when its last response was written
	thinks      []time.Duration
)

func page(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><title>Page %d</title></head><body>\n<h1>Page %d</h1>\n", i, i)
	for c := 10*i + 1; c <= 10*i+10 && c < *pages; c++ {
		fmt.Fprintf(&b, "<p>A paragraph of text before the link to <a href=\"/p/%d\">page %d</a>, as pages have.</p>\n", c, c)
	}
	fmt.Fprintf(&b, "<p><a href=\"/p/0\">home</a> <a href=\"/p/%d\">up</a></p>\n</body></html>\n", (i-1)/10)
	return []byte(b.String())
}

func main() {
	flag.Parse()
	bodies := make([][]byte, *pages)
	for i := range bodies {
		bodies[i] = page(i)
	}
	http.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if err != nil || i < 0 || i >= *pages {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		if last, ok := answered[r.RemoteAddr]; ok {
			thinks = append(thinks, time.Since(last))
		}
		inFlight++
		if inFlight > maxInFlight {
			maxInFlight = inFlight
		}
		mu.Unlock()
		time.Sleep(*latency)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bodies[i])
		w.(http.Flusher).Flush() // on the wire now, so that the think time starts here
		mu.Lock()
		answered[r.RemoteAddr] = time.Now()
		inFlight--
		mu.Unlock()
	})
	http.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		think := time.Duration(0)
		if len(thinks) > 0 {
			sort.Slice(thinks, func(i, j int) bool { return thinks[i] < thinks[j] })
			think = thinks[len(thinks)/2]
		}
		fmt.Fprintf(w, "%d %d\n", maxInFlight, think.Microseconds())
		maxInFlight, thinks = 0, nil
		answered = map[string]time.Time{}
		mu.Unlock()
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %d\n", listener.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(listener, nil))
}
