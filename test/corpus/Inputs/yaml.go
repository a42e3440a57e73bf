// Differential test of gopkg.in/yaml.v3: the calls of yaml.c, made directly
// in Go.
package main

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

func main() {
	docs := []string{"a: 1\nb: [x, y]\n", "- 1\n- two\n- 3.5\n",
		"plain scalar", "key: [unclosed\n"}
	for _, doc := range docs {
		node := new(yaml.Node)
		if err := yaml.Unmarshal([]byte(doc), node); err != nil {
			fmt.Printf("Unmarshal error: %s\n", err)
			continue
		}
		zero := 0
		if node.IsZero() {
			zero = 1
		}
		fmt.Printf("IsZero: %d\n", zero)
		fmt.Printf("ShortTag: %s\n", node.ShortTag())
		out, err := yaml.Marshal(node)
		if err != nil {
			panic(err)
		}
		fmt.Printf("Marshal: %s", out)
	}
	node := new(yaml.Node)
	node.SetString("yes: no\nmulti")
	out, _ := yaml.Marshal(node)
	fmt.Printf("SetString: %s", out)
	fmt.Printf("MappingNode: %d\n", yaml.MappingNode)
	fmt.Printf("live: %d\n", 0)
}
