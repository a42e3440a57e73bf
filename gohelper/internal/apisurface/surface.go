package apisurface

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// Schema and Version identify the format written (docs/ApiSurface.md).
const (
	Schema  = "mochi-go.apisurface"
	Version = 1
)

// checked is one surface package after type checking.
type checked struct {
	listed *ListedPackage
	pkg    *types.Package
	files  []*ast.File
	errors []string
	docs   map[token.Pos]string // declaring identifier -> doc comment
	doc    string               // package doc
}

// ingester holds the state of one run.
type ingester struct {
	cfg       *Config
	fset      *token.FileSet
	moduleDir string
	surface   map[string]*checked // import path -> package
	order     []*checked
	// Hidden (unexported, but mentioned) types, per package.
	hidden     map[string]map[string]bool
	hiddenWork []*types.TypeName
	// Named types from outside the surface packages.
	externals map[string]*types.TypeName // "pkg\x00name"
	// While encoding an external's underlying type, references are not
	// collected.
	inExternal bool
}

// Run ingests the configured module (or standard-library package) and
// returns the ApiSurface JSON.
func Run(cfg *Config) ([]byte, error) {
	listed, err := cfg.List()
	if err != nil {
		return nil, err
	}
	module := cfg.Module
	switch {
	case cfg.Std != "":
		module = StdModule
	case cfg.Dir != "":
		// -dir mode: the module is the one rooted at Dir.
		for _, p := range listed {
			if p.Module != nil && !p.Standard && samePath(p.Module.Dir, cfg.Dir) {
				module = p.Module.Path
				break
			}
		}
		if module == "" {
			return nil, fmt.Errorf("no package of the module in %s", cfg.Dir)
		}
	}
	in := &ingester{cfg: cfg, fset: token.NewFileSet(), surface: map[string]*checked{},
		hidden: map[string]map[string]bool{}, externals: map[string]*types.TypeName{}}
	byPath := map[string]*ListedPackage{}
	for _, p := range listed {
		byPath[p.ImportPath] = p
	}
	var goVersion string
	targets := cfg.surfacePackages(listed, module)
	if len(targets) == 0 {
		if cfg.Std != "" {
			return nil, stdError(cfg.Std, byPath[cfg.Std])
		}
		if p := byPath[module]; p != nil && p.Error != nil {
			return nil, fmt.Errorf("loading %s: %s", module, p.Error.Err)
		}
	}
	for _, p := range targets {
		in.moduleDir, goVersion = moduleRoot(p)
		if cfg.Version == "" && p.Module != nil {
			cfg.Version = p.Module.Version
		}
	}
	// One gc importer for all packages, so that a type has one identity.
	imp := importer.ForCompiler(in.fset, "gc", func(path string) (io.ReadCloser, error) {
		p := byPath[path]
		if p == nil || p.Export == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(p.Export)
	})
	for i, p := range targets {
		cfg.logf("[%d/%d] type-checking %s", i+1, len(targets), p.ImportPath)
		c := in.check(p, imp)
		in.surface[p.ImportPath] = c
		in.order = append(in.order, c)
	}

	pkgs := make([]any, 0, len(in.order))
	declsOf := map[string][]*declEntry{}
	for _, c := range in.order {
		declsOf[c.listed.ImportPath] = in.exportedDecls(c)
	}
	// Hidden types may reach further hidden types: work to a fixpoint.
	for len(in.hiddenWork) > 0 {
		tn := in.hiddenWork[0]
		in.hiddenWork = in.hiddenWork[1:]
		c := in.surface[tn.Pkg().Path()]
		declsOf[c.listed.ImportPath] = append(declsOf[c.listed.ImportPath], in.typeDecls(c, tn, false)...)
	}
	for _, c := range in.order {
		decls := declsOf[c.listed.ImportPath]
		sort.SliceStable(decls, func(i, j int) bool {
			a, b := decls[i], decls[j]
			if a.rank != b.rank {
				return a.rank < b.rank
			}
			if a.recv != b.recv {
				return a.recv < b.recv
			}
			return a.name < b.name
		})
		list := make([]any, len(decls))
		for i, d := range decls {
			list[i] = d.obj
		}
		errs := make([]any, len(c.errors))
		for i, e := range c.errors {
			errs[i] = e
		}
		pkgs = append(pkgs, Obj("path", c.listed.ImportPath).Set("name", c.pkg.Name()).
			SetOpt("doc", c.doc).SetOpt("cgo", len(c.listed.CgoFiles) > 0).
			Set("decls", list).SetOpt("errors", errs))
	}

	// Externals, sorted by (pkg, name).
	keys := make([]string, 0, len(in.externals))
	for k := range in.externals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	exts := make([]any, 0, len(keys))
	in.inExternal = true
	for _, k := range keys {
		tn := in.externals[k]
		named, _ := types.Unalias(tn.Type()).(*types.Named)
		ext := Obj("pkg", tn.Pkg().Path()).Set("name", tn.Name())
		if named != nil && named.TypeParams().Len() > 0 {
			ext.Set("typeParams", named.TypeParams().Len())
		}
		ext.Set("underlying", in.typ(tn.Type().Underlying()))
		exts = append(exts, ext)
	}
	in.inExternal = false

	goos, goarch := cfg.GOOS, cfg.GOARCH
	if goos == "" {
		goos = runtime.GOOS
	}
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	mod := Obj("path", module).Set("version", cfg.Version).SetOpt("goVersion", goVersion).
		Set("toolchain", runtime.Version()).Set("goos", goos).Set("goarch", goarch)
	root := Obj("schema", Schema).Set("version", Version).Set("module", mod).
		Set("packages", pkgs).Set("externals", exts)
	return Marshal(root), nil
}

// stdError says why the standard-library package path gave no surface
// package; p is what go list said about it (nil: nothing).
func stdError(path string, p *ListedPackage) error {
	switch {
	case p == nil:
		return fmt.Errorf("go list did not list %s", path)
	case p.Error != nil:
		return fmt.Errorf("loading %s: %s", path, p.Error.Err)
	case !p.Standard:
		return fmt.Errorf("%s is not a standard-library package", path)
	case p.Name == "main":
		return fmt.Errorf("%s is a command (package main), not a library", path)
	}
	return fmt.Errorf("%s has no Go files for the target", path)
}

func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	ea, err1 := filepath.EvalSymlinks(aa)
	eb, err2 := filepath.EvalSymlinks(bb)
	if err1 == nil && err2 == nil {
		return ea == eb
	}
	return aa == bb
}

// mapImporter resolves vendored import paths through the package's ImportMap.
type mapImporter struct {
	imp  types.Importer
	imap map[string]string
}

func (m mapImporter) Import(path string) (*types.Package, error) {
	if p, ok := m.imap[path]; ok {
		path = p
	}
	return m.imp.Import(path)
}

func (in *ingester) check(p *ListedPackage, imp types.Importer) *checked {
	c := &checked{listed: p, docs: map[token.Pos]string{}}
	if p.Error != nil {
		c.errors = append(c.errors, in.relErr(p.Error.Err))
	}
	for _, e := range p.DepsErrors {
		c.errors = append(c.errors, in.relErr(e.Err))
	}
	names := append(append([]string{}, p.GoFiles...), p.CgoFiles...)
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(in.fset, filepath.Join(p.Dir, name), nil, parser.ParseComments)
		if err != nil {
			c.errors = append(c.errors, in.relErr(err.Error()))
		}
		if f != nil {
			c.files = append(c.files, f)
		}
	}
	conf := types.Config{
		Importer:    mapImporter{imp, p.ImportMap},
		FakeImportC: len(p.CgoFiles) > 0,
		Error: func(err error) {
			if len(c.errors) < 50 {
				c.errors = append(c.errors, in.relErr(err.Error()))
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
		if strings.Count(conf.GoVersion, ".") > 1 {
			conf.GoVersion = conf.GoVersion[:strings.LastIndex(conf.GoVersion, ".")]
		}
	}
	c.pkg, _ = conf.Check(p.ImportPath, in.fset, c.files, nil)
	in.collectDocs(c)
	return c
}

// relErr makes file names in an error message relative to the module root.
func (in *ingester) relErr(msg string) string {
	if in.moduleDir != "" {
		msg = strings.ReplaceAll(msg, in.moduleDir+string(filepath.Separator), "")
	}
	return msg
}

// collectDocs maps each declaring identifier to its doc comment. A spec's
// own doc wins; a declaration without parentheses (`type T int`) uses the
// declaration's doc; specs inside a parenthesised group without their own
// doc have none (go/doc shows the group doc on the group, not on each name).
func (in *ingester) collectDocs(c *checked) {
	for _, f := range c.files {
		if f.Doc != nil && c.doc == "" {
			c.doc = strings.TrimSpace(f.Doc.Text())
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Doc != nil {
					c.docs[d.Name.Pos()] = d.Doc.Text()
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					doc := ""
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Doc != nil {
							doc = s.Doc.Text()
						} else if !d.Lparen.IsValid() && d.Doc != nil {
							doc = d.Doc.Text()
						}
						if doc != "" {
							c.docs[s.Name.Pos()] = doc
						}
						in.collectFieldDocs(c, s.Type)
					case *ast.ValueSpec:
						if s.Doc != nil {
							doc = s.Doc.Text()
						} else if !d.Lparen.IsValid() && d.Doc != nil {
							doc = d.Doc.Text()
						}
						if doc != "" {
							for _, n := range s.Names {
								c.docs[n.Pos()] = doc
							}
						}
					}
				}
			}
		}
	}
}

func (in *ingester) collectFieldDocs(c *checked, t ast.Expr) {
	ast.Inspect(t, func(n ast.Node) bool {
		var fields *ast.FieldList
		switch n := n.(type) {
		case *ast.StructType:
			fields = n.Fields
		case *ast.InterfaceType:
			fields = n.Methods
		default:
			return true
		}
		for _, f := range fields.List {
			doc := ""
			if f.Doc != nil {
				doc = f.Doc.Text()
			} else if f.Comment != nil {
				doc = f.Comment.Text()
			}
			if doc == "" {
				continue
			}
			if len(f.Names) == 0 {
				// Embedded: key by the type expression's position.
				c.docs[f.Type.Pos()] = doc
				if se, ok := f.Type.(*ast.StarExpr); ok {
					c.docs[se.X.Pos()] = doc
				}
			}
			for _, name := range f.Names {
				c.docs[name.Pos()] = doc
			}
		}
		return true
	})
}

// declEntry is one declaration with its sort key.
type declEntry struct {
	rank int // const, var, type, alias, func, method
	recv string
	name string
	obj  *Object
}

const (
	rankConst = iota
	rankVar
	rankType
	rankAlias
	rankFunc
	rankMethod
)

func (in *ingester) pos(p token.Pos) *Object {
	if !p.IsValid() {
		return nil
	}
	position := in.fset.Position(p)
	file := position.Filename
	if in.moduleDir != "" {
		if rel, err := filepath.Rel(in.moduleDir, file); err == nil {
			file = rel
		}
	}
	return Obj("file", filepath.ToSlash(file)).Set("line", position.Line).Set("col", position.Column)
}

// deprecated returns the text of a "Deprecated: " paragraph.
func deprecated(doc string) string {
	for _, para := range strings.Split(doc, "\n\n") {
		para = strings.TrimSpace(para)
		if strings.HasPrefix(para, "Deprecated: ") {
			return strings.Join(strings.Fields(strings.TrimPrefix(para, "Deprecated: ")), " ")
		}
	}
	return ""
}

func (in *ingester) declHead(c *checked, kind string, obj types.Object, exported bool) *Object {
	doc := strings.TrimRight(c.docs[obj.Pos()], "\n")
	o := Obj("kind", kind).Set("name", obj.Name()).Set("exported", exported)
	if p := in.pos(obj.Pos()); p != nil {
		o.Set("pos", p)
	}
	return o.SetOpt("doc", doc).SetOpt("deprecated", deprecated(doc))
}

// exportedDecls lists the exported declarations of a package.
func (in *ingester) exportedDecls(c *checked) []*declEntry {
	var out []*declEntry
	if c.pkg == nil {
		return nil
	}
	scope := c.pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			o := in.declHead(c, "const", obj, true).Set("type", in.typ(obj.Type()))
			val, kind := constValue(obj.Val())
			o.Set("value", val).Set("valueKind", kind)
			out = append(out, &declEntry{rank: rankConst, name: name, obj: o})
		case *types.Var:
			o := in.declHead(c, "var", obj, true).Set("type", in.typ(obj.Type()))
			out = append(out, &declEntry{rank: rankVar, name: name, obj: o})
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			o := in.declHead(c, "func", obj, true)
			o.SetOpt("typeParams", in.typeParams(sig.TypeParams()))
			o.Set("signature", in.signature(sig))
			out = append(out, &declEntry{rank: rankFunc, name: name, obj: o})
		case *types.TypeName:
			out = append(out, in.typeDecls(c, obj, true)...)
		}
	}
	return out
}

// typeDecls gives a type declaration and its exported methods.
func (in *ingester) typeDecls(c *checked, obj *types.TypeName, exported bool) []*declEntry {
	if obj.IsAlias() {
		o := in.declHead(c, "alias", obj, exported)
		if a, ok := obj.Type().(*types.Alias); ok {
			o.SetOpt("typeParams", in.typeParams(a.TypeParams()))
		}
		o.Set("target", in.typ(types.Unalias(obj.Type())))
		return []*declEntry{{rank: rankAlias, name: obj.Name(), obj: o}}
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		return nil
	}
	o := in.declHead(c, "type", obj, exported)
	o.SetOpt("typeParams", in.typeParams(named.TypeParams()))
	o.Set("underlying", in.underlying(c, named.Underlying()))
	out := []*declEntry{{rank: rankType, name: obj.Name(), obj: o}}
	for i := 0; i < named.NumMethods(); i++ {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		recv := sig.Recv()
		r := &Object{}
		r.SetOpt("name", recvName(recv))
		_, ptr := recv.Type().(*types.Pointer)
		r.SetOpt("pointer", ptr)
		r.Set("type", obj.Name())
		var targs []any
		for j := 0; j < sig.RecvTypeParams().Len(); j++ {
			targs = append(targs, sig.RecvTypeParams().At(j).Obj().Name())
		}
		r.SetOpt("typeArgs", targs)
		mo := in.declHead(c, "method", m, exported).Set("recv", r).Set("signature", in.signature(sig))
		out = append(out, &declEntry{rank: rankMethod, recv: obj.Name(), name: m.Name(), obj: mo})
	}
	return out
}

func recvName(v *types.Var) string {
	if v.Name() == "_" {
		return ""
	}
	return v.Name()
}

func (in *ingester) typeParams(list *types.TypeParamList) []any {
	var out []any
	for i := 0; i < list.Len(); i++ {
		tp := list.At(i)
		out = append(out, Obj("name", tp.Obj().Name()).Set("constraint", in.typ(tp.Constraint())))
	}
	return out
}

// underlying encodes a declared type's underlying type, with the doc and
// position of each field and interface method.
func (in *ingester) underlying(c *checked, t types.Type) *Object {
	switch t := t.(type) {
	case *types.Struct:
		return Obj("kind", "struct").SetOpt("fields", in.fields(c, t))
	case *types.Interface:
		return in.iface(c, t)
	}
	return in.typ(t)
}

func (in *ingester) fields(c *checked, t *types.Struct) []any {
	var out []any
	for i := 0; i < t.NumFields(); i++ {
		f := t.Field(i)
		o := Obj("name", f.Name())
		if f.Exported() {
			o.Set("type", in.typ(f.Type()))
		} else {
			o.Set("type", Obj("kind", "hidden"))
		}
		o.SetOpt("embedded", f.Embedded())
		if f.Exported() {
			o.SetOpt("tag", t.Tag(i))
		}
		o.Set("exported", f.Exported())
		if c != nil {
			o.SetOpt("doc", strings.TrimRight(c.docs[f.Pos()], "\n"))
			if p := in.pos(f.Pos()); p != nil {
				o.Set("pos", p)
			}
		}
		out = append(out, o)
	}
	return out
}

func (in *ingester) iface(c *checked, t *types.Interface) *Object {
	if t.NumExplicitMethods() == 0 && t.NumEmbeddeds() == 0 {
		return Obj("kind", "any")
	}
	var methods, embeds []any
	for i := 0; i < t.NumExplicitMethods(); i++ {
		m := t.ExplicitMethod(i)
		o := Obj("name", m.Name()).Set("type", in.signature(m.Type().(*types.Signature)))
		if c != nil {
			o.SetOpt("doc", strings.TrimRight(c.docs[m.Pos()], "\n"))
			if p := in.pos(m.Pos()); p != nil {
				o.Set("pos", p)
			}
		}
		methods = append(methods, o)
	}
	for i := 0; i < t.NumEmbeddeds(); i++ {
		embeds = append(embeds, in.typ(t.EmbeddedType(i)))
	}
	return Obj("kind", "interface").SetOpt("methods", methods).SetOpt("embeds", embeds)
}

func (in *ingester) signature(sig *types.Signature) *Object {
	vars := func(tuple *types.Tuple) []any {
		var out []any
		for i := 0; i < tuple.Len(); i++ {
			v := tuple.At(i)
			o := &Object{}
			if v.Name() != "" && v.Name() != "_" {
				o.Set("name", v.Name())
			}
			o.Set("type", in.typ(v.Type()))
			out = append(out, o)
		}
		return out
	}
	return Obj("kind", "func").SetOpt("params", vars(sig.Params())).
		SetOpt("results", vars(sig.Results())).SetOpt("variadic", sig.Variadic())
}

// typ encodes a type in a type position (no docs or positions).
func (in *ingester) typ(t types.Type) *Object {
	switch t := t.(type) {
	case *types.Alias:
		return in.typ(types.Unalias(t))
	case *types.Basic:
		name := t.Name()
		if t.Kind() == types.UnsafePointer {
			name = "unsafe.Pointer"
		}
		return Obj("kind", "basic").Set("name", name)
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil {
			switch obj.Name() {
			case "error":
				return Obj("kind", "error")
			case "comparable":
				return Obj("kind", "comparable")
			}
		}
		if obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() {
			// Declared inside a function: not nameable from outside.
			return in.typ(t.Underlying())
		}
		in.noteNamed(obj)
		o := Obj("kind", "named").Set("pkg", obj.Pkg().Path()).Set("name", obj.Name())
		var args []any
		for i := 0; i < t.TypeArgs().Len(); i++ {
			args = append(args, in.typ(t.TypeArgs().At(i)))
		}
		return o.SetOpt("args", args)
	case *types.TypeParam:
		return Obj("kind", "typeparam").Set("name", t.Obj().Name())
	case *types.Pointer:
		return Obj("kind", "pointer").Set("elem", in.typ(t.Elem()))
	case *types.Slice:
		return Obj("kind", "slice").Set("elem", in.typ(t.Elem()))
	case *types.Array:
		return Obj("kind", "array").Set("len", t.Len()).Set("elem", in.typ(t.Elem()))
	case *types.Map:
		return Obj("kind", "map").Set("key", in.typ(t.Key())).Set("elem", in.typ(t.Elem()))
	case *types.Chan:
		dir := "both"
		switch t.Dir() {
		case types.SendOnly:
			dir = "send"
		case types.RecvOnly:
			dir = "recv"
		}
		return Obj("kind", "chan").Set("dir", dir).Set("elem", in.typ(t.Elem()))
	case *types.Signature:
		return in.signature(t)
	case *types.Struct:
		return Obj("kind", "struct").SetOpt("fields", in.fields(nil, t))
	case *types.Interface:
		return in.iface(nil, t)
	case *types.Union:
		var terms []any
		for i := 0; i < t.Len(); i++ {
			term := t.Term(i)
			o := &Object{}
			o.SetOpt("tilde", term.Tilde())
			o.Set("type", in.typ(term.Type()))
			terms = append(terms, o)
		}
		return Obj("kind", "union").Set("terms", terms)
	}
	panic(fmt.Sprintf("apisurface: unexpected type %T", t))
}

// noteNamed records a named type mention: an external, or a hidden type.
func (in *ingester) noteNamed(obj *types.TypeName) {
	path := obj.Pkg().Path()
	if _, ok := in.surface[path]; ok {
		if obj.Exported() {
			return
		}
		if in.hidden[path] == nil {
			in.hidden[path] = map[string]bool{}
		}
		if in.hidden[path][obj.Name()] {
			return
		}
		in.hidden[path][obj.Name()] = true
		// Use the source-checked object (an import may give another).
		if src := in.surface[path].pkg.Scope().Lookup(obj.Name()); src != nil {
			if tn, ok := src.(*types.TypeName); ok {
				in.hiddenWork = append(in.hiddenWork, tn)
			}
		}
		return
	}
	if in.inExternal {
		return
	}
	key := path + "\x00" + obj.Name()
	if _, ok := in.externals[key]; !ok {
		in.externals[key] = obj
	}
}

// constValue renders an exact constant and its kind.
func constValue(v constant.Value) (string, string) {
	switch v.Kind() {
	case constant.Bool:
		return strconv.FormatBool(constant.BoolVal(v)), "bool"
	case constant.String:
		return strconv.Quote(constant.StringVal(v)), "string"
	case constant.Int:
		return v.ExactString(), "int"
	case constant.Float:
		return v.ExactString(), "float"
	case constant.Complex:
		return "(" + constant.Real(v).ExactString() + " + " + constant.Imag(v).ExactString() + "i)", "complex"
	}
	return v.ExactString(), "unknown"
}
