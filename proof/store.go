package proof

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Errors of Store.Add.
var (
	// ErrConflict: a record with the same id and ts exists with other
	// content. A choice never changes once made, so this is not a retry.
	ErrConflict = errors.New("proof: another record has this id and ts")
	// ErrClosed: the store is closed (the server is shutting down).
	ErrClosed = errors.New("proof: store closed")
	// ErrIDFull: the consent id already has MaxRecordsPerID records.
	ErrIDFull = errors.New("proof: this consent id has all the records it may have")
	// ErrDiskFull: the database's disk is full (SQLITE_FULL, PostgreSQL's
	// disk_full): nothing was stored.
	ErrDiskFull = errors.New("proof: the database's disk is full")
)

// MaxRecordsPerID bounds the records of one consent id. The banner gives
// every new choice a new id, so a real id has one record (a few when the
// page's own API re-sends it); only a client posting for an id it holds
// makes more, and it cannot fill the database through one id.
const MaxRecordsPerID = 20

// Outcome tells a new record from a repeated one.
type Outcome int

const (
	Created   Outcome = iota + 1 // stored now
	Duplicate                    // already stored, identical: nothing written
)

// Store is the proof database: SQLite or PostgreSQL behind one SQL layer.
// Writes go through one goroutine that commits them in small batches (group
// commit): each caller of Add returns only after the transaction holding
// its record is committed (fsynced), yet a burst of records costs one
// commit rather than one each.
type Store struct {
	db      *sql.DB
	dialect dialect
	writes  chan *write
	stop    chan struct{}
	stopped chan struct{}
	// mu orders Add's enqueueing before Close: once closed is set no write
	// is queued, so the writer's last drain sees every queued write.
	mu     sync.RWMutex
	closed bool
	// file is the SQLite file, "" on PostgreSQL.
	file string
}

// maxBatch bounds the records committed in one transaction.
const maxBatch = 256

// write is one Add waiting for its batch's commit.
type write struct {
	rec  Record
	done chan writeResult
}

type writeResult struct {
	outcome Outcome
	err     error
}

// Open opens the database a -proof-db value names (a postgres:// URL, or an
// SQLite file path), applies the pending migrations and starts the writer.
func Open(ctx context.Context, dsn string) (*Store, error) {
	db, d, err := openDB(dsn)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Store, error) {
		_ = db.Close()
		return nil, fmt.Errorf("proof database (%s): %w", d.name, err)
	}
	if d.name == sqliteDialect.name {
		if err := sqliteReady(ctx, db); err != nil {
			return fail(err)
		}
	} else if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return fail(err)
	}
	if _, err := migrate(ctx, db, d, ms, time.Now()); err != nil {
		return fail(err)
	}
	s := &Store{db: db, dialect: d, writes: make(chan *write, maxBatch), stop: make(chan struct{}), stopped: make(chan struct{})}
	if d.name == sqliteDialect.name {
		s.file = dsn
	}
	go s.writer()
	return s, nil
}

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// File is the SQLite file's path, "" on PostgreSQL (whose disk the server
// cannot see).
func (s *Store) File() string { return s.file }

// Close stops the writer after the writes already queued, then closes the
// database.
func (s *Store) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.stop)
	}
	s.mu.Unlock()
	<-s.stopped
	return s.db.Close()
}

// Check verifies the database's integrity: SQLite's integrity_check reads
// every page; on PostgreSQL, which checks itself, it is a round trip.
func (s *Store) Check(ctx context.Context) error {
	return s.dialect.check(ctx, s.db)
}

// Add stores a record, or finds it already stored. It returns after the
// record is committed: a Created or Duplicate answer means it is on disk.
func (s *Store) Add(ctx context.Context, rec Record) (Outcome, error) {
	w := &write{rec: rec, done: make(chan writeResult, 1)}
	if err := s.enqueue(ctx, w); err != nil {
		return 0, err
	}
	// Once queued the write happens whatever the caller does: wait for it,
	// so that an answer always tells the truth.
	r := <-w.done
	return r.outcome, r.err
}

// enqueue hands w to the writer, unless the store is closed.
func (s *Store) enqueue(ctx context.Context, w *write) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	select {
	case s.writes <- w:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// writer commits the queued writes, as many as are waiting (up to maxBatch)
// in each transaction.
func (s *Store) writer() {
	defer close(s.stopped)
	for {
		var first *write
		select {
		case first = <-s.writes:
		case <-s.stop:
			// Finish what was queued before Close.
			for {
				select {
				case w := <-s.writes:
					s.commit([]*write{w})
				default:
					return
				}
			}
		}
		batch := []*write{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case w := <-s.writes:
				batch = append(batch, w)
			default:
				break drain
			}
		}
		s.commit(batch)
	}
}

// commit writes a batch in one transaction and answers every writer. If the
// transaction fails, nothing of it is stored and every writer gets the
// error; a conflict only fails its own record.
func (s *Store) commit(batch []*write) {
	results := make([]writeResult, len(batch))
	err := s.inTx(func(tx *sql.Tx) error {
		for i, w := range batch {
			o, err := insert(tx, w.rec)
			if err != nil && !errors.Is(err, ErrConflict) && !errors.Is(err, ErrIDFull) {
				return err
			}
			results[i] = writeResult{outcome: o, err: err}
		}
		return nil
	})
	if err != nil && isDiskFull(err) {
		err = fmt.Errorf("%w: %v", ErrDiskFull, err)
	}
	for i, w := range batch {
		if err != nil {
			w.done <- writeResult{err: err}
			continue
		}
		w.done <- results[i]
	}
}

// writeTimeout bounds one batch's transaction, commit included.
const writeTimeout = 30 * time.Second

func (s *Store) inTx(f func(*sql.Tx) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// insert adds one record unless its (id, ts) exists, or its id already has
// MaxRecordsPerID records; an existing one must be the same choice. The
// writer goroutine serialises one server's inserts, so the cap is exact
// on one server; servers sharing a PostgreSQL database may each add one
// past it in the same instant.
func insert(tx *sql.Tx, r Record) (Outcome, error) {
	cats, err := json.Marshal(r.Categories) // keys sorted
	if err != nil {
		return 0, err
	}
	var n, same int64
	if err := tx.QueryRow("SELECT COUNT(*), COALESCE(SUM(CASE WHEN ts = $2 THEN 1 ELSE 0 END), 0) FROM consents WHERE id = $1",
		r.ID, r.TS).Scan(&n, &same); err != nil {
		return 0, err
	}
	if same > 0 {
		return existing(tx, r)
	}
	if n >= MaxRecordsPerID {
		return 0, ErrIDFull
	}
	res, err := tx.Exec(`INSERT INTO consents (id, ts, received_at, rev, texts_hash, lang, choice, categories, origin, path)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
		r.ID, r.TS, r.ReceivedAt, r.Rev, r.TextsHash, r.Lang, string(r.Kind), string(cats), r.Origin, r.Path)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 1 {
		return Created, nil
	}
	return existing(tx, r) // another server stored it in the meantime
}

// existing compares r with the stored record of its id and ts.
func existing(tx *sql.Tx, r Record) (Outcome, error) {
	old, err := scanRecord(tx.QueryRow("SELECT "+recordColumns+" FROM consents WHERE id = $1 AND ts = $2", r.ID, r.TS))
	if err != nil {
		return 0, err
	}
	if !old.sameChoice(r) {
		return 0, ErrConflict
	}
	return Duplicate, nil
}

// recordColumns are the columns scanRecord reads, in its order.
const recordColumns = "id, ts, received_at, rev, texts_hash, lang, choice, categories, origin, path"

type scanner interface{ Scan(dest ...any) error }

func scanRecord(row scanner) (Record, error) {
	var r Record
	var kind, cats string
	if err := row.Scan(&r.ID, &r.TS, &r.ReceivedAt, &r.Rev, &r.TextsHash, &r.Lang, &kind, &cats, &r.Origin, &r.Path); err != nil {
		return Record{}, err
	}
	r.Kind = Kind(kind)
	if err := json.Unmarshal([]byte(cats), &r.Categories); err != nil {
		return Record{}, fmt.Errorf("record %s/%d: categories: %w", r.ID, r.TS, err)
	}
	return r, nil
}

// MaxHistory bounds the records ByID returns: one visitor changing their
// mind a thousand times is already not a visitor.
const MaxHistory = 1000

// ByID returns the records of one consent id in the order the server
// received them: what was posted for this id each time. The order is the
// server's clock, not ts (the visitor's clock, which the client sends and
// the server only bounds), so a record cannot pass for the latest by
// claiming a later ts.
func (s *Store) ByID(ctx context.Context, id string) ([]Record, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+recordColumns+" FROM consents WHERE id = $1 ORDER BY received_at, ts LIMIT $2", id, MaxHistory)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Each calls fn with every record received in [from, to), in the order
// received, streaming: an export of millions of rows holds one in memory.
func (s *Store) Each(ctx context.Context, from, to time.Time, fn func(Record) error) error {
	rows, err := s.db.QueryContext(ctx, "SELECT "+recordColumns+" FROM consents WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id, ts",
		from.Unix(), to.Unix())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DayCount is the number of choices of each kind received on one UTC day.
type DayCount struct {
	Day    time.Time // midnight UTC
	Counts map[Kind]int64
}

// Total is the day's number of choices.
func (d DayCount) Total() int64 {
	var n int64
	for _, c := range d.Counts {
		n += c
	}
	return n
}

// Daily counts the choices received per UTC day and kind, from from's day
// through to's day (both included), with a DayCount for every day of the
// range, empty days included.
func (s *Store) Daily(ctx context.Context, from, to time.Time) ([]DayCount, error) {
	from, to = utcDay(from), utcDay(to).Add(24*time.Hour)
	rows, err := s.db.QueryContext(ctx, `SELECT received_at / 86400, choice, COUNT(*) FROM consents
WHERE received_at >= $1 AND received_at < $2 GROUP BY received_at / 86400, choice`, from.Unix(), to.Unix())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byDay := map[int64]map[Kind]int64{}
	for rows.Next() {
		var day, n int64
		var kind string
		if err := rows.Scan(&day, &kind, &n); err != nil {
			return nil, err
		}
		if byDay[day] == nil {
			byDay[day] = map[Kind]int64{}
		}
		byDay[day][Kind(kind)] += n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []DayCount
	for d := from; d.Before(to); d = d.Add(24 * time.Hour) {
		counts := byDay[d.Unix()/86400]
		if counts == nil {
			counts = map[Kind]int64{}
		}
		out = append(out, DayCount{Day: d, Counts: counts})
	}
	return out, nil
}

// utcDay is midnight UTC of t's day.
func utcDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Count is the number of stored records.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM consents").Scan(&n)
	return n, err
}

// DeleteReceivedBefore deletes the records received before cutoff and
// returns how many: the retention.
func (s *Store) DeleteReceivedBefore(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM consents WHERE received_at < $1", cutoff.Unix())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// StoredTexts is one texts document kept in the database.
type StoredTexts struct {
	Hash      string
	Lang      string
	Rev       int // the configuration revision it was first seen with
	Canonical []byte
	FirstSeen time.Time
}

// PutTexts stores a texts document under its hash unless it is already
// there, notes that it is published under revision rev, and returns the
// hash.
func (s *Store) PutTexts(ctx context.Context, shown Shown, rev int, now time.Time) (string, error) {
	canonical := shown.Canonical()
	hash := HashOf(canonical)
	_, err := s.db.ExecContext(ctx, `INSERT INTO texts (hash, lang, rev, content, first_seen) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
		hash, shown.Lang, rev, string(canonical), now.Unix())
	if err == nil {
		_, err = s.db.ExecContext(ctx, `INSERT INTO texts_revisions (hash, rev, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			hash, rev, now.Unix())
	}
	return hash, err
}

// TextsRevisions lists the configuration revisions the texts of hash were
// published under, lowest first.
func (s *Store) TextsRevisions(ctx context.Context, hash string) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT rev FROM texts_revisions WHERE hash = $1 ORDER BY rev", hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var rev int
		if err := rows.Scan(&rev); err != nil {
			return nil, err
		}
		out = append(out, rev)
	}
	return out, rows.Err()
}

// Texts returns the texts document with this hash; ok is false when there
// is none.
func (s *Store) Texts(ctx context.Context, hash string) (t StoredTexts, ok bool, err error) {
	var content string
	var first int64
	err = s.db.QueryRowContext(ctx, "SELECT hash, lang, rev, content, first_seen FROM texts WHERE hash = $1", hash).
		Scan(&t.Hash, &t.Lang, &t.Rev, &content, &first)
	if errors.Is(err, sql.ErrNoRows) {
		return StoredTexts{}, false, nil
	}
	if err != nil {
		return StoredTexts{}, false, err
	}
	t.Canonical, t.FirstSeen = []byte(content), time.Unix(first, 0).UTC()
	return t, true, nil
}
