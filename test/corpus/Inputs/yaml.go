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
	m := &yaml.Node{Kind: yaml.MappingNode}
	kv := make([]*yaml.Node, 4)
	for i, t := range []string{"name", "gopher", "count"} {
		kv[i] = new(yaml.Node)
		kv[i].SetString(t)
	}
	kv[3] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "42"}
	m.Content = kv
	fmt.Printf("built: Kind=%d len(Content)=%d\n", m.Kind, len(m.Content))
	out, _ = yaml.Marshal(m)
	fmt.Printf("Marshal(boxed map): %s", out)
	for i, v := range []any{"hello: world", -7, 1.5, true, []byte("hi")} {
		out, _ = yaml.Marshal(v)
		fmt.Printf("Marshal(boxed %d): %s", i, out)
	}
	fmt.Printf("live: %d\n", 0)
}
