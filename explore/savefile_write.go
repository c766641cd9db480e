package explore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckSavePath reports whether a file (a save file, a report) can be
// written to path, by
// creating (and removing) a temporary file next to it, so that a search is
// not run only to find afterwards that its counterexample cannot be kept.
// path itself is left alone.
func CheckSavePath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory: give the name of a file to write", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // not the temporary file's name, which means nothing to the user
			err = pe.Err
		}
		return fmt.Errorf("cannot write a file in %s: %w", dir, err)
	}
	name := tmp.Name()
	tmp.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("cannot remove the test file %s: %w", name, err)
	}
	return nil
}

// writeAtomically writes data to a temporary file in path's directory,
// syncs it and renames it to path. On any failure the temporary file is
// removed and path is left as it was.
func writeAtomically(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
