//===- GoExport.cpp - one wrapper package of a Go wrapper ----------------===//
//
// Part of mochi-go. Prints `w/<dir>/wrap.go`: one //export function per
// cabi.export of a cabi.package, by export kind, with the conversion
// helpers and type aliases it needs. docs/CAbi.md is the contract.
//
//===----------------------------------------------------------------------===//

#include "GoWrapper.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::emit;
using namespace mochigo::emit::gowrap;

namespace mochigo {
namespace emit {
namespace gowrap {

/// The return of a wrapper given handle 0 where a value is needed.
static std::string nilHandle(StringRef what) {
  return fmt::format("\t\treturn C.int32_t(rt.Fail(&rt.BadHandle{{Msg: "
                     "\"handle 0 is a nil {}\"}}, unsafe.Pointer(err)))\n",
                     what.str());
}

/// A `callback` export: the C function and user data made into a Go func
/// value (held by a new handle) that calls them through the trampoline of
/// the preamble. Go's arguments are converted under a transaction that the
/// func aborts when the C function returns, so strings and handles given to
/// C are borrowed for the call; the C function's results are copied (a
/// string result is freed after the copy).
bool WrapFile::printCallback(cabi::ExportOp e, std::string &out) {
  auto fnForm = cast<cabi::CFuncType>(values(e.getParams())[0].getAbiType());
  cabi::ExportOp call = lib.callOf(fnForm.getName());
  if (!call)
    return failBool("no func_call export for the callback of " +
                    fnForm.getName());
  SmallVector<cabi::ValueAttr> ins = values(call.getParams());
  SmallVector<cabi::ValueAttr> outs = values(call.getResults());
  bool returnsError = call.getReturnsError();
  std::string sym = e.getSymName().str();
  std::string p = lib.prefix;
  Type handleForm = values(e.getResults())[0].getAbiType();

  // The closure's signature, with named results so that any return can
  // give their zero values (`in<i>`, not `p<i>`: those are package
  // aliases).
  SmallVector<std::string> params, results, zeros;
  for (size_t i = 1; i < ins.size(); ++i) {
    std::optional<std::string> t = spell(ins[i].getGoType());
    if (!t)
      return false;
    params.push_back(fmt::format("in{} {}", i, *t));
  }
  for (auto [i, v] : llvm::enumerate(outs)) {
    std::optional<std::string> t = spell(v.getGoType());
    if (!t)
      return false;
    results.push_back(fmt::format("x{} {}", i, *t));
    zeros.push_back(fmt::format("x{}", i));
  }
  if (returnsError)
    results.push_back("xe error");
  // A failure is the error result when the func has one, else a panic
  // (docs/CAbi.md, "Callbacks").
  auto failReturn = [&](const std::string &err) {
    if (!returnsError)
      return fmt::format("\t\t\tpanic({})\n", err);
    SmallVector<std::string> r(zeros);
    r.push_back(err);
    return fmt::format("\t\t\treturn {}\n", llvm::join(r, ", "));
  };

  std::string body = fmt::format(
      "//export {0}\nfunc {0}(a0 C.{1}, a1 unsafe.Pointer, r0 *C.{2}, err "
      "*C.{3}_string) (status C.int32_t) {{\n",
      sym, lib.cType(fnForm), lib.cType(handleForm, false), p);
  body += "\tdefer rt.Catch(unsafe.Pointer(&status), unsafe.Pointer(err))\n"
          "\trt.ClearErr(unsafe.Pointer(err))\n";
  body += "\tif a0 == nil {\n\t\treturn C.int32_t(rt.Fail(rt.BadArgumentf("
          "\"fn is NULL\"), unsafe.Pointer(err)))\n\t}\n";
  body += fmt::format("\tf := func({}) ", llvm::join(params, ", "));
  if (!results.empty())
    body += "(" + llvm::join(results, ", ") + ") ";
  body += "{\n\t\ttx := &rt.Tx{}\n\t\tdefer tx.Abort()\n";
  SmallVector<std::string> cargs{"a0", "a1"};
  for (size_t i = 1; i < ins.size(); ++i) {
    std::optional<std::string> conv = convOut(
        ins[i].getGoType(), ins[i].getAbiType(), fmt::format("in{}", i), false);
    if (!conv)
      return false;
    body += fmt::format("\t\tc{} := {}\n", i, *conv);
    cargs.push_back(fmt::format("c{}", i));
  }
  for (auto [i, v] : llvm::enumerate(outs)) {
    body += fmt::format("\t\tvar o{} {}\n", i, cT(v.getAbiType(), false));
    cargs.push_back(fmt::format("&o{}", i));
  }
  body += fmt::format("\t\tvar ce C.{}_string\n", p);
  cargs.push_back("&ce");
  body += fmt::format("\t\tst := C.{}_{}_trampoline({})\n", p,
                      fnForm.getName().str(), llvm::join(cargs, ", "));
  body += "\t\tmsg := rt.TakeString(unsafe.Pointer(&ce))\n";
  for (auto [i, v] : llvm::enumerate(outs))
    if (isa<cabi::StringType>(v.getAbiType()))
      body += fmt::format("\t\tdefer rt.FreeC(unsafe.Pointer(o{}.data))\n", i);
  body += "\t\tif st != 0 {\n" +
          failReturn("rt.CallbackError(int32(st), msg)") + "\t\t}\n";
  for (auto [i, v] : llvm::enumerate(outs)) {
    std::optional<Conv> conv =
        convIn(v.getGoType(), v.getAbiType(), fmt::format("o{}", i));
    if (!conv)
      return false;
    if (conv->fallible)
      body += fmt::format("\t\tv{0}, e{0} := {1}\n\t\tif e{0} != nil {{\n{2}"
                          "\t\t}}\n\t\tx{0} = v{0}\n",
                          i, conv->expr, failReturn(fmt::format("e{}", i)));
    else
      body += fmt::format("\t\tx{} = {}\n", i, conv->expr);
  }
  body += results.empty() ? "\t}\n" : "\t\treturn\n\t}\n";
  // A named func type (context.CancelFunc) holds the closure converted to
  // it, so that the pool gives it back as that type.
  std::string value = "f";
  Type goType = values(e.getResults())[0].getGoType();
  if (isa<go::NamedType>(goType)) {
    std::optional<std::string> t = spell(goType);
    if (!t)
      return false;
    value = *t + "(f)";
  }
  // Stored as any result of the handle type (boxed for a named type).
  std::optional<std::string> stored =
      convOut(goType, handleForm, value, /*nested=*/false);
  if (!stored)
    return false;
  body += "\ttx := &rt.Tx{}\n\tdefer tx.Abort()\n";
  body += fmt::format("\tvar t0 {0}\n\tif r0 != nil {{\n\t\tt0 = {1}"
                      "\n\t}}\n\ttx.Commit()\n\tif r0 != nil {{\n\t\t*r0 = t0\n"
                      "\t}}\n\treturn 0\n}}\n",
                      cT(handleForm, false), *stored);
  out += body;
  return true;
}

bool WrapFile::printExport(cabi::ExportOp e, std::string &out) {
  cur = e;
  if (e.getKind() == cabi::ExportKind::Callback)
    return printCallback(e, out);
  SmallVector<cabi::ValueAttr> params = values(e.getParams());
  SmallVector<cabi::ValueAttr> results = values(e.getResults());
  std::string sym = e.getSymName().str();

  std::string sig = fmt::format("//export {0}\nfunc {0}(", sym);
  for (auto [i, v] : llvm::enumerate(params))
    sig += fmt::format("a{} {}, ", i, cT(v.getAbiType(), false));
  for (auto [i, v] : llvm::enumerate(results))
    sig += fmt::format("r{} *{}, ", i, cT(v.getAbiType(), false));
  sig += fmt::format("err *C.{}_string) (status C.int32_t) {{\n", lib.prefix);

  std::string body = "\tdefer rt.Catch(unsafe.Pointer(&status), "
                     "unsafe.Pointer(err))\n\trt.ClearErr(unsafe.Pointer("
                     "err))\n";
  SmallVector<std::string> args;
  for (auto [i, v] : llvm::enumerate(params)) {
    std::string g = fmt::format("g{}", i);
    std::optional<Conv> conv =
        convIn(v.getGoType(), v.getAbiType(), fmt::format("a{}", i));
    if (!conv)
      return false;
    if (conv->fallible)
      body += fmt::format(
          "\t{}, e := {}\n\tif e != nil {{\n\t\treturn "
          "C.int32_t(rt.Fail(rt.Arg({}, e), unsafe.Pointer(err)))\n\t}}\n",
          g, conv->expr,
          quoteString(v.getName().empty() ? fmt::format("parameter {}", i)
                                          : v.getName().str()));
    else
      body += fmt::format("\t{} := {}\n", g, conv->expr);
    args.push_back(g);
  }

  std::string pkgAlias = alias(pkg.getPath());
  auto callArgs = [&](size_t from) {
    std::string s = llvm::join(llvm::ArrayRef(args).drop_front(from), ", ");
    if (e.getVariadic() && args.size() > from)
      s += "...";
    return s;
  };
  const char *errReturn =
      "\t\treturn C.int32_t(rt.Error(e, unsafe.Pointer(err)))\n";
  // The Go value of each result, in order.
  SmallVector<std::string> resultExprs;
  switch (e.getKind()) {
  case cabi::ExportKind::Func:
  case cabi::ExportKind::Method:
  case cabi::ExportKind::FuncCall: {
    std::string call;
    if (e.getKind() == cabi::ExportKind::FuncCall) {
      // A func value from a handle; handle 0 (a nil func) is refused.
      body += fmt::format("\tif {} == nil {{\n{}\t}}\n", args[0],
                          nilHandle("func"));
      call = fmt::format("{}({})", args[0], callArgs(1));
    } else if (e.getKind() == cabi::ExportKind::Func) {
      call =
          fmt::format("{}.{}({})", pkgAlias, e.getGoName().str(), callArgs(0));
    } else {
      // `Type.Method`, or `<handle type>.Method` for an interface from
      // outside the module: the method is what follows the last dot.
      StringRef method = e.getGoName().rsplit('.').second;
      call = fmt::format("{}.{}({})", args[0], method.str(), callArgs(1));
    }
    // An in-out receiver: the method ran on g0, whose value is result 0.
    size_t first = 0;
    if (e.getInoutReceiver()) {
      resultExprs.push_back(args[0]);
      first = 1;
    }
    if (results.size() == first) {
      if (e.getReturnsError())
        body +=
            fmt::format("\tif e := {}; e != nil {{\n{}\t}}\n", call, errReturn);
      else
        body += fmt::format("\t{}\n", call);
      break;
    }
    SmallVector<std::string> lhs;
    for (size_t i = first; i < results.size(); ++i) {
      resultExprs.push_back(fmt::format("v{}", i));
      lhs.push_back(resultExprs.back());
    }
    if (e.getReturnsError())
      lhs.push_back("e");
    body += fmt::format("\t{} := {}\n", llvm::join(lhs, ", "), call);
    if (e.getReturnsError())
      body += fmt::format("\tif e != nil {{\n{}\t}}\n", errReturn);
    break;
  }
  case cabi::ExportKind::VarGet:
  case cabi::ExportKind::ConstGet:
    resultExprs.push_back(fmt::format("{}.{}", pkgAlias, e.getGoName().str()));
    break;
  case cabi::ExportKind::New: {
    auto ptr = dyn_cast<go::PointerType>(results[0].getGoType());
    std::optional<std::string> t;
    if (ptr)
      t = spell(ptr.getElem());
    if (!t)
      return false;
    resultExprs.push_back(fmt::format("new({})", *t));
    break;
  }
  case cabi::ExportKind::VarSet:
    body +=
        fmt::format("\t{}.{} = {}\n", pkgAlias, e.getGoName().str(), args[0]);
    break;
  case cabi::ExportKind::Box:
    // The parameter's Go value (a string, int, float64, bool, []byte, or
    // what a handle holds) becomes the result's `any`.
    resultExprs.push_back(args[0]);
    break;
  case cabi::ExportKind::FieldGet:
    resultExprs.push_back(
        fmt::format("{}.{}", args[0], e.getGoName().split('.').second.str()));
    break;
  case cabi::ExportKind::FieldSet: {
    StringRef field = e.getGoName().split('.').second;
    field.consume_front("set_");
    body += fmt::format("\t{}.{} = {}\n", args[0], field.str(), args[1]);
    break;
  }
  case cabi::ExportKind::ChanMake: {
    std::optional<std::string> t = spell(results[0].getGoType());
    if (!t)
      return false;
    body += fmt::format(
        "\tif {0} < 0 {{\n\t\treturn C.int32_t(rt.Fail(rt.BadArgumentf("
        "\"negative capacity %d\", {0}), unsafe.Pointer(err)))\n\t}}\n",
        args[0]);
    resultExprs.push_back(fmt::format("make({}, {})", *t, args[0]));
    break;
  }
  case cabi::ExportKind::ChanSend:
  case cabi::ExportKind::ChanTrySend: {
    // The value, or struct{}{} for a channel of empty structs; the timeout
    // is the last parameter (0 for the try form).
    bool timed = e.getKind() == cabi::ExportKind::ChanSend;
    size_t nvalue = args.size() - (timed ? 2 : 1);
    std::string value = nvalue ? args[1] : "struct{}{}";
    body += fmt::format("\tif s := rt.Send({}, {}, {}, unsafe.Pointer(err)); "
                        "s != 0 {{\n\t\treturn C.int32_t(s)\n\t}}\n",
                        args[0], value, timed ? args.back() : "0");
    break;
  }
  case cabi::ExportKind::ChanRecv:
  case cabi::ExportKind::ChanTryRecv: {
    bool timed = e.getKind() == cabi::ExportKind::ChanRecv;
    body += fmt::format("\t{}, s := rt.Recv({}, {}, unsafe.Pointer(err))\n"
                        "\tif s != 0 {{\n\t\treturn C.int32_t(s)\n\t}}\n",
                        results.empty() ? "_" : "v0", args[0],
                        timed ? args[1] : "0");
    if (!results.empty())
      resultExprs.push_back("v0");
    break;
  }
  case cabi::ExportKind::ChanClose:
    body += fmt::format("\tif s := rt.Close({}, unsafe.Pointer(err)); s != 0 "
                        "{{\n\t\treturn C.int32_t(s)\n\t}}\n",
                        args[0]);
    break;
  case cabi::ExportKind::ChanLen:
    resultExprs.push_back(fmt::format("len({})", args[0]));
    break;
  case cabi::ExportKind::ChanCap:
    resultExprs.push_back(fmt::format("cap({})", args[0]));
    break;
  }

  // Results are converted into temporaries under a transaction, and written
  // to the caller's pointers only when every one converted: a panic in the
  // middle frees and releases what the conversion made, and writes nothing.
  bool needsTx = llvm::any_of(
      results, [](cabi::ValueAttr v) { return !isScalarForm(v.getAbiType()); });
  if (needsTx)
    body += "\ttx := &rt.Tx{}\n\tdefer tx.Abort()\n";
  for (auto [i, v] : llvm::enumerate(results)) {
    std::optional<std::string> conv =
        convOut(v.getGoType(), v.getAbiType(), resultExprs[i], false);
    if (!conv)
      return false;
    body += fmt::format("\tvar t{0} {1}\n\tif r{0} != nil {{\n\t\tt{0} = "
                        "{2}\n\t}}\n",
                        i, cT(v.getAbiType(), false), *conv);
  }
  if (needsTx)
    body += "\ttx.Commit()\n";
  for (size_t i = 0; i < results.size(); ++i)
    body += fmt::format("\tif r{0} != nil {{\n\t\t*r{0} = t{0}\n\t}}\n", i);
  body += "\treturn 0\n}\n";
  out += sig + body;
  return true;
}

LogicalResult WrapFile::print(raw_ostream &os) {
  // The wrapped package is p0.
  alias(pkg.getPath());
  std::vector<std::string> functions;
  bool any = false;
  for (auto e : pkg.getBodyBlock().getOps<cabi::ExportOp>()) {
    any = true;
    std::string f;
    if (!printExport(e, f))
      return failure();
    functions.push_back(std::move(f));
  }
  for (std::string &h : helperText)
    functions.push_back(std::move(h));
  // Type aliases first: helpers and exports may name them.
  functions.insert(functions.begin(), anonText.begin(), anonText.end());

  os << "//--- w/" << dir << "/wrap.go\n";
  os << "// Code generated by mochi-go. DO NOT EDIT.\n\n";
  os << "// Package w_" << dir << " wraps " << pkg.getPath()
     << " for the C ABI of " << lib.prefix << " (docs/CAbi.md).\n";
  os << "package w_" << dir << "\n\n";
  // cgo cannot call a C function pointer: each callback of this package
  // calls its C function through a static inline trampoline.
  std::string trampolines;
  for (auto e : pkg.getBodyBlock().getOps<cabi::ExportOp>()) {
    if (e.getKind() != cabi::ExportKind::Callback)
      continue;
    auto fn = cast<cabi::CFuncType>(values(e.getParams())[0].getAbiType());
    cabi::ExportOp call = lib.callOf(fn.getName());
    if (!call)
      continue;
    SmallVector<std::string> args{"user"};
    for (size_t i = 1; i < call.getParams().size(); ++i)
      args.push_back("p" + std::to_string(i));
    for (size_t i = 0; i < call.getResults().size(); ++i)
      args.push_back("r" + std::to_string(i));
    args.push_back("err");
    trampolines += fmt::format(
        "\nstatic inline int32_t {0}_{1}_trampoline{2} {{\n  return "
        "fn({3});\n}}\n",
        lib.prefix, fn.getName().str(),
        lib.callbackParams(call, lib.cType(fn) + " fn, void *user"),
        llvm::join(args, ", "));
  }
  os << "/*\n#include <stdbool.h>\n#include <stddef.h>\n#include "
        "<stdint.h>\n\n"
     << lib.typeSection() << trampolines << "*/\nimport \"C\"\n";
  if (any) {
    // gofmt sorts the specs of an import block by path.
    std::vector<std::pair<std::string, std::string>> specs;
    for (auto &[path, name] : imports)
      specs.emplace_back(quoteString(path), name);
    specs.emplace_back(quoteString(lib.goRoot + "/rt"), "");
    specs.emplace_back("\"unsafe\"", "");
    if (usesErrors)
      specs.emplace_back("\"errors\"", "");
    llvm::sort(specs);
    os << "\nimport (\n";
    for (auto &[path, name] : specs)
      os << "\t" << (name.empty() ? "" : name + " ") << path << "\n";
    os << ")\n";
  }
  for (const std::string &f : functions)
    os << "\n" << f;
  return success();
}

} // namespace gowrap
} // namespace emit
} // namespace mochigo
