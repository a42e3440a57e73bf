//===- ApiSurfaceImporterTest.cpp - ApiSurface JSON to GoSurface ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mochigo::gosurface;
using mochigo::ingest::importApiSurface;

namespace {

class ImporterTest : public ::testing::Test {
protected:
  ImporterTest() {
    handler = std::make_unique<ScopedDiagnosticHandler>(
        &ctx, [this](Diagnostic &diag) {
          std::string where;
          if (auto flc = llvm::dyn_cast<FileLineColLoc>(diag.getLocation()))
            where = std::to_string(flc.getLine()) + ":" +
                    std::to_string(flc.getColumn()) + ": ";
          diagnostics.push_back(where + diag.str());
          return success();
        });
  }

  OwningOpRef<ModuleOp> import(const std::string &json) {
    return importApiSurface(json, "test.json", &ctx);
  }

  static std::string document(const std::string &decls,
                              const std::string &externals = "[]") {
    return R"({"schema": "mochi-go.apisurface", "version": 1,
"module": {"path": "example.com/m", "version": "v1.0.0"},
"packages": [{"path": "example.com/m", "name": "m", "decls": [)" +
           decls + R"(]}],
"externals": )" + externals +
           "}";
  }

  MLIRContext ctx;
  std::unique_ptr<ScopedDiagnosticHandler> handler;
  std::vector<std::string> diagnostics;
};

TEST_F(ImporterTest, BuildsOneDeclarationPerEntry) {
  auto module = import(document(
      R"({"kind": "type", "name": "UUID", "exported": true,
          "pos": {"file": "uuid.go", "line": 18, "col": 6},
          "underlying": {"kind": "array", "len": 16, "elem": {"kind": "basic", "name": "byte"}}},
         {"kind": "func", "name": "New", "exported": true,
          "signature": {"kind": "func", "results": [{"type": {"kind": "named", "pkg": "example.com/m", "name": "UUID"}}]}},
         {"kind": "const", "name": "S", "exported": true, "type": {"kind": "basic", "name": "untyped string"},
          "value": "\"tab\\there\\u263a\"", "valueKind": "string"})"));
  ASSERT_TRUE(module) << (diagnostics.empty() ? "" : diagnostics.front());
  auto goModule = *module->getOps<GoModuleOp>().begin();
  EXPECT_EQ(goModule.getSymName(), "example.com/m");
  EXPECT_EQ(goModule.getVersion(), "v1.0.0");
  auto pkg = *goModule.getOps<PackageOp>().begin();

  auto type = *pkg.getOps<TypeOp>().begin();
  auto array = llvm::dyn_cast<ArrayType>(type.getUnderlyingType());
  ASSERT_TRUE(array);
  EXPECT_EQ(array.getLength(), 16);
  EXPECT_EQ(array.getElem(), BasicType::get(&ctx, BasicKind::Byte));
  auto loc = llvm::dyn_cast<FileLineColLoc>(type.getLoc());
  ASSERT_TRUE(loc);
  EXPECT_EQ(loc.getFilename().getValue(), "example.com/m@v1.0.0/uuid.go");
  EXPECT_EQ(loc.getLine(), 18u);

  auto fn = *pkg.getOps<FuncOp>().begin();
  ASSERT_EQ(fn.getSignature().getResults().size(), 1u);
  EXPECT_EQ(fn.getSignature().getResults()[0],
            NamedType::get(&ctx, "example.com/m", "UUID", {}));

  auto c = *pkg.getOps<ConstOp>().begin();
  EXPECT_EQ(c.getValue(), "tab\there\xE2\x98\xBA"); // the decoded bytes
  EXPECT_TRUE(diagnostics.empty());
}

TEST_F(ImporterTest, DanglingReferenceIsAnErrorWithAPosition) {
  auto module = import(document(
      R"({"kind": "var", "name": "V", "exported": true,
"type": {"kind": "named", "pkg": "io", "name": "Reader"}})"));
  EXPECT_FALSE(module);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0],
            "4:9: ApiSurface packages[0].decls[0].type: dangling type "
            "reference: 'io.Reader' is neither declared by the module nor "
            "listed in 'externals'");
}

TEST_F(ImporterTest, ExternalsResolveReferences) {
  auto module = import(document(
      R"({"kind": "var", "name": "V", "exported": true,
          "type": {"kind": "named", "pkg": "io", "name": "Reader"}})",
      R"([{"pkg": "io", "name": "Reader", "underlying": {"kind": "interface",
           "methods": [{"name": "Read", "type": {"kind": "func",
             "params": [{"name": "p", "type": {"kind": "slice", "elem": {"kind": "basic", "name": "byte"}}}],
             "results": [{"name": "n", "type": {"kind": "basic", "name": "int"}}, {"name": "err", "type": {"kind": "error"}}]}}]}}])"));
  ASSERT_TRUE(module) << (diagnostics.empty() ? "" : diagnostics.front());
  auto goModule = *module->getOps<GoModuleOp>().begin();
  auto ext = *goModule.getOps<ExternalTypeOp>().begin();
  EXPECT_EQ(ext.getQualifiedName(), "io.Reader");
  EXPECT_TRUE(llvm::isa<InterfaceType>(ext.getUnderlying()));
}

TEST_F(ImporterTest, WrongVersionAndMalformedJson) {
  EXPECT_FALSE(import(R"({"schema": "mochi-go.apisurface", "version": 7})"));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_NE(diagnostics[0].find("unsupported schema version 7"),
            std::string::npos);
  diagnostics.clear();
  EXPECT_FALSE(import("{\"schema\": \n  \"mochi-go.apisurface\",, }"));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].rfind("2:25: malformed ApiSurface JSON", 0), 0u)
      << diagnostics[0];
}

TEST_F(ImporterTest, BadStringLiteralsAreRefused) {
  for (const char *lit : {R"(\"\\q\")", R"(\"\\x4\")", R"(\"\\ud800\")",
                          R"(\"abc)", R"(abc)"}) {
    diagnostics.clear();
    auto module = import(document(
        std::string(R"({"kind": "const", "name": "S", "exported": true,
            "type": {"kind": "basic", "name": "string"}, "value": ")") +
        lit + R"(", "valueKind": "string"})"));
    EXPECT_FALSE(module) << lit;
    EXPECT_EQ(diagnostics.size(), 1u) << lit;
  }
}

} // namespace
