package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// How singlecheck test reuses an instrumented package's test binary: the
// driver is linked with go test -c into the run's temporary directory and
// then run directly, so that checking the same instrumented code again
// (another strategy, memory model or schedule: those are settings, not
// code) skips the link, which is most of a run's cost.
//
// The cache only proposes a binary; the go command decides whether it is
// current. A cached binary is copied to the run's own file before go test
// -c -o names that file, and the go command relinks it unless the build ID
// the binary carries is the one the current sources (the overlay, every
// dependency, the toolchain, the flags) give. So a changed source never
// runs a stale binary, whatever the key: the key (the overlay's contents,
// the go.mod, the flags) only picks which binary is worth offering. The
// cache is written by copying into a temporary file in its directory and
// renaming it over the entry, so a concurrent process reads either the
// old binary or the new one, never a part; a binary that cannot be read
// is a miss. Nothing is written into the user's tree.

// cacheEnv names the cache directory; "off" turns the cache off. The
// default is singlecheck/test-binaries under os.UserCacheDir.
const cacheEnv = "SINGLECHECK_CACHE"

// cacheEntries is how many binaries the cache keeps (least recently used
// go first); each is a few megabytes.
const cacheEntries = 32

// binCache is a directory of linked driver binaries, one file per key.
type binCache struct{ dir string }

// openBinCache returns the cache $SINGLECHECK_CACHE names, or nil when it
// is off or its directory cannot be made (runs then link every time).
func openBinCache() *binCache {
	dir := os.Getenv(cacheEnv)
	if dir == "off" {
		return nil
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "singlecheck", "test-binaries")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	return &binCache{dir: dir}
}

func (c *binCache) path(key string) string { return filepath.Join(c.dir, key+".test") }

// key names the binary b's build would give with the go command's
// arguments args (those naming b's temporary files left out): the package
// directory, the overlay's original paths and its replacement files'
// contents, the temporary go.mod and go.sum, and the environment variables
// that change what the go command builds.
func (c *binCache) key(b *build, args []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "singlecheck test binary 1\ndir %s\n", b.dir)
	for _, a := range args {
		if !strings.HasPrefix(a, "-overlay=") && !strings.HasPrefix(a, "-modfile=") {
			fmt.Fprintf(h, "arg %s\n", a)
		}
	}
	for _, v := range []string{"GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "GOEXPERIMENT", "GOTOOLCHAIN"} {
		fmt.Fprintf(h, "env %s=%s\n", v, os.Getenv(v))
	}
	ov, err := os.ReadFile(b.overlay)
	if err != nil {
		return "", fmt.Errorf("reading the overlay: %w", err)
	}
	var o struct{ Replace map[string]string }
	if err := json.Unmarshal(ov, &o); err != nil {
		return "", fmt.Errorf("reading the overlay: %w", err)
	}
	origs := make([]string, 0, len(o.Replace))
	for orig := range o.Replace {
		origs = append(origs, orig)
	}
	sort.Strings(origs)
	files := map[string]string{}
	for _, orig := range origs {
		files[orig] = o.Replace[orig]
	}
	if b.modfile != "" {
		files["go.mod"] = b.modfile
		files["go.sum"] = filepath.Join(filepath.Dir(b.modfile), "go.sum")
		origs = append(origs, "go.mod", "go.sum")
	}
	for _, name := range origs {
		src, err := os.ReadFile(files[name])
		if err != nil {
			return "", fmt.Errorf("hashing %s: %w", name, err)
		}
		fmt.Fprintf(h, "file %s %x\n", name, sha256.Sum256(src))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fetch copies the binary cached under key to dst (a new file) and says
// whether it did; on any failure dst does not exist.
func (c *binCache) fetch(key, dst string) bool {
	src, err := os.Open(c.path(key))
	if err != nil {
		return false
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return false
	}
	_, err = io.Copy(out, src)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dst)
		return false
	}
	return true
}

// store caches the binary bin under key: a copy into a temporary file of
// the cache's directory, renamed over the entry. Failures leave the cache
// as it was (a run does not depend on it).
func (c *binCache) store(key, bin string) {
	src, err := os.Open(bin)
	if err != nil {
		return
	}
	defer src.Close()
	tmp, err := os.CreateTemp(c.dir, key+".tmp-*")
	if err != nil {
		return
	}
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Chmod(0o755)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path(key))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	c.trim()
}

// touch marks the entry key as just used, for trim.
func (c *binCache) touch(key string) {
	now := time.Now()
	_ = os.Chtimes(c.path(key), now, now)
}

// trim removes the least recently used entries beyond cacheEntries, and
// temporary files an interrupted store left over an hour ago.
func (c *binCache) trim() {
	ents, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type entry struct {
		name string
		mod  time.Time
	}
	var bins []entry
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		switch {
		case strings.Contains(e.Name(), ".tmp-"):
			if time.Since(info.ModTime()) > time.Hour {
				_ = os.Remove(filepath.Join(c.dir, e.Name()))
			}
		case strings.HasSuffix(e.Name(), ".test"):
			bins = append(bins, entry{e.Name(), info.ModTime()})
		}
	}
	sort.Slice(bins, func(i, j int) bool { return bins[i].mod.After(bins[j].mod) })
	for _, e := range bins[min(len(bins), cacheEntries):] {
		_ = os.Remove(filepath.Join(c.dir, e.name))
	}
}

// linkDriver links b's test binary (the instrumented package with its
// driver) into b.tmp with go test -c and returns its path, starting from
// the cached binary of the same key if there is one. A build failure is a
// *buildError with the go command's output.
func linkDriver(ctx context.Context, b *build) (string, error) {
	args := []string{"test", "-c", "-overlay=" + b.overlay, "-vet=off"}
	if !strings.Contains(os.Getenv("GOFLAGS"), "-ldflags") {
		// As go test links a binary it runs and removes: no symbol
		// table, no DWARF (file:line still comes from the pclntab), a
		// fifth less link time. The user's own -ldflags win.
		args = append(args, "-ldflags=-s -w")
	}
	if b.modfile != "" {
		args = append(args, "-modfile="+b.modfile, "-mod=mod")
	}
	bin := filepath.Join(b.tmp, "driver.test")
	cache := openBinCache()
	key := ""
	if cache != nil {
		var err error
		if key, err = cache.key(b, args); err != nil {
			cache = nil
		}
	}
	var before os.FileInfo
	if cache != nil && cache.fetch(key, bin) {
		before, _ = os.Stat(bin)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, "-o", bin, ".")...)
	cmd.Dir = b.dir
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return "", fmt.Errorf("interrupted (%v)", context.Cause(ctx))
	}
	if err != nil {
		return "", &buildError{msgs: []string{strings.TrimSpace(string(out))}}
	}
	if cache != nil {
		// The go command replaces a stale binary with a new file; one it
		// found current is the file fetch wrote.
		after, err := os.Stat(bin)
		if err != nil {
			return "", fmt.Errorf("the go command built no test binary: %w", err)
		}
		if before != nil && os.SameFile(before, after) {
			cache.touch(key)
		} else {
			cache.store(key, bin)
		}
	}
	return bin, nil
}
