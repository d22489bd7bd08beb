// gobench runs bench_core's modes with the official Go client of go-threads (api/client v1.1.5), so
// that scripts/compare.sh can print Loom against it on the same daemon. One machine-readable line
// per mode:
//
//	mode=batch500x4 entities=10000 seconds=0.862 rate=11601
//	mode=findbyid calls=1000 median_us=251.3 p99_us=402.0 mean_us=260.1
//
// Run it only inside scripts/netns.sh against a daemon on 127.0.0.1 (scripts/compare.sh does).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/jsonschema"
	"github.com/textileio/go-threads/api/client"
	"github.com/textileio/go-threads/core/thread"
	"github.com/textileio/go-threads/db"
	"google.golang.org/grpc"
)

const collection = "Bench"

// The same schema and entities as tests/bench/bench_core.cpp.
const schemaJSON = `{"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"},"label":{"type":"string"}}}`

type entity struct {
	N     int    `json:"n"`
	Label string `json:"label"`
}

type found struct {
	ID    string `json:"_id"`
	N     int    `json:"n"`
	Label string `json:"label"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "gobench: "+format+"\n", args...)
	os.Exit(1)
}

// mode "batchBxF": B entities per Create, F Creates in flight.
func parseBatch(mode string) (batch, inFlight int, ok bool) {
	if !strings.HasPrefix(mode, "batch") {
		return 0, 0, false
	}
	parts := strings.SplitN(strings.TrimPrefix(mode, "batch"), "x", 2)
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

func createAll(c *client.Client, id thread.ID, entities []interface{}, batch, inFlight int) {
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make(chan error, inFlight)
	for w := 0; w < inFlight; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for first := range next {
				last := first + batch
				if last > len(entities) {
					last = len(entities)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				ids, err := c.Create(ctx, id, collection, entities[first:last])
				cancel()
				if err == nil && len(ids) != last-first {
					err = fmt.Errorf("%d ids for %d entities", len(ids), last-first)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for first := 0; first < len(entities); first += batch {
		select {
		case err := <-errs:
			fail("create: %v", err)
		case next <- first:
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		fail("create: %v", err)
	default:
	}
}

func latency(name string, calls int, call func() error) {
	us := make([]float64, 0, calls)
	for round := 0; round < 2; round++ { // round 0 warms up
		us = us[:0]
		for i := 0; i < calls; i++ {
			t := time.Now()
			if err := call(); err != nil {
				fail("%s: %v", name, err)
			}
			us = append(us, float64(time.Since(t).Nanoseconds())/1000)
		}
	}
	sum := 0.0
	for _, v := range us {
		sum += v
	}
	sort.Float64s(us)
	p99 := us[len(us)*99/100]
	fmt.Printf("mode=%s calls=%d median_us=%.1f p99_us=%.1f mean_us=%.1f\n", name, calls, us[len(us)/2], p99,
		sum/float64(len(us)))
}

func main() {
	port := flag.Int("port", 6006, "API port of the daemon on 127.0.0.1")
	entities := flag.Int("entities", 10000, "entities per bulk-create mode")
	calls := flag.Int("calls", 1000, "calls per latency series")
	modes := flag.String("modes", "findbyid,has,batch1x1,batch1x8,batch100x1,batch100x4,batch100x8,batch500x1,batch500x4,batch500x8",
		"comma-separated modes: findbyid, has, batchBxF (B entities per Create, F in flight)")
	flag.Parse()

	c, err := client.NewClient(fmt.Sprintf("127.0.0.1:%d", *port), grpc.WithInsecure())
	if err != nil {
		fail("connect: %v", err)
	}
	defer c.Close()

	var schema jsonschema.Schema
	if err := json.Unmarshal([]byte(schemaJSON), &schema); err != nil {
		fail("schema: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	id := thread.NewIDV1(thread.Raw, 32)
	if err := c.NewDB(ctx, id, db.WithNewManagedName("gobench"),
		db.WithNewManagedCollections(db.CollectionConfig{Name: collection, Schema: &schema})); err != nil {
		fail("new store: %v", err)
	}
	ids, err := c.Create(ctx, id, collection, client.Instances{entity{N: 1, Label: "x"}})
	if err != nil {
		fail("create: %v", err)
	}
	one := ids[0]

	batchEntities := make([]interface{}, *entities)
	for i := range batchEntities {
		batchEntities[i] = entity{N: i, Label: "entity-" + strconv.Itoa(i)}
	}

	for _, mode := range strings.Split(*modes, ",") {
		switch mode {
		case "":
		case "findbyid":
			latency(mode, *calls, func() error {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				var f found
				return c.FindByID(ctx, id, collection, one, &f)
			})
		case "has":
			latency(mode, *calls, func() error {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				exists, err := c.Has(ctx, id, collection, []string{one})
				if err == nil && !exists {
					err = fmt.Errorf("the entity is missing")
				}
				return err
			})
		default:
			batch, inFlight, ok := parseBatch(mode)
			if !ok {
				fail("unknown mode %q", mode)
			}
			t := time.Now()
			createAll(c, id, batchEntities, batch, inFlight)
			s := time.Since(t).Seconds()
			fmt.Printf("mode=%s entities=%d seconds=%.3f rate=%.0f\n", mode, len(batchEntities), s,
				float64(len(batchEntities))/s)
		}
	}
}
