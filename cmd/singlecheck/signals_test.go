package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// built is the command, built once for the tests that run it as a
// process; TestMain removes its directory.
var built struct {
	once      sync.Once
	dir, path string
	err       error
}

// binary returns the path of the command, built on first use into a
// temporary directory the tests share (a build links for seconds).
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "singlecheck-bin-"); built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "singlecheck")
		if out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("%w: %s", err, out)
		}
	})
	require.NoError(t, built.err, "building the command")
	return built.path
}

// A signal that asks a search to stop (SIGINT, SIGTERM, SIGHUP), sent in
// the middle of one long execution, ends the process within a second with
// a complete JSON result: verdict unknown or violation, a reason that names
// the signal and the execution cut off, and exit 3 or 1.
func TestSignalsStopALongExecution(t *testing.T) {
	bin := binary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(signalName(sig), func(t *testing.T) { // one at a time: each child keeps a core busy
			// One execution of 64 threads calling the getter 1000 times
			// each takes well over ten seconds.
			cmd := exec.Command(bin, "explore", "-protocol", "dual-selfheal", "-threads", "64", "-calls", "1000",
				"-max-steps", "10000000", "-quiet", "-format", "json")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			time.Sleep(500 * time.Millisecond) // inside the first execution
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(sig))
			var err error
			select {
			case err = <-exited:
			case <-time.After(time.Second):
				_ = cmd.Process.Kill()
				<-exited
				t.Fatalf("no result within one second of %s; stdout %q, stderr %q", signalName(sig), stdout.String(), stderr.String())
			}
			t.Logf("%s answered in %v", signalName(sig), time.Since(sent))
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "stderr: %s", stderr.String())
			assert.Contains(t, []int{exitUnknown, exitViolation}, ee.ExitCode(), "stderr: %s", stderr.String())
			var rep exploreReport
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep), "stdout: %q", stdout.String())
			assert.Contains(t, []string{"unknown", "violation"}, rep.Verdict)
			assert.Contains(t, rep.Reason, "interrupted ("+signalName(sig)+") after 1 execution, the last cut off after")
			assert.Equal(t, 1, rep.Stats.Executions)
			assert.Positive(t, rep.Stats.Steps)
		})
	}
}
