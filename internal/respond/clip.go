package respond

// Clip shortens a client's value quoted in an error, so that an error
// message never echoes a large input back.
func Clip(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}
