//===- DeclFileTest.cpp - The strict checker of declaration files ---------===//
//
// Part of mochi-go. Accepted forms are compared as mochi-go-check --list
// prints them; refused forms as printed diagnostics, so message, line and
// column are all checked exactly.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/DeclFile.h"

#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mochigo::mochi;
using llvm::StringRef;

namespace {

std::string diags(const DeclFile &file) {
  std::string out;
  llvm::raw_string_ostream os(out);
  printDiagnostics(file, os);
  return out;
}

/// The --list lines of `text`, which must have no diagnostic.
std::string listOf(StringRef text) {
  DeclFile file = checkDeclFile(text, "x.mochi");
  EXPECT_EQ(diags(file), "") << text.str();
  std::string out;
  for (const Decl &d : file.decls)
    out += formatDecl(d) + "\n";
  return out;
}

/// The diagnostics of `text`.
std::string errorsOf(StringRef text) {
  return diags(checkDeclFile(text, "x.mochi"));
}

/// The first diagnostic of `text` as `line:col: message`.
std::string firstError(StringRef text) {
  DeclFile file = checkDeclFile(text, "x.mochi");
  if (file.diagnostics.empty())
    return "no error";
  const Diagnostic &d = file.diagnostics.front();
  return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) +
         ": " + d.message;
}

/// Only the `line:col` of the first diagnostic.
std::string firstErrorLoc(StringRef text) {
  std::string e = firstError(text);
  return e.substr(0, e.find(": "));
}

//===----------------------------------------------------------------------===//
// Accepted forms
//===----------------------------------------------------------------------===//

TEST(DeclFileTest, EveryDeclarationForm) {
  EXPECT_EQ(listOf("package uuid\n"
                   "import go \"github.com/google/uuid@v1.3.0\" as uuid auto\n"
                   "import \"math\"\n"
                   "import python \"m\" !a, b\n"
                   "extern type UUID\n"
                   "extern object Console\n"
                   "extern var uuid.Nil: UUID\n"
                   "extern let a.b.c: int\n"
                   "extern fun uuid.Parse(s: string): Result<bytes, string>\n"
                   "extern fun now()\n"
                   "extern fun f(a, b: int)\n"
                   "extern go fun strings.ToUpper(s: string): string\n"
                   "extern python fun p()\n"
                   "extern js fun j(): int\n"
                   "type Point { x: int, y: int }\n"
                   "type P2 = { x: int y: float, }\n"
                   "type Shape = Circle(r: float) | Rect { w: float h: float }"
                   " | Empty\n"
                   "type One = Only(a: int,)\n"
                   "type Two = A { }\n"
                   "type Alias = list<string>?\n"
                   "type A2 = B\n"),
            "package uuid\n"
            "import go \"github.com/google/uuid@v1.3.0\" as uuid auto\n"
            "import \"math\"\n"
            "import python \"m\" !a, b\n"
            "extern_type UUID\n"
            "extern_object Console\n"
            "extern_var uuid.Nil: UUID\n"
            "extern_var a.b.c: int [let]\n"
            "extern_fun uuid.Parse(s: string): Result<bytes, string>\n"
            "extern_fun now()\n"
            "extern_fun f(a, b: int)\n"
            "extern_fun strings.ToUpper(s: string): string [go]\n"
            "extern_fun p() [python]\n"
            "extern_fun j(): int [js]\n"
            "type_record Point {x: int, y: int}\n"
            "type_record P2 {x: int, y: float}\n"
            "type_sum Shape = Circle(r: float) | Rect {w: float, h: float} | "
            "Empty\n"
            "type_sum One = Only(a: int)\n"
            "type_sum Two = A {}\n"
            "type_alias Alias = list<string>?\n"
            "type_alias A2 = B\n");
}

TEST(DeclFileTest, TypeRefs) {
  EXPECT_EQ(listOf("extern var a: Result<{r0: int, r1: list<string>}, string>"
                   "\nextern var b: fun(int): string\n"
                   "extern var c: fun()\n"
                   "extern var d: fun(int, fun(): bool?): [int]?\n"
                   "extern var e: int?\n"
                   "extern var f: [int]\n"
                   "extern var g: list<list<int>>\n"
                   "extern var h: map<string,map<string,int>>?\n"
                   "extern var i: stream<int>\n"
                   "extern var j: set<int>\n"
                   "extern var k: omap<string, int>\n"
                   "extern var l: {}\n"
                   "extern var m: {a: int,}\n"
                   "extern var n: [[{x: int}]]\n"),
            "extern_var a: Result<{r0: int, r1: list<string>}, string>\n"
            "extern_var b: fun(int): string\n"
            "extern_var c: fun()\n"
            "extern_var d: fun(int, fun(): bool?): [int]?\n"
            "extern_var e: int?\n"
            "extern_var f: [int]\n"
            "extern_var g: list<list<int>>\n"
            "extern_var h: map<string, map<string, int>>?\n"
            "extern_var i: stream<int>\n"
            "extern_var j: set<int>\n"
            "extern_var k: omap<string, int>\n"
            "extern_var l: {}\n"
            "extern_var m: {a: int}\n"
            "extern_var n: [[{x: int}]]\n");
}

TEST(DeclFileTest, DeclarationFields) {
  DeclFile file = checkDeclFile(
      "\xEF\xBB\xBF// c\n  extern fun a.b(x: int, y): [int]\n", "x.mochi");
  ASSERT_EQ(diags(file), "");
  ASSERT_EQ(file.decls.size(), 1u);
  const Decl &d = file.decls[0];
  EXPECT_EQ(d.kind, Decl::Kind::ExternFun);
  EXPECT_EQ(d.name, "a.b");
  EXPECT_EQ(d.loc, (Loc{2, 3}));
  EXPECT_EQ(d.nameLoc, (Loc{2, 14}));
  ASSERT_EQ(d.fields.size(), 2u);
  EXPECT_EQ(d.fields[0].name, "x");
  EXPECT_EQ(d.fields[0].type, "int");
  EXPECT_EQ(d.fields[0].loc, (Loc{2, 18}));
  EXPECT_EQ(d.fields[1].name, "y");
  EXPECT_EQ(d.fields[1].type, "");
  EXPECT_EQ(d.type, "[int]");
  EXPECT_EQ(declKindName(d.kind), "extern_fun");
}

TEST(DeclFileTest, CommentsAndWhitespace) {
  EXPECT_EQ(listOf("# hash\n/* block * / ** \n */extern type A; extern type "
                   "B // line\r\nextern/**/type C\t\n"
                   "extern fun f(\n  a: int,\n  b: int\n): int\n"
                   "extern var s: string /* unterminated \" in a comment */\n"),
            "extern_type A\nextern_type B\nextern_type C\n"
            "extern_fun f(a: int, b: int): int\nextern_var s: string\n");
  EXPECT_EQ(listOf(""), "");
  EXPECT_EQ(listOf("// only a comment"), "");
}

TEST(DeclFileTest, StringsInImports) {
  EXPECT_EQ(listOf("import \"a\\\"b\\n\\x41\\101\\u00e9\\U0001F600\"\n"
                   "import \"multi\nline\"\n"),
            "import \"a\\\"b\\n\\x41\\101\\u00e9\\U0001F600\"\n"
            "import \"multi\nline\"\n");
}

//===----------------------------------------------------------------------===//
// Identifiers and keywords
//===----------------------------------------------------------------------===//

TEST(DeclFileTest, UnicodeIdentifiers) {
  // Letters (é, ü, Greek, CJK), other symbols (★ U+2605, © U+00A9, 😀
  // U+1F600 are So), numbers after the first character (Nd, Nl, No).
  EXPECT_EQ(listOf("extern type café\nextern type ★\nextern type ©x\n"
                   "extern type 😀\nextern type λ\nextern type 名前\n"
                   "extern type x١\nextern type xⅫ\nextern type x²\n"
                   "extern type _\nextern type _1\n"),
            "extern_type café\nextern_type ★\nextern_type ©x\n"
            "extern_type 😀\nextern_type λ\nextern_type 名前\n"
            "extern_type x١\nextern_type xⅫ\nextern_type x²\n"
            "extern_type _\nextern_type _1\n");
  EXPECT_TRUE(isIdentStartRune(0x2605));  // ★ So
  EXPECT_FALSE(isIdentStartRune(0x2211)); // ∑ Sm
  EXPECT_FALSE(isIdentStartRune(0x0661)); // ١ Nd: not first
  EXPECT_TRUE(isIdentContinueRune(0x0661));
  EXPECT_FALSE(isIdentStartRune('1'));
  EXPECT_TRUE(isIdentContinueRune('1'));
  EXPECT_TRUE(isIdentStartRune('_'));
  EXPECT_FALSE(isIdentContinueRune('-'));
  EXPECT_FALSE(isIdentContinueRune(0x00A0)); // no-break space, Zs
}

TEST(DeclFileTest, UnicodeRefused) {
  // ∑ is a math symbol (Sm), not an other symbol (So).
  EXPECT_EQ(errorsOf("extern type ∑\n"),
            "x.mochi:1:13: error: character U+2211 `∑` cannot appear in Mochi "
            "source outside strings and comments (identifiers take letters, "
            "other symbols (So), numbers and `_`)\n");
  // A number cannot start an identifier; a non-ASCII digit is no Int.
  EXPECT_EQ(firstErrorLoc("extern type ١x\n"), "1:13");
  EXPECT_EQ(firstErrorLoc("extern type x\xA0y\n"), "1:14");
  EXPECT_EQ(firstError("extern type a\xFF\n"),
            "1:14: invalid UTF-8 (byte 0xFF)");
  // A no-break space is not whitespace.
  EXPECT_EQ(firstError("extern\xC2\xA0type A\n"),
            "1:7: character U+00A0 `\xC2\xA0` cannot appear in Mochi source "
            "outside strings and comments (identifiers take letters, other "
            "symbols (So), numbers and `_`)");
}

TEST(DeclFileTest, KeywordBoundaries) {
  // The keyword rule needs the whole ASCII word: these are identifiers.
  EXPECT_EQ(listOf("extern type type_\nextern type Type\nextern type types\n"
                   "extern type funny\nextern type in2\nextern type TRUE\n"
                   "extern type trueish\nextern type null\n"),
            "extern_type type_\nextern_type Type\nextern_type types\n"
            "extern_type funny\nextern_type in2\nextern_type TRUE\n"
            "extern_type trueish\nextern_type null\n");
  // `\b` is an ASCII boundary: `typeé` is the keyword `type`, then `é`.
  EXPECT_EQ(firstError("extern type typeé\n"),
            "1:13: `type` is a Mochi keyword and cannot be the name of an "
            "extern type");
  // Keywords as generic names are fine, not as plain types.
  EXPECT_EQ(firstError("extern var x: set\n"),
            "1:15: `set` is a Mochi keyword, not a type");
  EXPECT_EQ(firstError("extern var x: stream\n"),
            "1:15: `stream` takes a type argument: `stream<T>`");
}

TEST(DeclFileTest, KeywordsAsNames) {
  EXPECT_EQ(firstError("extern fun a.type()\n"),
            "1:14: `type` is a Mochi keyword and cannot be part of the name "
            "of an extern function");
  EXPECT_EQ(firstError("extern fun f(in: int)\n"),
            "1:14: `in` is a Mochi keyword and cannot be a parameter name");
  EXPECT_EQ(firstError("extern fun f(a: int, set: int)\n"),
            "1:22: `set` is a Mochi keyword and cannot be a parameter name");
  EXPECT_EQ(firstError("extern var await: int\n"),
            "1:12: `await` is a Mochi keyword and cannot be the name of an "
            "extern variable");
  EXPECT_EQ(firstError("type T { match: int }\n"),
            "1:10: `match` is a Mochi keyword and cannot be a field name");
  EXPECT_EQ(firstError("type T = A | none\n"),
            "1:14: `none` is a Mochi keyword and cannot be a variant name");
  EXPECT_EQ(firstError("extern type true\n"),
            "1:13: `true` is a boolean literal and cannot be the name of an "
            "extern type");
  EXPECT_EQ(firstError("import go \"x\" as fun\n"),
            "1:18: `fun` is a Mochi keyword and cannot be an import alias");
  for (StringRef kw : {"test", "close", "when", "try", "catch", "not", "omap",
                       "async", "spawn", "all", "none"})
    EXPECT_TRUE(isLexerKeyword(kw)) << kw.str();
  EXPECT_FALSE(isLexerKeyword("null"));
  EXPECT_FALSE(isLexerKeyword("true"));
  EXPECT_FALSE(isLexerKeyword("object"));
}

//===----------------------------------------------------------------------===//
// Refused forms
//===----------------------------------------------------------------------===//

TEST(DeclFileTest, DottedTypeNames) {
  EXPECT_EQ(errorsOf("extern fun b(): strings.Builder\n"),
            "x.mochi:1:24: error: Mochi type names have no dots: "
            "`strings.Builder`; declare the type with `extern type` under a "
            "plain name\n");
  EXPECT_EQ(firstErrorLoc("extern var x: list<a.b.C>\n"), "1:21");
  EXPECT_EQ(firstErrorLoc("extern fun f(x: pkg.List<int>)\n"), "1:20");
  EXPECT_EQ(firstErrorLoc("type T = a.B\n"), "1:11");
  EXPECT_EQ(firstError("type a.B = int\n"),
            "1:7: a type declaration takes one identifier, and Mochi type "
            "names have no dots: `a.B`");
}

TEST(DeclFileTest, TupleTypes) {
  EXPECT_EQ(errorsOf("extern fun f(): (int, error)\n"),
            "x.mochi:1:17: error: Mochi has no tuple types; use a record type "
            "or an inline struct such as `{r0: int, r1: string}`\n");
  EXPECT_EQ(firstErrorLoc("extern fun f(p: list<(int, int)>)\n"), "1:22");
  EXPECT_EQ(firstErrorLoc("type T = (int)\n"), "1:10");
}

TEST(DeclFileTest, ExternTypeTakesOneIdentifier) {
  EXPECT_EQ(errorsOf("extern type a.B\n"),
            "x.mochi:1:14: error: `extern type` takes one identifier, and "
            "Mochi type names have no dots: `a.B`\n");
  EXPECT_EQ(errorsOf("extern type X { a: int }\n"),
            "x.mochi:1:15: error: `extern type` takes one identifier and no "
            "body; a type with fields is `type X { field: type }`\n");
  EXPECT_EQ(firstErrorLoc("extern type X\n{ a: int }\n"), "2:1");
  EXPECT_EQ(firstErrorLoc("extern type X<T>\n"), "1:14");
  EXPECT_EQ(firstErrorLoc("extern object a.b\n"), "1:16");
}

TEST(DeclFileTest, NotDeclarations) {
  EXPECT_EQ(errorsOf("link \"x\"\n"),
            "x.mochi:1:1: error: not a declaration: `link` starts an "
            "expression or assignment (a declaration file holds only "
            "`package`, `import`, `extern` and `type` declarations)\n");
  EXPECT_EQ(firstErrorLoc("extern type A\nsymbol a.b = \"c\"\n"), "2:1");
  EXPECT_EQ(firstError("let x = 1\n"),
            "1:1: not a declaration: a `let` binding; declare a variable with "
            "`extern let name: type` (a declaration file holds only "
            "`package`, `import`, `extern` and `type` declarations)");
  EXPECT_EQ(firstError("fun f(): int { return 1 }\n"),
            "1:1: not a declaration: a `fun` with a body; declare a function "
            "with `extern fun name(params): type` (a declaration file holds "
            "only `package`, `import`, `extern` and `type` declarations)");
  EXPECT_EQ(firstErrorLoc("  test \"x\" {}\n"), "1:3");
  EXPECT_EQ(firstErrorLoc("extern type A 42\n"), "1:15");
  EXPECT_EQ(firstErrorLoc("extern type A\n\"s\"\n"), "2:1");
  EXPECT_EQ(firstError("extern type A\npackage p\n"),
            "2:1: `package` must be the first statement of the file");
  EXPECT_EQ(firstError("extern const x: int\n"),
            "1:8: expected `type`, `var`, `let`, `fun` or `object` after "
            "`extern`, found `const`");
}

TEST(DeclFileTest, GeneratorMistakes) {
  EXPECT_EQ(firstError("extern fun f() -> int\n"),
            "1:16: the result type of a Mochi function follows `:`, not `->`");
  EXPECT_EQ(firstError("extern fun f() { }\n"),
            "1:16: an `extern fun` has no body");
  EXPECT_EQ(firstError("extern var x: fun(a: int): int\n"),
            "1:20: the parameters of a function type are types without "
            "names: `fun(int): string`");
  EXPECT_EQ(firstError("extern fun f(a: int,)\n"),
            "1:21: expected a parameter name, found `)`");
  EXPECT_EQ(firstError("extern var x: stream<int, int>\n"),
            "1:25: `stream` takes one type argument: `stream<T>`");
  EXPECT_EQ(firstError("extern var x: map<string,>\n"),
            "1:26: expected a type, found `>`");
  EXPECT_EQ(firstError("extern var x: int??\n"),
            "1:18: not a declaration: unexpected `??` (a declaration file "
            "holds only `package`, `import`, `extern` and `type` "
            "declarations)");
  EXPECT_EQ(firstError("extern var x int\n"),
            "1:14: expected `:` and the type of `extern var x`, found `int`");
  EXPECT_EQ(firstError("type T {}\n"),
            "1:9: a record type needs at least one field");
  {
    // Not a record (no member) but the alias of the empty inline record.
    DeclFile f = checkDeclFile("type T = {}\n", "t.mochi");
    EXPECT_FALSE(f.hasErrors());
    ASSERT_EQ(f.decls.size(), 1u);
    EXPECT_EQ(f.decls[0].kind, Decl::Kind::TypeAlias);
    EXPECT_EQ(f.decls[0].type, "{}");
  }
  EXPECT_EQ(firstError("type T { a: int\n  fun m(): int { return 1 }\n}\n"),
            "2:3: a method (`fun` inside a type) is not allowed in a "
            "declaration file: it has a body; declare it as `extern fun "
            "T.name(self: T, ...)` instead");
  EXPECT_EQ(firstError("type T = A { x: int, y: int }\n"),
            "1:20: the fields of a variant in braces are not separated by "
            "commas (`A { a: int b: int }`); use parentheses for a "
            "comma-separated list");
  EXPECT_EQ(firstError("type T = A | list<int>\n"),
            "1:18: a variant of a sum type is a name with optional fields "
            "(`Circle(r: float)`), not a type");
  EXPECT_EQ(firstError("type T<X> = X\n"),
            "1:7: a Mochi type declaration has no type parameters");
  EXPECT_EQ(firstError("type T int\n"),
            "1:8: expected `=` or `{` after `type T`, found `int`");
  EXPECT_EQ(firstError("import go uuid\n"),
            "1:11: expected the import path, a string, found `uuid`");
}

TEST(DeclFileTest, LexerErrors) {
  EXPECT_EQ(errorsOf("extern type A @\n"),
            "x.mochi:1:15: error: unexpected character `@`\n");
  EXPECT_EQ(errorsOf("extern var x: int\n/* open\n * comment\n"),
            "x.mochi:2:1: error: unterminated block comment (`/*` without "
            "`*/`)\n");
  EXPECT_EQ(errorsOf("import \"abc\n"),
            "x.mochi:1:8: error: unterminated string (no closing `\"` before "
            "the end of the file)\n");
  EXPECT_EQ(firstError("import \"abc\\\nd\"\n"),
            "1:8: unterminated string: a `\\` at the end of line 1 (a string "
            "may span lines, but not with a backslash before the line end)");
  EXPECT_EQ(firstError("import \"a\\qb\"\n"),
            "1:10: invalid escape `\\q` in a string (Go's escapes: \\a \\b "
            "\\f \\n \\r \\t \\v \\\\ \\\" \\xHH \\ooo \\uHHHH "
            "\\UHHHHHHHH)");
  EXPECT_EQ(firstError("import \"\\'\"\n"),
            "1:9: invalid escape `\\'` in a string (Go's escapes: \\a \\b "
            "\\f \\n \\r \\t \\v \\\\ \\\" \\xHH \\ooo \\uHHHH "
            "\\UHHHHHHHH)");
  EXPECT_EQ(firstError("import \"\\x4\"\n"),
            "1:9: invalid escape: `\\x` takes two hexadecimal digits");
  EXPECT_EQ(firstError("import \"\\uD800\"\n"),
            "1:9: invalid escape: U+D800 is not a Unicode code point");
  EXPECT_EQ(firstError("import \"\\400\"\n"),
            "1:9: invalid escape: an octal escape is at most `\\377`");
  EXPECT_EQ(firstError("extern type A\x01\n"),
            "1:14: unexpected character U+0001 (Mochi's whitespace is space, "
            "tab, CR, LF and `;`)");
  EXPECT_EQ(firstErrorLoc("extern\ftype A\n"), "1:7");
}

TEST(DeclFileTest, Numbers) {
  // Numbers are no declaration, but they must lex as Mochi lexes them: the
  // error names the whole token.
  EXPECT_EQ(firstError("1.5e+3\n"),
            "1:1: not a declaration: unexpected `1.5e+3` (a declaration file "
            "holds only `package`, `import`, `extern` and `type` "
            "declarations)");
  EXPECT_EQ(firstError("0x1F\n").substr(0, 34),
            "1:1: not a declaration: unexpected");
  EXPECT_NE(firstError("0x1F\n").find("`0x1F`"), std::string::npos);
  EXPECT_NE(firstError("1e9\n").find("`1e9`"), std::string::npos);
  EXPECT_NE(firstError("0b102\n").find("`0b10`"), std::string::npos);
  EXPECT_NE(firstError("0xg\n").find("`0`"), std::string::npos);
  EXPECT_NE(firstError("1.x\n").find("`1`"), std::string::npos);
  EXPECT_NE(firstError("1..2\n").find("`1`"), std::string::npos);
}

TEST(DeclFileTest, Recovery) {
  // One error per bad statement; checking goes on at the next line that
  // starts with a keyword or an identifier at column 1.
  EXPECT_EQ(errorsOf("extern type a.B\n"
                     "extern type Good\n"
                     "extern var x: (int, int)\n"
                     "  extern var y: a.b\n"
                     "link \"x\"\n"
                     "symbol a.b = \"c\"\n"
                     "extern fun f(x: int\n"
                     "extern type C @\n"),
            "x.mochi:1:14: error: `extern type` takes one identifier, and "
            "Mochi type names have no dots: `a.B`\n"
            "x.mochi:3:15: error: Mochi has no tuple types; use a record type "
            "or an inline struct such as `{r0: int, r1: string}`\n"
            "x.mochi:5:1: error: not a declaration: `link` starts an "
            "expression or assignment (a declaration file holds only "
            "`package`, `import`, `extern` and `type` declarations)\n"
            "x.mochi:6:1: error: not a declaration: `symbol` starts an "
            "expression or assignment (a declaration file holds only "
            "`package`, `import`, `extern` and `type` declarations)\n"
            "x.mochi:8:1: error: expected `,` or `)` after a parameter, found "
            "`extern`\n"
            "x.mochi:8:15: error: unexpected character `@`\n");
  DeclFile file = checkDeclFile("extern type a.B\nextern type Good\n", "x");
  ASSERT_EQ(file.decls.size(), 1u);
  EXPECT_EQ(file.decls[0].name, "Good");
  EXPECT_TRUE(file.hasErrors());
}

} // namespace
