// Command proofbench proves the proof-of-consent server under load and
// faults, against the real server binary on loopback only:
//
//	proofbench load  [flags]   throughput and p50/p99 latency of recording choices
//	proofbench crash [flags]   SIGKILL the server under load, restart it: every
//	                           acknowledged choice is there exactly once, the
//	                           database passes its integrity check
//	proofbench cluster [flags] two servers on one PostgreSQL behind a round-robin
//	                           proxy, one SIGKILLed under load and restarted:
//	                           every acknowledged choice there exactly once,
//	                           operator sessions and logouts shared
//
// load and crash run on a new SQLite file, and also on PostgreSQL with
// -postgres URL (a new schema of that database, dropped at the end);
// cluster runs on PostgreSQL only. Every run is bounded
// in requests and time. ./build.sh load and ./build.sh crash run it; the
// package's tests run short versions in ./build.sh test.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "load" && args[0] != "crash" && args[0] != "cluster") {
		fmt.Fprintln(stderr, "usage: proofbench load|crash|cluster [-server dist/cookie-consent] [-dist dist] [-postgres URL] [flags]")
		return 2
	}
	mode := args[0]
	fs := flag.NewFlagSet("proofbench "+mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("server", "dist/cookie-consent", "the server `binary`")
	dist := fs.String("dist", "dist", "the server's dist `directory` (\"\": a minimal one)")
	pg := fs.String("postgres", os.Getenv("CONSENT_TEST_POSTGRES"), "also run on this PostgreSQL `URL` (default $CONSENT_TEST_POSTGRES)")
	requests := fs.Int("n", 5000, "load: at most this many `requests`")
	conc := fs.Int("c", 16, "concurrent `clients`")
	duration := fs.Duration("t", 10*time.Second, "load: at most this `long`")
	rounds := fs.Int("rounds", 3, "crash: how many `kills`")
	killAfter := fs.Duration("kill-after", time.Second, "crash: load this `long` before each kill; cluster: before the kill, while down, and after the restart")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *requests < 1 || *conc < 1 || *conc > 256 || *duration <= 0 || *duration > 5*time.Minute || *rounds < 1 || *rounds > 20 ||
		*killAfter <= 0 || *killAfter > time.Minute {
		fmt.Fprintln(stderr, "proofbench: out of bounds: -n >= 1, -c 1..256, -t up to 5m, -rounds 1..20, -kill-after up to 1m")
		return 2
	}
	dbs := []string{"sqlite"}
	switch {
	case mode == "cluster" && *pg == "":
		fmt.Fprintln(stderr, "proofbench cluster: several servers share a PostgreSQL database: give -postgres URL or set CONSENT_TEST_POSTGRES")
		return 2
	case mode == "cluster":
		dbs = []string{*pg}
	case *pg != "":
		dbs = append(dbs, *pg)
	}
	for _, db := range dbs {
		line, err := bench(mode, *bin, *dist, db, loadOptions{requests: *requests, concurrency: *conc, duration: *duration},
			crashOptions{rounds: *rounds, concurrency: *conc, killAfter: *killAfter})
		if err != nil {
			fmt.Fprintf(stderr, "proofbench %s: %v\n", mode, err)
			return 1
		}
		fmt.Fprintln(stdout, line)
	}
	return 0
}

// bench runs one mode on one database ("sqlite" or a postgres:// URL) and
// returns its report line.
func bench(mode, bin, dist, db string, lo loadOptions, co crashOptions) (string, error) {
	dir, err := os.MkdirTemp("", "proofbench-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	if bin, err = filepath.Abs(bin); err != nil {
		return "", err
	}
	e, err := newEnv(bin, dist, dir)
	if err != nil {
		return "", err
	}
	name := "sqlite"
	if db != "sqlite" {
		name = "postgres"
	}
	dsn, drop, err := freshDatabase(context.Background(), db, dir)
	if err != nil {
		return "", err
	}
	defer drop()
	if mode == "cluster" {
		r, err := runCluster(e, dsn, clusterOptions{concurrency: co.concurrency, phase: co.killAfter})
		return r.String(), err
	}
	if mode == "crash" {
		r, err := runCrash(e, dsn, co)
		r.Database = name
		return r.String(), err
	}
	s, err := e.start(dsn)
	if err != nil {
		return "", err
	}
	r := runLoad(e, s, lo)
	r.Database = name
	if err := s.stop(); err != nil {
		return "", err
	}
	if r.Failed > 0 {
		return r.String(), fmt.Errorf("%d requests failed", r.Failed)
	}
	return r.String(), nil
}
