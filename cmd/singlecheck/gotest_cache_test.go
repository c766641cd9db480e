package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeBuild writes an overlay replacing each of files' original paths
// (under dir) with a file of the given contents under tmp, and returns the
// build naming them.
func fakeBuild(t *testing.T, dir string, files map[string]string, modfile string) *build {
	t.Helper()
	tmp := t.TempDir()
	replace := map[string]string{}
	for name, src := range files {
		p := filepath.Join(tmp, "r_"+name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		replace[filepath.Join(dir, name)] = p
	}
	ov, err := json.Marshal(map[string]any{"Replace": replace})
	require.NoError(t, err)
	b := &build{dir: dir, tmp: tmp, overlay: filepath.Join(tmp, "overlay.json")}
	require.NoError(t, os.WriteFile(b.overlay, ov, 0o644))
	if modfile != "" {
		b.modfile = filepath.Join(tmp, "go.mod")
		require.NoError(t, os.WriteFile(b.modfile, []byte(modfile), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(tmp, "go.sum"), nil, 0o644))
	}
	return b
}

// TestBinaryCacheKey: the key depends on what is built (the package's
// directory, the overlay's original paths and replacement contents, the
// temporary go.mod, the go command's flags), not on where the run's
// temporary files are.
func TestBinaryCacheKey(t *testing.T) {
	c := &binCache{dir: t.TempDir()}
	args := func(b *build, extra ...string) []string {
		a := append([]string{"test", "-c", "-overlay=" + b.overlay, "-vet=off"}, extra...)
		if b.modfile != "" {
			a = append(a, "-modfile="+b.modfile, "-mod=mod")
		}
		return a
	}
	files := map[string]string{"a.go": "package a\n", "a_driver_test.go": "package a // driver\n"}
	base := fakeBuild(t, "/src/a", files, "")
	baseKey, err := c.key(base, args(base))
	require.NoError(t, err)
	tests := []struct {
		name string
		b    *build
		args []string // beyond the usual ones
		same bool
	}{
		{"the same files in another temporary directory", fakeBuild(t, "/src/a", files, ""), nil, true},
		{"a replacement's contents changed", fakeBuild(t, "/src/a", map[string]string{"a.go": "package a\nvar x int\n", "a_driver_test.go": files["a_driver_test.go"]}, ""), nil, false},
		{"another original path", fakeBuild(t, "/src/a", map[string]string{"b.go": files["a.go"], "a_driver_test.go": files["a_driver_test.go"]}, ""), nil, false},
		{"another package directory", fakeBuild(t, "/src/b", files, ""), nil, false},
		{"a temporary go.mod", fakeBuild(t, "/src/a", files, "module example.com/a\n"), nil, false},
		{"another flag", fakeBuild(t, "/src/a", files, ""), []string{"-race"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := c.key(tt.b, args(tt.b, tt.args...))
			require.NoError(t, err)
			assert.Equal(t, tt.same, k == baseKey, "key %s against %s", k, baseKey)
		})
	}
	t.Run("go.mod contents", func(t *testing.T) {
		one := fakeBuild(t, "/src/a", files, "module example.com/a\n")
		two := fakeBuild(t, "/src/a", files, "module example.com/a\nrequire example.com/b v1.0.0\n")
		k1, err := c.key(one, args(one))
		require.NoError(t, err)
		k2, err := c.key(two, args(two))
		require.NoError(t, err)
		assert.NotEqual(t, k1, k2)
	})
}

// TestBinaryCacheTrim: trim keeps the cacheEntries most recently used
// binaries and the temporary files of stores that may still be running.
func TestBinaryCacheTrim(t *testing.T) {
	c := &binCache{dir: t.TempDir()}
	now := time.Now()
	write := func(name string, age time.Duration) {
		p := filepath.Join(c.dir, name)
		require.NoError(t, os.WriteFile(p, []byte(name), 0o755))
		require.NoError(t, os.Chtimes(p, now.Add(-age), now.Add(-age)))
	}
	var want []string
	for i := range cacheEntries + 3 {
		name := fmt.Sprintf("k%02d.test", i)
		write(name, time.Duration(i)*time.Minute) // k00 is the newest
		if i < cacheEntries {
			want = append(want, name)
		}
	}
	write("k99.tmp-1", 2*time.Hour) // left by an interrupted store
	write("k98.tmp-2", time.Minute) // a store under way
	want = append(want, "k98.tmp-2")
	c.trim()
	ents, err := os.ReadDir(c.dir)
	require.NoError(t, err)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	sort.Strings(want)
	assert.Empty(t, cmp.Diff(want, got))
}

// cacheFiles lists the cache directory dir: its binaries and its
// temporary files.
func cacheFiles(t *testing.T, dir string) (bins, tmps []string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			tmps = append(tmps, e.Name())
		} else {
			bins = append(bins, filepath.Join(dir, e.Name()))
		}
	}
	return bins, tmps
}

// TestGoTestCacheNeverRunsAStaleBinary: a package whose getter returns
// what a package it imports (not instrumented, so not in the overlay, and
// run natively: -allow) makes. Checking it again reuses the cached binary;
// after that package changed, the overlay and so the key are the same, but
// the go command relinks the binary, and the verdict is the new code's.
func TestGoTestCacheNeverRunsAStaleBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a module of its own three times")
	}
	cache := t.TempDir()
	t.Setenv(cacheEnv, cache)
	mod := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(mod, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	write("go.mod", "module example.com/stale\n\ngo 1.26\n")
	write("p/p.go", "package p\n\nimport \"example.com/stale/q\"\n\n// Get returns what q makes.\nfunc Get() *q.T { return q.Make() }\n")
	write("q/q.go", "package q\n\ntype T struct{ N int }\n\nvar shared = &T{}\n\n// Make returns the one T.\nfunc Make() *T { return shared }\n")
	check := func(strategy string) testReport {
		t.Helper()
		r := runCmd(t, "test", "-format", "json", "-allow", "-strategy", strategy, "-getter", "Get", filepath.Join(mod, "p"))
		var rep testReport
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
		require.True(t, rep.Complete, rep.Reason)
		return rep
	}
	entry := func() os.FileInfo {
		t.Helper()
		bins, tmps := cacheFiles(t, cache)
		require.Len(t, bins, 1, "one binary cached")
		assert.Empty(t, tmps)
		st, err := os.Stat(bins[0])
		require.NoError(t, err)
		return st
	}

	first := check("dpor")
	assert.NotContains(t, first.Violations, "divergent-instances", "one shared T")
	linked := entry()
	again := check("dfs")
	assert.Equal(t, first.Violations, again.Violations)
	assert.True(t, os.SameFile(linked, entry()), "the current binary was reused, not linked and stored again")

	write("q/q.go", "package q\n\ntype T struct{ N int }\n\n// Make returns a new T.\nfunc Make() *T { return &T{} }\n")
	changed := check("dpor")
	assert.Contains(t, changed.Violations, "divergent-instances", "the changed q runs")
	assert.False(t, os.SameFile(linked, entry()), "the relinked binary replaced the stale one under the same key")
}

// TestGoTestCacheConcurrentRuns: runs of the same package at the same time
// share one cache directory and each get the verdict; the cache then
// holds one binary and no temporary file.
func TestGoTestCacheConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: links the package three times")
	}
	cache := t.TempDir()
	t.Setenv(cacheEnv, cache)
	const runs = 3
	results := make([]result, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() {
			var out, errOut strings.Builder
			code := run([]string{"test", "-format", "json", "-getter", "Get", "../../examples/plain/naive"}, &out, &errOut)
			results[i] = result{code, out.String(), errOut.String()}
		})
	}
	wg.Wait()
	for _, r := range results {
		var rep testReport
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
		assert.Equal(t, "violation", rep.Verdict)
		assert.Contains(t, rep.Violations, "multiple-construction")
		assert.Equal(t, exitViolation, r.code)
	}
	bins, tmps := cacheFiles(t, cache)
	assert.Len(t, bins, 1)
	assert.Empty(t, tmps)
}
