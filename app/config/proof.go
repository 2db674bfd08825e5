package config

// Proof is the configuration's "proof" object: whether the loader sends each
// visitor's choice to the consent server, which keeps it as proof of consent
// (POST /api/consents; see docs/proof.md). It is off when
// the object is omitted. The server refuses to start with it on but no
// database to record into (-proof-db), so that no site believes it keeps
// proofs it does not.
type Proof struct {
	// Enabled makes the loader record every choice on the consent server.
	Enabled bool `json:"enabled"`
}
