package broken

// Get does not build: undefined is not declared.
func Get() *int { return undefined }
