// Package lazy is a module of its own that does not require singlecheck:
// singlecheck test checks it all the same.
package lazy

// Thing is the instance.
type Thing struct{ Name string }

var (
	things = map[string]*Thing{}
	count  int
	last   *Thing
)

// Get builds the default Thing lazily, without synchronization.
func Get() *Thing {
	t, ok := things["default"]
	if !ok {
		t = &Thing{Name: "default"}
		things["default"] = t
		count++
	}
	last = t
	return t
}

// Named takes a parameter: it is not a getter.
func Named(name string) *Thing { return &Thing{Name: name} }

// Reset returns nothing: it is not a getter.
func Reset() { things = map[string]*Thing{} }

// Count returns an int, not a pointer.
func Count() int { return count }
