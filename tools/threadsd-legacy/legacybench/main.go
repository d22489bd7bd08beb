// legacybench: bulk create with the legacy Go client of go-threads v0.1.10 (its api/client package,
// the one the seed used), so that scripts/compare.sh can print Loom against it on the same legacy
// threadsd v0.1.10. On a store it makes (NewStore, RegisterSchema, Start), one machine-readable line
// per mode, the shape bench_core and gobench print:
//
//	mode=legacy-batch100x1 entities=2000 seconds=1.234 rate=1621
//
// legacy-batchBxF: B entities per ModelCreate, F ModelCreates in flight (legacy-batch1x1 is one
// ModelCreate per entity, sequential: the seed's own loop). Run it only inside scripts/netns.sh
// against a daemon on 127.0.0.1 (scripts/compare.sh does).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/textileio/go-threads/api/client"
	"google.golang.org/grpc"
)

const model = "Bench"

// The same schema and entities as bench_core's legacy run (tests/bench/bench_core.cpp).
const schemaJSON = `{"type":"object","properties":{"ID":{"type":"string"},"n":{"type":"integer"},"label":{"type":"string"}}}`

type entity struct {
	ID    string `json:"ID"`
	N     int    `json:"n"`
	Label string `json:"label"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "legacybench: "+format+"\n", args...)
	os.Exit(1)
}

// "legacy-batchBxF" (or "batchBxF"): B entities per ModelCreate, F in flight.
func parseBatch(mode string) (batch, inFlight int, ok bool) {
	m := strings.TrimPrefix(strings.TrimPrefix(mode, "legacy-"), "batch")
	if m == mode || !strings.HasPrefix(strings.TrimPrefix(mode, "legacy-"), "batch") {
		return 0, 0, false
	}
	parts := strings.SplitN(m, "x", 2)
	if len(parts) != 2 {
		return 0, 0, false
	}
	b, err1 := strconv.Atoi(parts[0])
	f, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || b < 1 || f < 1 {
		return 0, 0, false
	}
	return b, f, true
}

func createAll(c *client.Client, storeID string, items []interface{}, batch, inFlight int) error {
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make(chan error, inFlight)
	for w := 0; w < inFlight; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for first := range next {
				last := first + batch
				if last > len(items) {
					last = len(items)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				err := c.ModelCreate(ctx, storeID, model, items[first:last]...)
				cancel()
				if err != nil {
					errs <- err
					for range next {
					}
					return
				}
			}
		}()
	}
	for first := 0; first < len(items); first += batch {
		next <- first
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func main() {
	port := flag.Int("port", 6006, "API port of the legacy v0.1.10 daemon on 127.0.0.1")
	entities := flag.Int("entities", 1000, "entities per mode")
	modes := flag.String("modes", "legacy-batch1x1,legacy-batch100x1", "comma-separated legacy-batchBxF modes")
	flag.Parse()

	c, err := client.NewClient(fmt.Sprintf("127.0.0.1:%d", *port), grpc.WithInsecure())
	if err != nil {
		fail("connect: %v", err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	storeID, err := c.NewStore(ctx)
	if err != nil {
		fail("NewStore: %v", err)
	}
	if err := c.RegisterSchema(ctx, storeID, model, schemaJSON); err != nil {
		fail("RegisterSchema: %v", err)
	}
	if err := c.Start(ctx, storeID); err != nil {
		fail("Start: %v", err)
	}

	for _, mode := range strings.Split(*modes, ",") {
		batch, inFlight, ok := parseBatch(mode)
		if !ok {
			fail("unknown mode %q", mode)
		}
		items := make([]interface{}, *entities)
		for i := range items {
			items[i] = &entity{N: i, Label: fmt.Sprintf("entity-%d", i)}
		}
		t0 := time.Now()
		if err := createAll(c, storeID, items, batch, inFlight); err != nil {
			fail("%s: ModelCreate: %v", mode, err)
		}
		s := time.Since(t0).Seconds()
		for i, it := range items {
			if it.(*entity).ID == "" {
				fail("%s: entity %d got no ID", mode, i)
			}
		}
		fmt.Printf("mode=legacy-batch%dx%d entities=%d seconds=%.3f rate=%.0f\n", batch, inFlight, *entities, s,
			float64(*entities)/s)
	}
}
