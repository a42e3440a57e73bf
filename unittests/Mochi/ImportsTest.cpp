//===- ImportsTest.cpp - import go, extern declarations, Mochi aliases ----===//
//
// Part of mochi-go. Every diagnostic is checked as printed, so message, line
// and column are all compared exactly.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/Imports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <iterator>

using namespace mochigo::mochi;
using llvm::StringRef;

namespace {

SourceFile parse(StringRef text) { return parseSource(text, "app.mochi"); }

std::string diags(const SourceFile &file) {
  std::string out;
  llvm::raw_string_ostream os(out);
  printDiagnostics(file, os);
  return out;
}

/// The diagnostics of `text`, which must record no import and no extern.
std::string errorsOf(StringRef text) {
  SourceFile file = parse(text);
  EXPECT_TRUE(file.goImports.empty()) << text.str();
  EXPECT_TRUE(file.externs.empty()) << text.str();
  return diags(file);
}

Loc at(unsigned line, unsigned column) { return Loc{line, column}; }

//===----------------------------------------------------------------------===//
// Identifiers and aliases
//===----------------------------------------------------------------------===//

TEST(MochiIdentifiers, Keywords) {
  // The Keyword and Bool rules of Mochi's lexer (2026-12).
  for (StringRef k :
       {"agent",  "all",    "async",    "await",  "break",   "catch",
        "close",  "continue", "else",   "emit",   "expect",  "export",
        "extern", "fact",   "false",    "fetch",  "for",     "fun",
        "generate", "if",   "import",   "in",     "intent",  "let",
        "load",   "match",  "none",     "not",    "omap",    "on",
        "package", "return", "rule",    "save",   "set",     "spawn",
        "stream", "test",   "then",     "true",   "try",     "type",
        "var",    "when",   "while"})
    EXPECT_TRUE(isMochiKeyword(k)) << k.str();
  // `null` was a keyword of older lexers and is an identifier now.
  for (StringRef w : {"", "go", "as", "auto", "Type", "types", "from", "int",
                      "null", "type_", "bench"})
    EXPECT_FALSE(isMochiKeyword(w)) << w.str();
}

TEST(MochiIdentifiers, Aliases) {
  EXPECT_EQ(aliasProblem("uuid"), "");
  EXPECT_EQ(aliasProblem("go_cmp"), "");
  EXPECT_EQ(aliasProblem("type_"), "");
  EXPECT_EQ(aliasProblem("type"),
            "is not a Mochi identifier (it is a keyword)");
  EXPECT_EQ(aliasProblem("go-cmp"), "is not a Mochi identifier");
  EXPECT_NE(aliasProblem("my__lib"), "");
  EXPECT_EQ(fixAlias("my__lib"), "my_lib");
  EXPECT_EQ(fixAlias("a.-b"), "a_b");
  EXPECT_EQ(fixAlias("set"), "set_");
  EXPECT_EQ(defaultAlias("example.com/x__y"), "x_y");
  EXPECT_EQ(defaultAlias("example.com/set"), "set_");
}

TEST(MochiIdentifiers, IdentifierForm) {
  EXPECT_TRUE(isMochiIdentifier("uuid"));
  EXPECT_TRUE(isMochiIdentifier("_"));
  EXPECT_TRUE(isMochiIdentifier("_3d"));
  EXPECT_TRUE(isMochiIdentifier("go_cmp2"));
  EXPECT_TRUE(isMochiIdentifier("type")); // the form; a keyword all the same
  EXPECT_FALSE(isMochiIdentifier(""));
  EXPECT_FALSE(isMochiIdentifier("3d"));
  EXPECT_FALSE(isMochiIdentifier("go-cmp"));
  EXPECT_FALSE(isMochiIdentifier("yaml.v3"));
  EXPECT_FALSE(isMochiIdentifier("caf\xC3\xA9"));
}

TEST(MochiIdentifiers, FixIdentifier) {
  EXPECT_EQ(fixIdentifier("uuid"), "uuid");
  EXPECT_EQ(fixIdentifier("yaml.v3"), "yaml_v3");
  EXPECT_EQ(fixIdentifier("go-cmp"), "go_cmp");
  EXPECT_EQ(fixIdentifier("3d"), "_3d");
  EXPECT_EQ(fixIdentifier(""), "_");
  EXPECT_EQ(fixIdentifier("type"), "type_");
  EXPECT_EQ(fixIdentifier("fun"), "fun_");
  EXPECT_EQ(fixIdentifier("caf\xC3\xA9"), "caf__");
}

TEST(MochiIdentifiers, DefaultAlias) {
  EXPECT_EQ(defaultAlias("github.com/google/uuid"), "uuid");
  EXPECT_EQ(defaultAlias("github.com/google/go-cmp"), "go_cmp");
  EXPECT_EQ(defaultAlias("gopkg.in/yaml.v3"), "yaml");
  EXPECT_EQ(defaultAlias("gopkg.in/check.v1"), "check");
  EXPECT_EQ(defaultAlias("github.com/x/y/v2"), "y");
  EXPECT_EQ(defaultAlias("github.com/x/y/v12"), "y");
  EXPECT_EQ(defaultAlias("github.com/x/v0"), "v0"); // not a major suffix
  EXPECT_EQ(defaultAlias("github.com/x/y.v02"), "y_v02");
  EXPECT_EQ(defaultAlias("example.com/foo.bar"), "foo_bar");
  EXPECT_EQ(defaultAlias("example.com/3d"), "_3d");
  EXPECT_EQ(defaultAlias("example.com/type"), "type_");
  EXPECT_EQ(defaultAlias("example.com/match/v3"), "match_");
  EXPECT_EQ(defaultAlias("net/http"), "http");
  EXPECT_EQ(defaultAlias("encoding/json"), "json");
  EXPECT_EQ(defaultAlias("strings"), "strings");
  EXPECT_EQ(defaultAlias("go/types"), "types");
  EXPECT_EQ(defaultAlias(""), "go");
}

TEST(MochiIdentifiers, PathIdentifierKeepsKeywords) {
  // The C-symbol rule of the type map: no keyword suffix.
  EXPECT_EQ(pathIdentifier("example.com/type"), "type");
  EXPECT_EQ(pathIdentifier("gopkg.in/yaml.v3"), "yaml");
  EXPECT_EQ(pathIdentifier("github.com/google/go-cmp"), "go_cmp");
  EXPECT_EQ(pathIdentifier(""), "go");
}

TEST(MochiIdentifiers, StdlibPath) {
  EXPECT_TRUE(isStdlibPath("strings"));
  EXPECT_TRUE(isStdlibPath("net/http"));
  EXPECT_TRUE(isStdlibPath("encoding/json"));
  EXPECT_TRUE(isStdlibPath("crypto/x509.v2")); // only the first element
  EXPECT_FALSE(isStdlibPath("github.com/google/uuid"));
  EXPECT_FALSE(isStdlibPath("gopkg.in/yaml.v3"));
  EXPECT_FALSE(isStdlibPath("example.com"));
}

//===----------------------------------------------------------------------===//
// Valid imports
//===----------------------------------------------------------------------===//

TEST(MochiImports, ModuleWithAlias) {
  SourceFile f = parse("import go \"github.com/google/uuid@v1.3.0\" as uuid\n");
  EXPECT_EQ(diags(f), "");
  EXPECT_FALSE(f.hasErrors());
  ASSERT_EQ(f.goImports.size(), 1u);
  const GoImport &i = f.goImports[0];
  EXPECT_EQ(i.path, "github.com/google/uuid");
  EXPECT_EQ(i.version, "v1.3.0");
  EXPECT_EQ(i.alias, "uuid");
  EXPECT_TRUE(i.aliasExplicit);
  EXPECT_FALSE(i.stdlib);
  EXPECT_FALSE(i.autoExterns);
  EXPECT_EQ(i.loc, at(1, 1));
  EXPECT_EQ(i.pathLoc, at(1, 11));
  EXPECT_EQ(i.versionLoc, at(1, 35));
  EXPECT_EQ(i.aliasLoc, at(1, 46));
}

TEST(MochiImports, ModuleDefaultAlias) {
  SourceFile f =
      parse("// app\n\n  import go \"github.com/google/go-cmp@v0.6.0\"");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 1u);
  const GoImport &i = f.goImports[0];
  EXPECT_EQ(i.path, "github.com/google/go-cmp");
  EXPECT_EQ(i.version, "v0.6.0");
  EXPECT_EQ(i.alias, "go_cmp");
  EXPECT_FALSE(i.aliasExplicit);
  EXPECT_EQ(i.loc, at(3, 3));
  EXPECT_EQ(i.pathLoc, at(3, 13));
  EXPECT_EQ(i.versionLoc, at(3, 39));
  EXPECT_EQ(i.aliasLoc, at(3, 13));
}

TEST(MochiImports, Stdlib) {
  SourceFile f = parse("import go \"net/http\"\n"
                       "import go \"encoding/json\" as js\n"
                       "import go \"strings\" as strings auto\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 3u);
  EXPECT_EQ(f.goImports[0].path, "net/http");
  EXPECT_EQ(f.goImports[0].alias, "http");
  EXPECT_EQ(f.goImports[0].version, "");
  EXPECT_TRUE(f.goImports[0].stdlib);
  EXPECT_FALSE(f.goImports[0].aliasExplicit);
  EXPECT_EQ(f.goImports[0].versionLoc, Loc());
  EXPECT_EQ(f.goImports[1].path, "encoding/json");
  EXPECT_EQ(f.goImports[1].alias, "js");
  EXPECT_EQ(f.goImports[1].aliasLoc, at(2, 30));
  EXPECT_TRUE(f.goImports[1].stdlib);
  EXPECT_EQ(f.goImports[2].alias, "strings");
  EXPECT_TRUE(f.goImports[2].autoExterns);
  EXPECT_EQ(f.goImports[2].loc, at(3, 1));
}

TEST(MochiImports, VersionForms) {
  SourceFile f = parse(
      "import go \"golang.org/x/mod@v0.0.0-20191109021931-daa7c04131f5\"\n"
      "import go \"github.com/docker/docker@v20.10.0+incompatible\"\n"
      "import go \"github.com/x/y/v2@v2.1.0-rc.1\"\n"
      "import go \"gopkg.in/yaml.v3@v3.0.1\"\n"
      "import go \"example.com/type@v1.0.0\"\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 5u);
  EXPECT_EQ(f.goImports[0].version, "v0.0.0-20191109021931-daa7c04131f5");
  EXPECT_EQ(f.goImports[0].alias, "mod");
  EXPECT_EQ(f.goImports[1].version, "v20.10.0+incompatible");
  EXPECT_EQ(f.goImports[1].alias, "docker");
  EXPECT_EQ(f.goImports[2].path, "github.com/x/y/v2");
  EXPECT_EQ(f.goImports[2].version, "v2.1.0-rc.1");
  EXPECT_EQ(f.goImports[2].alias, "y");
  EXPECT_EQ(f.goImports[3].alias, "yaml");
  EXPECT_EQ(f.goImports[4].alias, "type_");
}

TEST(MochiImports, RawStringAndSpacing) {
  SourceFile f = parse("import   go\t`github.com/google/uuid@v1.3.0`  as\tu  "
                       "// the uuid module\n"
                       "import go\"strings\"as s# comment\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 2u);
  EXPECT_EQ(f.goImports[0].path, "github.com/google/uuid");
  EXPECT_EQ(f.goImports[0].alias, "u");
  EXPECT_EQ(f.goImports[0].pathLoc, at(1, 13));
  EXPECT_EQ(f.goImports[0].versionLoc, at(1, 37));
  EXPECT_EQ(f.goImports[0].aliasLoc, at(1, 49));
  EXPECT_EQ(f.goImports[1].alias, "s");
  EXPECT_EQ(f.goImports[1].aliasLoc, at(2, 22));
}

TEST(MochiImports, OtherImportsAreIgnored) {
  SourceFile f = parse("import python \"math\" as m\n"
                       "import \"mochi/lib/util\"\n"
                       "import \"mochi/lib/other\" as other\n"
                       "import typescript \"./x.ts\" as ts auto\n"
                       "import go \"math\"\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "math");
  EXPECT_EQ(f.goImports[0].loc, at(5, 1));
}

TEST(MochiImports, NotAtTheStartOfATopLevelStatement) {
  SourceFile f = parse("let s = \"\n"
                       "import go \\\"strings\\\"\n"
                       "\"\n"
                       "let r = `\n"
                       "import go \"raw\"\n"
                       "`\n"
                       "/* import go \"bytes\"\n"
                       "import go \"bytes\" */\n"
                       "// import go \"fmt\"\n"
                       "# import go \"os\"\n"
                       "fun f() {\n"
                       "  import go \"io\"\n"
                       "  if x { { } }\n"
                       "  import go \"io/fs\"\n"
                       "}\n"
                       "let x = (\n"
                       "import go \"errors\"\n"
                       ")\n"
                       "let l = [\n"
                       "import go \"sort\"]\n"
                       "let y = 1 import go \"sync\"\n"
                       "y.import go \"time\"\n"
                       "imports go \"unicode\"\n"
                       "/* c */ import go \"math\"\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "math");
  EXPECT_EQ(f.goImports[0].loc, at(24, 9));
}

TEST(MochiImports, AfterABlockCommentThatSpansLines) {
  SourceFile f = parse("let a = 1 /*\n*/ import go \"strings\"\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].loc, at(2, 4));
}

TEST(MochiImports, StrayClosingBracketsDoNotHideImports) {
  SourceFile f = parse("})]\nimport go \"strings\"\n");
  EXPECT_EQ(diags(f), "");
  EXPECT_EQ(f.goImports.size(), 1u);
}

TEST(MochiImports, ByteOrderMark) {
  SourceFile f = parse("\xEF\xBB\xBFimport go \"strings\"\n");
  EXPECT_EQ(diags(f), "");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].loc, at(1, 4));
}

//===----------------------------------------------------------------------===//
// Path and version errors
//===----------------------------------------------------------------------===//

TEST(MochiImportErrors, InvalidVersion) {
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v1.x\" as uuid"),
            "app.mochi:1:35: error: invalid version \"v1.x\": not a semantic "
            "version (vMAJOR.MINOR.PATCH, e.g. v1.2.3)\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@latest\""),
            "app.mochi:1:35: error: invalid version \"latest\": not a "
            "semantic version (vMAJOR.MINOR.PATCH, e.g. v1.2.3)\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@1.2.3\""),
            "app.mochi:1:35: error: invalid version \"1.2.3\": not a semantic "
            "version; did you mean \"v1.2.3\"?\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@\""),
            "app.mochi:1:35: error: missing version after '@'\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v1@v2\""),
            "app.mochi:1:35: error: invalid version \"v1@v2\": not a semantic "
            "version (vMAJOR.MINOR.PATCH, e.g. v1.2.3)\n");
}

TEST(MochiImportErrors, NonCanonicalVersion) {
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v1.2\""),
            "app.mochi:1:35: error: version \"v1.2\" is not canonical; use "
            "\"v1.2.0\"\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v1\""),
            "app.mochi:1:35: error: version \"v1\" is not canonical; use "
            "\"v1.0.0\"\n");
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v1.2.3+meta\""),
            "app.mochi:1:35: error: version \"v1.2.3+meta\" is not canonical; "
            "use \"v1.2.3\"\n");
}

TEST(MochiImportErrors, MajorVersionMismatch) {
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid@v2.0.0\""),
            "app.mochi:1:35: error: github.com/google/uuid@v2.0.0: invalid "
            "version: should be v0 or v1, not v2\n");
  EXPECT_EQ(errorsOf("import go \"github.com/x/y/v3@v2.0.0\""),
            "app.mochi:1:30: error: github.com/x/y/v3@v2.0.0: invalid "
            "version: should be v3, not v2\n");
}

TEST(MochiImportErrors, EmptyPath) {
  EXPECT_EQ(errorsOf("import go \"\""),
            "app.mochi:1:11: error: empty import path\n");
  EXPECT_EQ(errorsOf("import go \"@v1.0.0\" as x"),
            "app.mochi:1:11: error: empty import path\n");
  EXPECT_EQ(errorsOf("import go ``"),
            "app.mochi:1:11: error: empty import path\n");
}

TEST(MochiImportErrors, MissingVersion) {
  EXPECT_EQ(errorsOf("import go \"github.com/google/uuid\" as uuid"),
            "app.mochi:1:11: error: missing version: import the module as "
            "\"github.com/google/uuid@vX.Y.Z\"\n");
}

TEST(MochiImportErrors, VersionOnStdlib) {
  EXPECT_EQ(errorsOf("import go \"strings@v1.0.0\""),
            "app.mochi:1:20: error: the standard-library package \"strings\" "
            "takes no version; remove \"@v1.0.0\"\n");
  EXPECT_EQ(errorsOf("import go \"net/http@\""),
            "app.mochi:1:21: error: the standard-library package \"net/http\" "
            "takes no version; remove \"@\"\n");
}

TEST(MochiImportErrors, MalformedPaths) {
  EXPECT_EQ(errorsOf("import go \"example.com//x@v1.0.0\""),
            "app.mochi:1:11: error: malformed module path \"example.com//x\": "
            "double slash\n");
  EXPECT_EQ(errorsOf("import go \"Example.com/x@v1.0.0\""),
            "app.mochi:1:11: error: malformed module path \"Example.com/x\": "
            "invalid char 'E' in first path element\n");
  EXPECT_EQ(errorsOf("import go \"net//http\""),
            "app.mochi:1:11: error: malformed import path \"net//http\": "
            "double slash\n");
  EXPECT_EQ(errorsOf("import go \"/abs\""),
            "app.mochi:1:11: error: malformed import path \"/abs\": empty "
            "path element\n");
}

TEST(MochiImportErrors, Escapes) {
  // \" and \\ are decoded (and then refused by Go's path rules); the
  // version's column counts the two source bytes of the escape.
  EXPECT_EQ(errorsOf("import go \"example.com/a\\\\b@v1.2\""),
            "app.mochi:1:11: error: malformed module path "
            "\"example.com/a\\\\b\": invalid char '\\\\'\n"
            "app.mochi:1:29: error: version \"v1.2\" is not canonical; use "
            "\"v1.2.0\"\n");
  EXPECT_EQ(errorsOf("import go \"a\\\"b\""),
            "app.mochi:1:11: error: malformed import path \"a\\\"b\": invalid "
            "char '\"'\n");
  EXPECT_EQ(errorsOf("import go \"str\\nings\""),
            "app.mochi:1:15: error: invalid escape sequence '\\n' in an import "
            "path (only \\\" and \\\\ are allowed)\n");
  // A raw string has no escapes.
  EXPECT_EQ(errorsOf("import go `str\\nings`"),
            "app.mochi:1:11: error: malformed import path \"str\\\\nings\": "
            "invalid char '\\\\'\n");
}

//===----------------------------------------------------------------------===//
// Alias and duplicate errors
//===----------------------------------------------------------------------===//

TEST(MochiImportErrors, BadAlias) {
  EXPECT_EQ(errorsOf("import go \"github.com/google/go-cmp@v0.6.0\" as go-cmp"),
            "app.mochi:1:48: error: the alias 'go-cmp' is not a Mochi "
            "identifier; use 'as go_cmp'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as type"),
            "app.mochi:1:24: error: the alias 'type' is not a Mochi identifier "
            "(it is a keyword); use 'as type_'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as 3d"),
            "app.mochi:1:24: error: the alias '3d' is not a Mochi identifier; "
            "use 'as _3d'\n");
  EXPECT_EQ(errorsOf("import go \"gopkg.in/yaml.v3@v3.0.1\" as yaml.v3"),
            "app.mochi:1:40: error: the alias 'yaml.v3' is not a Mochi "
            "identifier; use 'as yaml_v3'\n");
}

TEST(MochiImportErrors, DuplicateAlias) {
  SourceFile f = parse("import go \"github.com/google/uuid@v1.3.0\" as id\n"
                       "import go \"strings\" as id\n");
  EXPECT_EQ(diags(f), "app.mochi:2:24: error: duplicate import alias 'id'\n"
                      "app.mochi:1:46: note: 'id' is first used here\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "github.com/google/uuid");
  EXPECT_TRUE(f.hasErrors());
}

TEST(MochiImportErrors, DuplicateDefaultAlias) {
  SourceFile f = parse("import go \"example.com/x/uuid@v1.0.0\"\n"
                       "import go \"github.com/google/uuid@v1.3.0\"\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:11: error: duplicate import alias 'uuid' (the "
            "default alias of \"github.com/google/uuid\"); choose another "
            "with 'as'\n"
            "app.mochi:1:11: note: 'uuid' is first used here\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "example.com/x/uuid");
}

TEST(MochiImportErrors, DuplicateAliasWithOtherImports) {
  EXPECT_EQ(errorsOf("import python \"math\" as m\n"
                     "import go \"math\" as m\n"),
            "app.mochi:2:21: error: duplicate import alias 'm'\n"
            "app.mochi:1:25: note: 'm' is first used here\n");
  EXPECT_EQ(errorsOf("import \"lib/strings\" as strings\n"
                     "import go \"strings\"\n"),
            "app.mochi:2:11: error: duplicate import alias 'strings' (the "
            "default alias of \"strings\"); choose another with 'as'\n"
            "app.mochi:1:25: note: 'strings' is first used here\n");
  EXPECT_EQ(errorsOf("import python \"math\" as m\n"
                     "import typescript \"./m.ts\" as m auto\n"),
            "app.mochi:2:31: error: duplicate import alias 'm'\n"
            "app.mochi:1:25: note: 'm' is first used here\n");
}

TEST(MochiImportErrors, DuplicatePath) {
  SourceFile f = parse("import go \"github.com/google/uuid@v1.3.0\"\n"
                       "import go \"github.com/google/uuid@v1.4.0\" as uuid2\n"
                       "import go \"strings\"\n"
                       "import go \"strings\" as str\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:11: error: duplicate import of module "
            "\"github.com/google/uuid\"\n"
            "app.mochi:1:11: note: \"github.com/google/uuid\" is first "
            "imported here\n"
            "app.mochi:4:11: error: duplicate import of package \"strings\"\n"
            "app.mochi:3:11: note: \"strings\" is first imported here\n");
  ASSERT_EQ(f.goImports.size(), 2u);
  EXPECT_EQ(f.goImports[0].version, "v1.3.0");
  EXPECT_EQ(f.goImports[1].alias, "strings");
}

TEST(MochiImportErrors, DiagnosticsInFileOrder) {
  // The alias is checked before the duplicate path, but the path comes
  // first on the line.
  SourceFile f = parse("import go \"strings\" as s\n"
                       "import go \"strings\" as type\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:11: error: duplicate import of package \"strings\"\n"
            "app.mochi:1:11: note: \"strings\" is first imported here\n"
            "app.mochi:2:24: error: the alias 'type' is not a Mochi identifier "
            "(it is a keyword); use 'as type_'\n");
}

//===----------------------------------------------------------------------===//
// Malformed statements, unterminated literals
//===----------------------------------------------------------------------===//

TEST(MochiImportErrors, Malformed) {
  EXPECT_EQ(errorsOf("import go"),
            "app.mochi:1:10: error: expected the import path as a string "
            "literal after 'import go'\n");
  EXPECT_EQ(errorsOf("import go // no path\n"),
            "app.mochi:1:10: error: expected the import path as a string "
            "literal after 'import go'\n");
  EXPECT_EQ(errorsOf("import go uuid"),
            "app.mochi:1:11: error: expected the import path as a string "
            "literal after 'import go', found 'uuid'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as"),
            "app.mochi:1:23: error: expected an alias after 'as'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as   # no alias\n"),
            "app.mochi:1:23: error: expected an alias after 'as'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as \"s\"\n"),
            "app.mochi:1:23: error: expected an alias after 'as'\n");
  EXPECT_EQ(errorsOf("import go \"strings\" foo"),
            "app.mochi:1:21: error: unexpected 'foo' in 'import go'; expected "
            "'as <alias>' or the end of the line\n");
  EXPECT_EQ(errorsOf("import go \"strings\" as s extra"),
            "app.mochi:1:26: error: unexpected 'extra' in 'import go'; "
            "expected 'auto' or the end of the line\n");
  EXPECT_EQ(errorsOf("import go \"strings\" auto \"x\""),
            "app.mochi:1:26: error: unexpected a string literal in 'import "
            "go'; expected the end of the line\n");
}

TEST(MochiImportErrors, UnterminatedString) {
  // At the end of the file: unterminated.
  EXPECT_EQ(errorsOf("import go \"strings"),
            "app.mochi:1:11: error: unterminated string literal\n");
  EXPECT_EQ(errorsOf("import go `strings"),
            "app.mochi:1:11: error: unterminated raw string literal\n");
  // A path that runs into the next line is a missing quote; the next line
  // is read as code.
  SourceFile f = parse("import go \"strings\n"
                       "import go \"bytes\"\n");
  EXPECT_EQ(diags(f), "app.mochi:1:11: error: the import path string does "
                      "not end on its line (missing '\"'?)\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "bytes");
  EXPECT_EQ(f.goImports[0].loc, at(2, 1));
  // Scanning resumes at the end of the line an unterminated string starts
  // on.
  f = parse("let s = 'x' + \"abc\n"
            "import go \"bytes\"\n");
  EXPECT_EQ(diags(f), "app.mochi:2:17: error: unterminated string literal\n");
  f = parse("import go \"strings\"\nlet s = `abc\nimport go \"bytes\"\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:9: error: unterminated raw string literal\n");
  ASSERT_EQ(f.goImports.size(), 2u);
  EXPECT_EQ(f.goImports[1].path, "bytes");
}

TEST(MochiImportErrors, UnterminatedBlockComment) {
  SourceFile f = parse("import go \"strings\"\n"
                       "  /* never closed\n"
                       "import go \"bytes\"\n");
  EXPECT_EQ(diags(f), "app.mochi:2:3: error: unterminated block comment\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "strings");
}

TEST(MochiImportErrors, AllErrorsOfAFile) {
  SourceFile f = parse("package app\n"
                       "import go \"github.com/google/uuid@v1.2\" as uuid\n"
                       "import go \"strings@v1.0.0\"\n"
                       "import go \"github.com/spf13/pflag\"\n"
                       "import go \"bytes\" as fun\n"
                       "import go\n"
                       "import go \"github.com/google/go-cmp@v0.6.0\" as cmp\n"
                       "import go \"fmt\" as cmp\n"
                       "fun main() {\n"
                       "  print(\"hi\")\n"
                       "}\n"
                       "import go \"\"\n"
                       "extern fun\n"
                       "import go \"github.com/google/uuid@v1.3.0\" as u2\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:35: error: version \"v1.2\" is not canonical; use "
            "\"v1.2.0\"\n"
            "app.mochi:3:20: error: the standard-library package \"strings\" "
            "takes no version; remove \"@v1.0.0\"\n"
            "app.mochi:4:11: error: missing version: import the module as "
            "\"github.com/spf13/pflag@vX.Y.Z\"\n"
            "app.mochi:5:22: error: the alias 'fun' is not a Mochi identifier "
            "(it is a keyword); use 'as fun_'\n"
            "app.mochi:6:10: error: expected the import path as a string "
            "literal after 'import go'\n"
            "app.mochi:8:20: error: duplicate import alias 'cmp'\n"
            "app.mochi:7:48: note: 'cmp' is first used here\n"
            "app.mochi:12:11: error: empty import path\n"
            "app.mochi:13:11: error: expected a name after 'extern fun'\n"
            "app.mochi:14:11: error: duplicate import of module "
            "\"github.com/google/uuid\"\n"
            "app.mochi:2:11: note: \"github.com/google/uuid\" is first "
            "imported here\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].path, "github.com/google/go-cmp");
  EXPECT_EQ(f.goImports[0].alias, "cmp");
}

TEST(MochiImports, CRLF) {
  SourceFile f =
      parse("import go \"github.com/google/uuid@v1.3.0\" as uuid\r\n"
            "import go \"strings@v1\"\r\n"
            "extern fun uuid.Parse(s: string): Result<bytes, string>  // C\r\n"
            "extern type uuid.Point {\r\n"
            "  X: int,\r\n"
            "  Y: int\r\n"
            "}\r\n"
            "import go\r\n"
            "import go \"bytes\" as\r\n"
            "extern var uuid.Nil: bytes\r\n");
  EXPECT_EQ(diags(f),
            "app.mochi:2:20: error: the standard-library package \"strings\" "
            "takes no version; remove \"@v1\"\n"
            "app.mochi:8:10: error: expected the import path as a string "
            "literal after 'import go'\n"
            "app.mochi:9:21: error: expected an alias after 'as'\n");
  ASSERT_EQ(f.goImports.size(), 1u);
  EXPECT_EQ(f.goImports[0].alias, "uuid");
  EXPECT_EQ(f.goImports[0].aliasLoc, at(1, 46));
  ASSERT_EQ(f.externs.size(), 3u);
  EXPECT_EQ(f.externs[0].text,
            "extern fun uuid.Parse(s: string): Result<bytes, string>");
  EXPECT_EQ(f.externs[1].text, "extern type uuid.Point {\n  X: int,\n  Y: "
                               "int\n}");
  EXPECT_EQ(f.externs[1].loc, at(4, 1));
  EXPECT_EQ(f.externs[2].text, "extern var uuid.Nil: bytes");
  EXPECT_EQ(f.externs[2].loc, at(10, 1));
}

//===----------------------------------------------------------------------===//
// Extern declarations
//===----------------------------------------------------------------------===//

TEST(MochiExterns, Forms) {
  SourceFile f =
      parse("import go \"strings\"\n"
            "extern fun strings.ToUpper(s: string): string\n"
            "  extern fun uuid.New(): bytes  // C: mochigo_uuid_New\n"
            "extern fun log(msg: string)\n"
            "extern fun join(\n"
            "  sep: string, // the separator\n"
            "  xs: list<string>,\n"
            "): string # joined\n"
            "extern fun apply(f: fun(int): int, m: map<string, "
            "int>): Result<(int, string), string>\n"
            "extern type Builder\n"
            "extern type uuid.Point { X: int, Tags: list<string> }"
            "  // record\n"
            "extern type uuid.Empty {}\n"
            "extern var uuid.Nil: bytes\n"
            "extern var math.Pi: float /* pi */\n"
            "fun f() {\n"
            "  extern fun hidden(): int\n"
            "}\n"
            "let s = \"\nextern fun inString()\n\"\n");
  EXPECT_EQ(diags(f), "");
  using K = ExternDecl::Kind;
  struct Want {
    K kind;
    const char *name, *text;
    Loc loc;
  } want[] = {
      {K::Fun, "strings.ToUpper",
       "extern fun strings.ToUpper(s: string): string", at(2, 1)},
      {K::Fun, "uuid.New", "extern fun uuid.New(): bytes", at(3, 3)},
      {K::Fun, "log", "extern fun log(msg: string)", at(4, 1)},
      {K::Fun, "join",
       "extern fun join(\n  sep: string, // the separator\n  xs: "
       "list<string>,\n): string",
       at(5, 1)},
      {K::Fun, "apply",
       "extern fun apply(f: fun(int): int, m: map<string, int>): "
       "Result<(int, string), string>",
       at(9, 1)},
      {K::Type, "Builder", "extern type Builder", at(10, 1)},
      {K::Type, "uuid.Point",
       "extern type uuid.Point { X: int, Tags: list<string> }", at(11, 1)},
      {K::Type, "uuid.Empty", "extern type uuid.Empty {}", at(12, 1)},
      {K::Var, "uuid.Nil", "extern var uuid.Nil: bytes", at(13, 1)},
      {K::Var, "math.Pi", "extern var math.Pi: float", at(14, 1)},
  };
  ASSERT_EQ(f.externs.size(), std::size(want));
  for (size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(f.externs[i].kind, want[i].kind);
    EXPECT_EQ(f.externs[i].name, want[i].name);
    EXPECT_EQ(f.externs[i].text, want[i].text);
    EXPECT_EQ(f.externs[i].loc, want[i].loc);
  }
  ASSERT_EQ(f.goImports.size(), 1u);
}

TEST(MochiExterns, Errors) {
  EXPECT_EQ(errorsOf("extern"),
            "app.mochi:1:7: error: expected 'fun', 'type' or 'var' after "
            "'extern'\n");
  EXPECT_EQ(errorsOf("extern object X"),
            "app.mochi:1:8: error: expected 'fun', 'type' or 'var' after "
            "'extern', found 'object'\n");
  EXPECT_EQ(errorsOf("extern fun"),
            "app.mochi:1:11: error: expected a name after 'extern fun'\n");
  EXPECT_EQ(errorsOf("extern fun 3x()"),
            "app.mochi:1:12: error: expected a name after 'extern fun', found "
            "'3x'\n");
  EXPECT_EQ(errorsOf("extern fun type()"),
            "app.mochi:1:12: error: expected a name after 'extern fun', found "
            "'type'\n");
  EXPECT_EQ(errorsOf("extern fun a.()"),
            "app.mochi:1:14: error: expected a name after '.', found '('\n");
  EXPECT_EQ(errorsOf("extern fun a"),
            "app.mochi:1:13: error: expected '(' after 'extern fun a'\n");
  EXPECT_EQ(errorsOf("extern fun a int"),
            "app.mochi:1:14: error: expected '(' after 'extern fun a', found "
            "'int'\n");
  EXPECT_EQ(errorsOf("extern fun a(x: int,\n  y: int"),
            "app.mochi:1:13: error: unclosed '(' in the declaration of 'a'\n");
  EXPECT_EQ(errorsOf("extern fun a():"),
            "app.mochi:1:16: error: expected the result type after ':'\n");
  EXPECT_EQ(errorsOf("extern fun a() int"),
            "app.mochi:1:16: error: unexpected 'int' after the parameters of "
            "'a'; expected ':' and the result type, or the end of the line\n");
  EXPECT_EQ(errorsOf("extern type T = int"),
            "app.mochi:1:15: error: unexpected '=' after 'extern type T'; "
            "expected '{' or the end of the line\n");
  EXPECT_EQ(errorsOf("extern type T { X: int"),
            "app.mochi:1:15: error: unclosed '{' in the declaration of 'T'\n");
  EXPECT_EQ(errorsOf("extern var x"),
            "app.mochi:1:13: error: expected ':' and a type after 'extern var "
            "x'\n");
  EXPECT_EQ(errorsOf("extern var x int"),
            "app.mochi:1:14: error: expected ':' and a type after 'extern var "
            "x', found 'int'\n");
  EXPECT_EQ(errorsOf("extern var x: // none\n"),
            "app.mochi:1:14: error: expected a type after ':'\n");
  EXPECT_EQ(errorsOf("extern fun a(s: string = \"x)\n"),
            "app.mochi:1:26: error: unterminated string literal\n");
}

TEST(MochiExterns, RecoveryAtTheNextLine) {
  SourceFile f = parse("extern fun a() int\n"
                       "extern fun b(): int\n");
  EXPECT_EQ(diags(f), "app.mochi:1:16: error: unexpected 'int' after the "
                      "parameters of 'a'; expected ':' and the result type, "
                      "or the end of the line\n");
  ASSERT_EQ(f.externs.size(), 1u);
  EXPECT_EQ(f.externs[0].name, "b");
}

//===----------------------------------------------------------------------===//
// Files and printing
//===----------------------------------------------------------------------===//

TEST(MochiImports, PrintDiagnostics) {
  SourceFile f;
  f.fileName = "dir/app.mochi";
  EXPECT_FALSE(f.hasErrors());
  f.diagnostics.push_back(
      {Diagnostic::Severity::Note, at(1, 26), "a note alone"});
  EXPECT_FALSE(f.hasErrors());
  f.diagnostics.push_back({Diagnostic::Severity::Error, at(3, 28), "bad"});
  EXPECT_TRUE(f.hasErrors());
  EXPECT_EQ(diags(f), "dir/app.mochi:1:26: note: a note alone\n"
                      "dir/app.mochi:3:28: error: bad\n");
}

TEST(MochiImports, ParseFile) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(
      llvm::sys::fs::createTemporaryFile("imports-test", "mochi", path));
  llvm::FileRemover remover(path);
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    ASSERT_FALSE(ec);
    os << "import go \"strings\"\nimport go \"sort@v1.0.0\" as s\n";
  }
  llvm::Expected<SourceFile> f = parseFile(path);
  ASSERT_TRUE(static_cast<bool>(f)) << llvm::toString(f.takeError());
  EXPECT_EQ(f->fileName, path.str().str());
  ASSERT_EQ(f->goImports.size(), 1u);
  EXPECT_EQ(diags(*f), path.str().str() +
                           ":2:17: error: the standard-library package "
                           "\"sort\" takes no version; remove "
                           "\"@v1.0.0\"\n");

  llvm::Expected<SourceFile> missing =
      parseFile(path.str().str() + ".does-not-exist");
  ASSERT_FALSE(static_cast<bool>(missing));
  std::string message = llvm::toString(missing.takeError());
  EXPECT_NE(message.find(".does-not-exist"), std::string::npos) << message;
}

} // namespace
