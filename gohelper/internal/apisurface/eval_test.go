package apisurface

import (
	"go/constant"
	"go/token"
	"go/types"
	"testing"
)

func evalConst(t *testing.T, expr string) constant.Value {
	t.Helper()
	tv, err := types.Eval(token.NewFileSet(), nil, token.NoPos, expr)
	if err != nil {
		t.Fatalf("eval %s: %v", expr, err)
	}
	return tv.Value
}
