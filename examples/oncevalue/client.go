// Package oncevalue is a client built once by sync.OnceValue.
package oncevalue

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync" // was: "sync"
)

// Client is the shared client.
type Client struct{ Endpoint string }

// New returns a getter that builds the client on its first call and
// returns that one client on every call.
func New() func() *Client {
	return sync.OnceValue(func() *Client {
		return model.Constructed(&Client{Endpoint: "https://api.example"})
	})
}
