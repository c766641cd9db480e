package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
)

// A save that fails after the search (the disk filled up, the directory
// went away) does not throw the search away: the result is printed in the
// format asked for, with the verdict's exit code, and stderr says in one
// line that the counterexample was not saved. Nothing is left at the path.
func TestFailedSaveStillPrintsTheResult(t *testing.T) {
	saved := saveFile
	t.Cleanup(func() { saveFile = saved })
	saveFile = func(*explore.SaveFile, string) error { return errors.New("no space left on device") }

	path := filepath.Join(t.TempDir(), "ce.json")
	for _, format := range []string{"json", "text"} {
		r := runCmd(t, "explore", "-protocol", "naive", "-quiet", "-save", path, "-format", format)
		assert.Equal(t, exitViolation, r.code)
		assert.Equal(t, "singlecheck explore: -save "+path+" failed, the counterexample was not saved (the result is printed all the same): no space left on device\n", r.stderr)
		if format == "json" {
			var rep exploreReport
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
			assert.Equal(t, "violation", rep.Verdict)
			assert.NotNil(t, rep.Counterexample)
		} else {
			assert.True(t, strings.HasPrefix(r.stdout, "protocol    naive"), r.stdout)
		}
		assert.NoFileExists(t, path)
	}
}

// -races=false is said in the output, so that a safe verdict is not read
// as race-free: in the text of explore and replay, and in their JSON.
func TestRacesOffIsSaid(t *testing.T) {
	r := runCmd(t, "explore", "-protocol", "dcl", "-races=false")
	require.Equal(t, exitSafe, r.code, r.stderr)
	assert.Contains(t, r.stdout, "races       not checked (-races=false): data races are not reported\n")
	assert.Contains(t, r.stdout, "verdict     safe: every execution explored, no violation (data races not checked)\n")

	r = runCmd(t, "explore", "-protocol", "dcl")
	assert.Equal(t, exitViolation, r.code, "with races checked, dcl's unlocked read is a data race")
	assert.NotContains(t, r.stdout, "not checked")

	for _, races := range []bool{true, false} {
		flag := "-races=false"
		if races {
			flag = "-races=true"
		}
		var rep struct {
			RaceDetection *bool `json:"race_detection"`
		}
		r = runCmd(t, "explore", "-protocol", "dcl", flag, "-format", "json")
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
		require.NotNil(t, rep.RaceDetection)
		assert.Equal(t, races, *rep.RaceDetection)
		r = runCmd(t, "replay", "-protocol", "naive", flag, "-schedule", "0x3.1x5.0x2", "-format", "json")
		rep.RaceDetection = nil
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
		require.NotNil(t, rep.RaceDetection)
		assert.Equal(t, races, *rep.RaceDetection)
	}
	r = runCmd(t, "replay", "-protocol", "naive", "-races=false", "-schedule", "0x3.1x5.0x2")
	assert.Contains(t, r.stdout, "races       not checked (-races=false)")
}
