// Package shapes is what Mochi's Go back end produces for package shapes
// (hand-written here).
package shapes

import "math"

// Point is a point in the plane.
type Point struct {
	X float64
	Y float64
}

// Path is a named path through points.
type Path struct {
	Name   string
	Points []Point
	Tags   map[string]int64
}

// SumList is the sum of a list of integers.
func SumList(xs []int64) int64 {
	var total int64
	for _, x := range xs {
		total += x
	}
	return total
}

// WordCounts is how often each word occurs.
func WordCounts(words []string) map[string]int64 {
	m := map[string]int64{}
	for _, w := range words {
		m[w]++
	}
	return m
}

// MakePoint is a point from its coordinates.
func MakePoint(x float64, y float64) Point { return Point{X: x, Y: y} }

// PathLength is the length of a path, point to point (Manhattan).
func PathLength(p Path) float64 {
	total := 0.0
	for i := 1; i < len(p.Points); i++ {
		total += math.Abs(p.Points[i].X-p.Points[i-1].X) + math.Abs(p.Points[i].Y-p.Points[i-1].Y)
	}
	return total
}

// TranslateAll is every point moved by (dx, dy).
func TranslateAll(ps []Point, dx float64, dy float64) []Point {
	out := make([]Point, 0, len(ps))
	for _, p := range ps {
		out = append(out, Point{X: p.X + dx, Y: p.Y + dy})
	}
	return out
}
