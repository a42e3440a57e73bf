//===- GoSurfaceTypesTest.cpp - Constructing and checking Go types --------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mochigo::gosurface;

namespace {

class GoSurfaceTypesTest : public ::testing::Test {
protected:
  GoSurfaceTypesTest() {
    ctx.getOrLoadDialect<GoSurfaceDialect>();
    // Collect diagnostics instead of printing them.
    handler = std::make_unique<ScopedDiagnosticHandler>(
        &ctx, [this](Diagnostic &diag) {
          diagnostics.push_back(diag.str());
          return success();
        });
  }

  Type basic(BasicKind kind) { return BasicType::get(&ctx, kind); }
  Type named(StringRef pkg, StringRef name, ArrayRef<Type> args = {}) {
    return NamedType::get(&ctx, pkg, name, args);
  }
  std::function<InFlightDiagnostic()> emitter() {
    return [this] { return emitError(UnknownLoc::get(&ctx)); };
  }

  MLIRContext ctx;
  std::unique_ptr<ScopedDiagnosticHandler> handler;
  std::vector<std::string> diagnostics;
};

TEST_F(GoSurfaceTypesTest, BasicKindsAreUniquedAndSpelledLikeGo) {
  EXPECT_EQ(basic(BasicKind::Int32), basic(BasicKind::Int32));
  EXPECT_NE(basic(BasicKind::Byte), basic(BasicKind::Uint8))
      << "byte keeps its own spelling";
  EXPECT_EQ(goTypeString(basic(BasicKind::UnsafePointer)), "unsafe.Pointer");
  EXPECT_EQ(goTypeString(basic(BasicKind::UntypedFloat)), "untyped float");
  auto i16 = llvm::cast<BasicType>(basic(BasicKind::Int16));
  EXPECT_TRUE(i16.isInteger());
  EXPECT_FALSE(i16.isUnsigned());
  EXPECT_EQ(i16.getBitWidth(), 16u);
  auto u = llvm::cast<BasicType>(basic(BasicKind::Uintptr));
  EXPECT_TRUE(u.isUnsigned());
  EXPECT_EQ(u.getBitWidth(), 64u);
  EXPECT_TRUE(llvm::cast<BasicType>(basic(BasicKind::Complex64)).isComplex());
  EXPECT_TRUE(llvm::cast<BasicType>(basic(BasicKind::UntypedRune)).isUntyped());
}

TEST_F(GoSurfaceTypesTest, CompositeTypesPrintAsGo) {
  Type t = MapType::get(&ctx, basic(BasicKind::String),
                        SliceType::get(&ctx, PointerType::get(
                                                 &ctx, named("p", "T"))));
  EXPECT_EQ(goTypeString(t), "map[string][]*p.T");
  EXPECT_EQ(goTypeString(ArrayType::get(&ctx, 16, basic(BasicKind::Byte))),
            "[16]byte");
  EXPECT_EQ(goTypeString(ChanType::get(&ctx, ChanDir::Recv,
                                       basic(BasicKind::Int))),
            "<-chan int");
  EXPECT_EQ(goTypeString(ChanType::get(&ctx, ChanDir::Send,
                                       basic(BasicKind::Int))),
            "chan<- int");
  Type variadic = FuncType::get(
      &ctx, {basic(BasicKind::String), SliceType::get(&ctx, AnyType::get(&ctx))},
      {basic(BasicKind::Int), ErrorType::get(&ctx)}, /*variadic=*/true);
  EXPECT_EQ(goTypeString(variadic), "func(string, ...any) (int, error)");
  EXPECT_EQ(goTypeString(named("example.com/l", "List",
                               {TypeParamType::get(&ctx, "T")})),
            "example.com/l.List[T]");
}

TEST_F(GoSurfaceTypesTest, PrintedTypesParseBack) {
  SmallVector<Type> types = {
      named("github.com/google/uuid", "UUID"),
      FuncType::get(&ctx, {SliceType::get(&ctx, basic(BasicKind::Byte))},
                    {basic(BasicKind::Int), ErrorType::get(&ctx)}, false),
      StructType::get(&ctx,
                      {StructField{StringAttr::get(&ctx, "X"),
                                   basic(BasicKind::Int),
                                   StringAttr::get(&ctx, "json:\"x\""), false},
                       StructField{StringAttr::get(&ctx, "y"),
                                   HiddenType::get(&ctx), nullptr, false}}),
      UnionType::get(&ctx, {UnionTerm{true, basic(BasicKind::Int)},
                            UnionTerm{false, basic(BasicKind::String)}}),
      ChanType::get(&ctx, ChanDir::Both, basic(BasicKind::Rune)),
  };
  for (Type t : types) {
    std::string text;
    llvm::raw_string_ostream os(text);
    t.print(os);
    Type parsed = parseType(text, &ctx);
    EXPECT_EQ(parsed, t) << "type printed as " << text;
  }
}

TEST_F(GoSurfaceTypesTest, VerifiersRefuseMalformedTypes) {
  // A variadic signature whose last parameter is not a slice.
  EXPECT_FALSE(FuncType::getChecked(emitter(), &ctx,
                                    ArrayRef<Type>{basic(BasicKind::Int)},
                                    ArrayRef<Type>{}, true));
  // Variadic with no parameters at all.
  EXPECT_FALSE(FuncType::getChecked(emitter(), &ctx, ArrayRef<Type>{},
                                    ArrayRef<Type>{}, true));
  EXPECT_FALSE(ArrayType::getChecked(emitter(), &ctx, int64_t(-1),
                                     basic(BasicKind::Int)));
  EXPECT_FALSE(MapType::getChecked(
      emitter(), &ctx, Type(SliceType::get(&ctx, basic(BasicKind::Int))),
      basic(BasicKind::Int)));
  EXPECT_FALSE(NamedType::getChecked(emitter(), &ctx, StringRef("p"),
                                     StringRef("Not.A.Name"),
                                     ArrayRef<Type>{}));
  StructField dup{StringAttr::get(&ctx, "X"), basic(BasicKind::Int), nullptr,
                  false};
  EXPECT_FALSE(StructType::getChecked(emitter(), &ctx,
                                      ArrayRef<StructField>{dup, dup}));
  StructField typedPrivate{StringAttr::get(&ctx, "x"), basic(BasicKind::Int),
                           nullptr, false};
  EXPECT_FALSE(StructType::getChecked(emitter(), &ctx,
                                      ArrayRef<StructField>{typedPrivate}));
  EXPECT_FALSE(UnionType::getChecked(emitter(), &ctx, ArrayRef<UnionTerm>{}));
  ASSERT_EQ(diagnostics.size(), 8u);
  EXPECT_EQ(diagnostics[0],
            "a variadic signature needs a last parameter of slice type");
  EXPECT_EQ(diagnostics[3], "invalid map key type []int: must be comparable");
}

TEST_F(GoSurfaceTypesTest, ExportedNames) {
  EXPECT_TRUE(isExportedName("New"));
  EXPECT_FALSE(isExportedName("new"));
  EXPECT_FALSE(isExportedName("_X"));
  EXPECT_FALSE(isExportedName(""));
  EXPECT_TRUE(isExportedName("\xC3\x89t\xC3\xA9")); // Été
  EXPECT_FALSE(isExportedName("\xC3\xA9t\xC3\xA9")); // été
  EXPECT_TRUE(isExportedName("\xCE\xA3igma"));      // Σigma
}

} // namespace
