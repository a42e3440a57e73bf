// Package strs is what Mochi's Go back end produces for package strs
// (hand-written here).
package strs

// AddInts adds two integers.
func AddInts(a int64, b int64) int64 { return a + b }

// Mean is the mean of two floats.
func Mean(x float64, y float64) float64 { return (x + y) / 2.0 }

// IsPalindrome reports whether s reads the same backwards.
func IsPalindrome(s string) bool {
	n := len(s)
	for i := 0; i < n/2; i++ {
		if s[i] != s[n-1-i] {
			return false
		}
	}
	return true
}

// RepeatJoin is s repeated n times, joined by sep.
func RepeatJoin(s string, n int64, sep string) string {
	out := ""
	for i := int64(0); i < n; i++ {
		if i > 0 {
			out += sep
		}
		out += s
	}
	return out
}

// ToBytes is the bytes of s.
func ToBytes(s string) []byte { return []byte(s) }
