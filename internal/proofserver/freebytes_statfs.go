//go:build linux || darwin || freebsd

package proofserver

import "syscall"

// freeBytes is the space of dir's file system available to this process.
func freeBytes(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
