package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/scheduler"
)

// The browser tests open the HTML viewer and the Mermaid output in a real
// headless Chromium, driven over the DevTools protocol.
//
//   - SINGLECHECK_BROWSER=require turns a missing browser or a missing
//     mermaid into a failure instead of a skip (.ci/run sets it).
//   - SINGLECHECK_CHROMIUM names the browser binary (default: chromium,
//     chromium-browser or google-chrome on PATH).
//   - SINGLECHECK_SCREENSHOT=FILE also writes the viewer's screenshot to
//     FILE (docs/viewer.png, shown in the README, is made that way).
const (
	browserEnv    = "SINGLECHECK_BROWSER"
	chromiumEnv   = "SINGLECHECK_CHROMIUM"
	screenshotEnv = "SINGLECHECK_SCREENSHOT"
)

// mermaidJS is mermaid's browser bundle, installed from the npm registry
// by testdata/browser/install (package.json pins the version).
const mermaidJS = "testdata/browser/node_modules/mermaid/dist/mermaid.min.js"

// missing skips t with how to install what is missing, or fails it where
// SINGLECHECK_BROWSER=require.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) + "; install it with: bash cmd/singlecheck/testdata/browser/install (apt-get install -y chromium, npm ci)"
	if os.Getenv(browserEnv) == "require" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(chromiumEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "no Chromium on PATH (set %s to its path)", chromiumEnv)
	return ""
}

// browser is the one headless Chromium the browser tests share: starting
// one takes seconds. Each test gets a tab of its own.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

// TestMain gives the tests a binary cache of their own and stops the
// shared browser, if a test started one.
func TestMain(m *testing.M) {
	// The outputs the tests compare are the sequential search's, whatever
	// the machine's number of CPUs; the tests of -workers say it.
	os.Setenv(workersEnv, "1")
	// singlecheck test's binaries are cached in a directory of this
	// process's own: a run neither reads nor fills the user's cache, and
	// every run starts cold.
	cache, err := os.MkdirTemp("", "singlecheck-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(cacheEnv, cache)
	code := m.Run()
	_ = os.RemoveAll(cache)
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// newBrowser returns a context of a new tab of the shared headless
// Chromium, started on first use with a fresh profile and no network
// services, bounded in time.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	browser.once.Do(func() {
		profile, err := os.MkdirTemp("", "singlecheck-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1360, 900),
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		browser.ctx = bctx
		browser.cancel = func() { cancelBrowser(); cancelAlloc(); _ = os.RemoveAll(profile) }
		browser.err = chromedp.Do(bctx) // starts the browser
	})
	require.NoError(t, browser.err, "starting %s", path)
	tab, cancelTab := chromedp.NewContext(browser.ctx)
	ctx, cancelTime := context.WithTimeout(tab, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab() })
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	require.NoError(t, err, js)
	return v
}

// openHTML writes page to a file and loads it.
func openHTML(t *testing.T, ctx context.Context, name, page string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(page), 0o644))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+path)))
}

// domState is what the page shows at the current step, read from the DOM.
type domState struct {
	Current   string            // the highlighted row's step, "" for none
	Locations map[string]string // state panel: name → value
	Buffers   map[string]string // buffer panel: buffer → entries
}

const readState = `(() => {
	const cur = document.querySelector("#trace tr.current");
	const locs = {}, bufs = {};
	document.querySelectorAll("#state tbody tr").forEach(r => locs[r.dataset.loc] = r.querySelector(".value").textContent);
	document.querySelectorAll("#buffers tbody tr").forEach(r => bufs[r.dataset.buffer] = r.querySelector(".value").textContent);
	return {Current: cur ? cur.dataset.step : "", Locations: locs, Buffers: bufs};
})()`

// wantState is what view v says the page must show at step i.
func wantState(v *view, i int) domState {
	d := domState{Locations: map[string]string{}, Buffers: map[string]string{}}
	if i > 0 {
		d.Current = fmt.Sprint(i)
	}
	for _, l := range v.States[i].Locations {
		d.Locations[l.Name] = l.Value
	}
	for _, c := range v.Columns {
		if c.Kind == "buffer" {
			d.Buffers[c.ID] = "empty"
			if e := v.States[i].Buffers[c.ID]; len(e) > 0 {
				d.Buffers[c.ID] = strings.Join(e, ", ")
			}
		}
	}
	return d
}

// TestViewerInBrowser loads the viewer of counterexamples in Chromium,
// checks its grid (a column per thread and store buffer, a row per step,
// the violation rows), steps through every step with the keyboard checking
// the highlighted row and the shown values against the view, draws a data
// race's unordered pair and a lock's happens-before edges, and saves a
// screenshot.
func TestViewerInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	cases := []struct {
		name    string
		args    []string
		buffers bool
	}{
		{"naive", []string{"-protocol", "naive", "-schedule", "0x3.1x5.0x2"}, false},
		{"naive-tso", []string{"-protocol", "naive", "-memory", "tso", "-schedule", schedule(t, "naive", "tso", "-stop-at-first")}, true},
		{"dcl-pso", []string{"-protocol", "dcl", "-memory", "pso", "-schedule", schedule(t, "dcl", "pso", "-kind", "partial-init")}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, e := replayFor(t, tc.args)
			v := newView(w, e, replayCommand(w, e.Schedule))
			r := runCmd(t, append([]string{"replay", "-format", "html"}, tc.args...)...)
			require.Equal(t, exitViolation, r.code, r.stderr)
			openHTML(t, ctx, tc.name+".html", r.stdout)

			threads, buffers := 0, 0
			for _, c := range v.Columns {
				if c.Kind == "thread" {
					threads++
				} else {
					buffers++
				}
			}
			assert.Equal(t, threads, eval[int](t, ctx, `document.querySelectorAll("#trace thead th.thread").length`))
			assert.Equal(t, buffers, eval[int](t, ctx, `document.querySelectorAll("#trace thead th.buffer").length`))
			assert.Equal(t, tc.buffers, buffers > 0, "store buffer columns")
			assert.Equal(t, len(v.Steps), eval[int](t, ctx, `document.querySelectorAll("#trace tbody tr").length`))
			var wantViolations []string
			for _, s := range v.Steps {
				if len(s.Kinds) > 0 {
					wantViolations = append(wantViolations, fmt.Sprintf("%d:%s", s.Step, strings.Join(s.Kinds, " ")))
				}
			}
			assert.Equal(t, wantViolations, eval[[]string](t, ctx,
				`Array.from(document.querySelectorAll("#trace tr.violation")).map(r => r.dataset.step + ":" + r.dataset.kinds)`))
			assert.Contains(t, eval[string](t, ctx, `document.querySelector("#violations").textContent`), v.Violations[0].Message)

			// Step through with the keyboard, forward to the end and back.
			assert.Equal(t, wantState(v, 0), eval[domState](t, ctx, readState), "before step 1")
			for i := 1; i <= len(v.Steps); i++ {
				require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)))
				require.Equal(t, wantState(v, i), eval[domState](t, ctx, readState), "after ArrowRight to step %d", i)
			}
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)))
			assert.Equal(t, wantState(v, len(v.Steps)), eval[domState](t, ctx, readState), "past the last step")
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("k")))
			assert.Equal(t, wantState(v, len(v.Steps)-1), eval[domState](t, ctx, readState), "k steps back")
			require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Home)))
			assert.Equal(t, wantState(v, 0), eval[domState](t, ctx, readState), "Home")
		})
	}

	t.Run("edges", func(t *testing.T) {
		// naive's race: two accesses, no happens-before, drawn dashed.
		r := runCmd(t, "replay", "-protocol", "naive", "-schedule", "0x3.1x5.0x2", "-format", "html")
		openHTML(t, ctx, "naive-race.html", r.stdout)
		clickViolation(t, ctx, "data-race at step 7")
		assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll("#edges path.race").length`))
		assert.Contains(t, eval[string](t, ctx, `document.querySelector("#edges").textContent`), "no happens-before")
		assert.Equal(t, []string{"1", "7"}, eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#trace tr.access")).map(r => r.dataset.step)`))
		assert.Equal(t, "7", eval[domState](t, ctx, readState).Current, "clicking a violation goes to its step")
		screenshot(t, ctx)

		// dual-reset's divergent instances: the init thread's steps happen
		// before every worker's, an edge drawn as an arrow.
		args := []string{"-protocol", "dual-reset", "-threads", "3", "-schedule", schedule(t, "dual-reset", "sc", "-threads", "3")}
		w, e := replayFor(t, args)
		v := newView(w, e, "")
		r = runCmd(t, append([]string{"replay", "-format", "html"}, args...)...)
		openHTML(t, ctx, "dual-reset.html", r.stdout)
		sel := -1
		for i, vi := range v.Violations {
			if vi.Kind == v.Kind && sel < 0 {
				sel = i
			}
		}
		require.GreaterOrEqual(t, sel, 0)
		edges := v.Violations[sel].Edges
		require.NotEmpty(t, edges, "the init thread happens before the workers")
		assert.Equal(t, len(edges), eval[int](t, ctx, `document.querySelectorAll("#edges path.hb").length`))
		panel := eval[string](t, ctx, `document.querySelector("#violations .violation.selected").textContent`)
		for _, e := range edges {
			assert.Contains(t, panel, e.Text)
		}
	})
}

// clickViolation clicks the violation in the panel whose heading starts
// with title.
func clickViolation(t *testing.T, ctx context.Context, title string) {
	t.Helper()
	ok := eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const d = Array.from(document.querySelectorAll("#violations .violation")).find(d => d.querySelector(".kind").textContent === %q);
		if (d) d.click();
		return !!d;
	})()`, title))
	require.True(t, ok, "no violation %q in the panel", title)
}

// screenshot saves the page as a PNG under the test's temporary directory
// and, if SINGLECHECK_SCREENSHOT names a file, there too.
func screenshot(t *testing.T, ctx context.Context) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG")
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), "viewer.png"), png, 0o644))
	if path := os.Getenv(screenshotEnv); path != "" {
		require.NoError(t, os.WriteFile(path, png, 0o644))
		t.Logf("screenshot written to %s", path)
	}
}

// replayFor replays the execution that replay's flags args name.
func replayFor(t *testing.T, args []string) (workload, *scheduler.Execution) {
	t.Helper()
	fs := newFlagSet("replay")
	var f replayFlags
	f.register(fs)
	require.NoError(t, fs.Parse(args))
	w, err := f.resolve()
	require.NoError(t, err)
	e, err := explore.ReplaySchedule(w.program(), f.schedule, w.config())
	require.NoError(t, err)
	return w, e
}

// TestMermaidRendersEveryInstanceName renders the Mermaid output with
// mermaid's own JavaScript (the npm package GitHub's renderer is built on)
// and checks that every object name the trace shows (T#1, T#2,
// IsolatedEnvironment#1…) is in the rendered SVG's text: a '#' left
// unescaped starts a comment and cuts the rest of the line. The README's
// diagrams are rendered the same way.
func TestMermaidRendersEveryInstanceName(t *testing.T) {
	js, err := filepath.Abs(mermaidJS)
	require.NoError(t, err)
	if _, err := os.Stat(js); err != nil {
		missing(t, "no mermaid at %s", mermaidJS)
	}
	ctx := newBrowser(t)
	openHTML(t, ctx, "mermaid.html", `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script charset="utf-8" src="file://`+js+`"></script>
<script>mermaid.initialize({startOnLoad: false});
async function render(id, text) {
	const {svg} = await mermaid.render(id, text);
	const div = document.createElement("div");
	div.innerHTML = svg;
	document.body.appendChild(div);
	return div.textContent;
}</script></body></html>`)
	names := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*#[0-9]+`)
	render := func(t *testing.T, id, text string) string {
		t.Helper()
		quoted := "`" + strings.NewReplacer("\\", `\\`, "`", "\\`", "$", `\$`).Replace(text) + "`"
		return eval[string](t, ctx, fmt.Sprintf("render(%q, %s)", id, quoted), chromedp.EvalAwaitPromise)
	}
	cases := [][]string{
		{"-protocol", "naive", "-schedule", "0x3.1x5.0x2"},
		{"-protocol", "naive", "-memory", "tso", "-schedule", schedule(t, "naive", "tso", "-stop-at-first")},
		{"-protocol", "dual-reset", "-threads", "3", "-schedule", schedule(t, "dual-reset", "sc", "-threads", "3")},
	}
	for i, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCmd(t, append([]string{"replay", "-format", "mermaid"}, args...)...)
			_, e := replayFor(t, args)
			want := map[string]bool{}
			for _, s := range explore.Trace(e) {
				for _, n := range names.FindAllString(s.Location+" "+s.Value, -1) {
					want[n] = true
				}
			}
			require.NotEmpty(t, want)
			text := render(t, fmt.Sprintf("d%d", i), r.stdout)
			assert.Empty(t, lost(text, want), "names the rendered diagram lost")
			assert.NotContains(t, text, "#35;", "an entity code was shown as text")
		})
	}
	t.Run("README", func(t *testing.T) {
		readme, err := os.ReadFile("../../README.md")
		require.NoError(t, err)
		blocks := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
		require.NotEmpty(t, blocks, "the README shows a Mermaid diagram")
		for i, b := range blocks {
			want := map[string]bool{}
			for _, n := range names.FindAllString(strings.ReplaceAll(b[1], "#35;", "#"), -1) {
				want[n] = true
			}
			require.NotEmpty(t, want)
			text := render(t, fmt.Sprintf("readme%d", i), b[1])
			assert.Empty(t, lost(text, want), "names README diagram %d lost", i+1)
		}
	})
}

// lost are the names of want that text does not contain, sorted.
func lost(text string, want map[string]bool) []string {
	var out []string
	for n := range want {
		if !strings.Contains(text, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
