package explore

// PackageOf exports packageOf to the external tests.
var PackageOf = packageOf
