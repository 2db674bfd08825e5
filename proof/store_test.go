package proof

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

// eachStore runs f on a fresh store of every available database.
func eachStore(t *testing.T, f func(t *testing.T, s *Store)) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			s, err := Open(context.Background(), db.DSN)
			require.NoError(t, err)
			t.Cleanup(func() { _ = s.Close() })
			assert.Equal(t, db.Name, s.Dialect())
			f(t, s)
		})
	}
}

func record(id string, ts int64, received time.Time) Record {
	return Record{
		ID: id, TS: ts, Rev: 1, TextsHash: hashFR, Lang: "fr",
		Categories: map[string]bool{"necessary": true, "statistics": false},
		Origin:     "https://data.example.org", Path: "/", Kind: RefuseAll, ReceivedAt: received.Unix(),
	}
}

func TestStoreAddIsIdempotent(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		r := record("q3V1c0cN6lq3h0sKxYd8Vw", now.Unix(), now)
		o, err := s.Add(ctx, r)
		require.NoError(t, err)
		assert.Equal(t, Created, o)

		again := r
		again.ReceivedAt += 5 // a retry arrives later: still the same choice
		o, err = s.Add(ctx, again)
		require.NoError(t, err)
		assert.Equal(t, Duplicate, o)

		other := r
		other.Categories = map[string]bool{"necessary": true, "statistics": true}
		_, err = s.Add(ctx, other)
		assert.ErrorIs(t, err, ErrConflict, "the same id and ts cannot be two choices")

		changed := r
		changed.TS += 60
		changed.Categories = map[string]bool{"necessary": true, "statistics": true}
		changed.Kind = AcceptAll
		o, err = s.Add(ctx, changed)
		require.NoError(t, err)
		assert.Equal(t, Created, o, "the visitor changed their mind: a new record")

		n, err := s.Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
		history, err := s.ByID(ctx, r.ID)
		require.NoError(t, err)
		require.Len(t, history, 2)
		assert.Equal(t, r, history[0], "stored as given, the first receipt kept")
		assert.Equal(t, changed, history[1])
		none, err := s.ByID(ctx, "nobody0000000000000000")
		require.NoError(t, err)
		assert.Empty(t, none)
	})
}

// A consent id holds at most MaxRecordsPerID records; a retry of one of
// them is still a duplicate. The look-up lists them in the order received,
// whatever ts they claim.
func TestStoreBoundsRecordsPerID(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		id := "one-visitor-id-0000000"
		for i := range MaxRecordsPerID {
			// Each claims an earlier ts than the one before.
			o, err := s.Add(ctx, record(id, now.Unix()-int64(i), now.Add(time.Duration(i)*time.Second)))
			require.NoError(t, err, i)
			require.Equal(t, Created, o)
		}
		_, err := s.Add(ctx, record(id, now.Unix()+1, now.Add(time.Hour)))
		assert.ErrorIs(t, err, ErrIDFull)
		o, err := s.Add(ctx, record(id, now.Unix(), now.Add(time.Hour)))
		require.NoError(t, err)
		assert.Equal(t, Duplicate, o, "a retry of a stored record is still answered")
		o, err = s.Add(ctx, record("another-visitor-id-000", now.Unix(), now))
		require.NoError(t, err)
		assert.Equal(t, Created, o, "other ids are not affected")

		history, err := s.ByID(ctx, id)
		require.NoError(t, err)
		require.Len(t, history, MaxRecordsPerID)
		for i, r := range history {
			assert.Equal(t, now.Unix()-int64(i), r.TS, "in the order received, not by ts")
		}
	})
}

func TestStoreConcurrentAddsAreEachStoredOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const writers, each = 8, 40
		var wg sync.WaitGroup
		var mu sync.Mutex
		outcomes := map[Outcome]int{}
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					// Writers 0-3 and 4-7 send the same records: every
					// record is posted twice, concurrently.
					r := record(fmt.Sprintf("writer%02d-%06d-xxxxxx", w%4, i), now.Unix(), now)
					o, err := s.Add(ctx, r)
					assert.NoError(t, err)
					mu.Lock()
					outcomes[o]++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		assert.Equal(t, map[Outcome]int{Created: 4 * each, Duplicate: 4 * each}, outcomes)
		n, err := s.Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 4*each, n)
		require.NoError(t, s.Check(ctx))
	})
}

func TestStoreEachAndDaily(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		add := func(id string, received time.Time, kind Kind) {
			r := record(id+"-000000000000000", received.Unix()-1, received)
			r.Kind = kind
			_, err := s.Add(ctx, r)
			require.NoError(t, err)
		}
		add("a", day.Add(-time.Second), AcceptAll) // 9 March, 23:59:59
		add("b", day, AcceptAll)
		add("c", day.Add(time.Hour), RefuseAll)
		add("d", day.Add(23*time.Hour), Custom)
		add("e", day.Add(48*time.Hour+time.Minute), RefuseAll)

		counts, err := s.Daily(ctx, day, day.Add(72*time.Hour))
		require.NoError(t, err)
		require.Len(t, counts, 4, "10, 11, 12 and 13 March, empty days included")
		assert.Equal(t, day, counts[0].Day)
		assert.Equal(t, map[Kind]int64{AcceptAll: 1, RefuseAll: 1, Custom: 1}, counts[0].Counts)
		assert.EqualValues(t, 3, counts[0].Total())
		assert.Empty(t, counts[1].Counts)
		assert.Equal(t, map[Kind]int64{RefuseAll: 1}, counts[2].Counts)

		var ids []string
		require.NoError(t, s.Each(ctx, day, day.Add(24*time.Hour), func(r Record) error {
			ids = append(ids, r.ID[:1])
			return nil
		}))
		assert.Equal(t, []string{"b", "c", "d"}, ids, "received in [from, to), in order")

		stop := fmt.Errorf("stop")
		assert.ErrorIs(t, s.Each(ctx, day, day.Add(72*time.Hour), func(Record) error { return stop }), stop)

		n, err := s.DeleteReceivedBefore(ctx, day.Add(time.Hour))
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
		left, err := s.Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 3, left)
	})
}

func TestStoreTexts(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		shown := testShown()
		h, err := s.PutTexts(ctx, shown, 3, now)
		require.NoError(t, err)
		assert.Equal(t, shown.Hash(), h)
		h2, err := s.PutTexts(ctx, shown, 4, now.Add(time.Hour))
		require.NoError(t, err)
		assert.Equal(t, h, h2)

		got, ok, err := s.Texts(ctx, h)
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, 3, got.Rev, "first seen with revision 3")
		assert.Equal(t, now, got.FirstSeen)
		assert.Equal(t, shown.Canonical(), got.Canonical)
		_, ok, err = s.Texts(ctx, hashFR)
		require.NoError(t, err)
		assert.False(t, ok)
	})
}

func TestStoreReopensAndMigratesOnce(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, db.DSN)
			require.NoError(t, err)
			_, err = s.Add(ctx, record("reopen0000000000000000", now.Unix(), now))
			require.NoError(t, err)
			require.NoError(t, s.Close())
			assert.NoError(t, s.Close(), "closing twice is harmless")
			_, err = s.Add(ctx, record("late000000000000000000", now.Unix(), now))
			assert.ErrorIs(t, err, ErrClosed)

			s, err = Open(ctx, db.DSN)
			require.NoError(t, err)
			defer s.Close()
			n, err := s.Count(ctx)
			require.NoError(t, err)
			assert.EqualValues(t, 1, n)
			var versions int
			require.NoError(t, s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&versions))
			ms, err := loadMigrations(migrationFiles)
			require.NoError(t, err)
			assert.Equal(t, len(ms), versions)
		})
	}
}

func TestStoreRefusesANewerSchema(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, db.DSN)
			require.NoError(t, err)
			_, err = s.db.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
			require.NoError(t, err)
			require.NoError(t, s.Close())
			_, err = Open(ctx, db.DSN)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "newer than this server")
		})
	}
}

func TestOpenRefusesBadDSNs(t *testing.T) {
	for _, dsn := range []string{"", "file:x.db", "x.db?mode=ro", t.TempDir() + "/missing-dir/x.db", "postgres://127.0.0.1:1/none?connect_timeout=2"} {
		_, err := Open(context.Background(), dsn)
		assert.Error(t, err, dsn)
	}
}

func TestSQLiteFileIsPrivateAndInWAL(t *testing.T) {
	path := t.TempDir() + "/p.db"
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	fi, err := osStat(path)
	require.NoError(t, err)
	assert.Equal(t, "-rw-------", fi.Mode().String())
	var mode string
	var sync int
	require.NoError(t, s.db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	require.NoError(t, s.db.QueryRow("PRAGMA synchronous").Scan(&sync))
	assert.Equal(t, "wal", mode)
	assert.Equal(t, 2, sync, "FULL")
	require.NoError(t, s.Check(context.Background()))
}

func TestStatements(t *testing.T) {
	got := statements("-- a comment\nCREATE TABLE a (\n  x INT\n);\n\nCREATE INDEX b ON a (x);\nSELECT 1")
	assert.Equal(t, []string{"CREATE TABLE a (\n  x INT\n);", "CREATE INDEX b ON a (x);", "SELECT 1"}, got)
}

func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	ms, err := loadMigrations(migrationFiles)
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	for i, m := range ms {
		assert.Equal(t, i+1, m.version, m.name)
		assert.NotEmpty(t, statements(m.sql), m.name)
	}
}

var _ = sql.ErrNoRows

// Migration 0003 carries each texts document's revision over from a
// database made by an earlier server, so its records stay acceptable.
func TestMigrationKeepsTheRevisionsOfEarlierTexts(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			conn, d, err := openDB(db.DSN)
			require.NoError(t, err)
			ms, err := loadMigrations(migrationFiles)
			require.NoError(t, err)
			_, err = migrate(ctx, conn, d, ms[:1], now) // a server before migrations 0002 and 0003
			require.NoError(t, err)
			shown := testShown()
			_, err = conn.ExecContext(ctx, "INSERT INTO texts (hash, lang, rev, content, first_seen) VALUES ($1, $2, $3, $4, $5)",
				shown.Hash(), shown.Lang, 7, string(shown.Canonical()), now.Unix())
			require.NoError(t, err)
			require.NoError(t, conn.Close())

			s, err := Open(ctx, db.DSN)
			require.NoError(t, err)
			defer s.Close()
			revs, err := s.TextsRevisions(ctx, shown.Hash())
			require.NoError(t, err)
			assert.Equal(t, []int{7}, revs)
		})
	}
}

// Servers starting together on a new database each open it at once: the
// schema is created and migrated once, and every one of them opens it.
func TestStoresOpenTogetherOnANewDatabase(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			const n = 6
			stores := make([]*Store, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() { defer wg.Done(); stores[i], errs[i] = Open(context.Background(), db.DSN) }()
			}
			wg.Wait()
			for i := range n {
				require.NoError(t, errs[i], "store %d", i)
				defer stores[i].Close()
			}
			var versions int
			require.NoError(t, stores[0].db.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&versions))
			ms, err := loadMigrations(migrationFiles)
			require.NoError(t, err)
			assert.Equal(t, len(ms), versions, "each migration applied once")
		})
	}
}
