//===- CProgram.cpp - the C program of the c-program gate -----------------===//
//
// Part of mochi-go. A C program that calls every exported function of a
// published module's C face through its header, twice: with zero arguments
// (what the Go consumer gate passes) and with sample arguments (non-zero
// scalars, non-empty strings, bytes, lists of two, maps of two entries,
// records of samples; handles are always 0, as C cannot make a Go value).
// It checks what docs/CAbi.md promises of each call and prints the call
// and its results. The C names come from lib/Emit's Library, the header's
// own source of names.
//
//===----------------------------------------------------------------------===//

#include "CFace.h"

#include "../Emit/GoTypes.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>
#include <map>
#include <set>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::publish;
using emit::Library;
using llvm::StringRef;

namespace {

/// The strings of the sample arguments, by leaf number.
constexpr const char *kSampleStrings[] = {"12", "-", "ab", "x y", "34"};

class Program {
public:
  explicit Program(const Library &lib) : lib(lib) {}
  LogicalResult print(std::string &text);

private:
  /// The C type of a form where it is named on its own (a handle by its
  /// handle type's name) or nested.
  std::string ct(Type form, bool nested = true) const {
    return lib.cType(form, nested);
  }
  /// `show_<m>(FILE *, const CT *, int out)`, made on first use (its
  /// dependencies first).
  std::string show(Type form);
  /// Does a value of the form hold handles?
  bool hasHandles(Type form) const;
  /// `release_<m>(const CT *)`, made on first use.
  std::string release(Type form);
  /// A C expression of a zero or sample value of `form`; arrays it needs are
  /// declared in `code`. `leaf` numbers the scalars, strings and bytes.
  std::string value(Type form, bool sample, unsigned &leaf, std::string &code);
  void call(cabi::ExportOp e, bool sample, std::string &out);

  const Library &lib;
  /// The `new` export of each handle type that has one.
  std::map<std::string, std::string, std::less<>> newExports;
  /// Of the call being printed: a handle argument is 0; the handles made
  /// by `new` exports for it (released after the call).
  bool nilHandles = false;
  std::vector<std::pair<std::string, Type>> madeHandles;
  std::set<std::string> made;
  std::string helpers;
  unsigned tmp = 0;
};

std::string Program::show(Type form) {
  if (isa<cabi::ErrorType>(form))
    form = cabi::StringType::get(form.getContext());
  std::string m = emit::mangle(form);
  std::string name = "show_" + m;
  if (made.count(name))
    return name;
  std::string body;
  if (auto i = dyn_cast<IntegerType>(form)) {
    if (i.getWidth() == 1)
      body = "  fputs(*v ? \"true\" : \"false\", f);\n";
    else if (i.isUnsigned())
      body = "  fprintf(f, \"%llu\", (unsigned long long)*v);\n";
    else
      body = "  fprintf(f, \"%lld\", (long long)*v);\n";
  } else if (isa<FloatType>(form)) {
    body = "  fprintf(f, \"%g\", (double)*v);\n";
  } else if (isa<cabi::StringType>(form)) {
    body = "  check_string(v->data, v->len, out);\n"
           "  fputc('\"', f);\n"
           "  if (v->len > 0)\n"
           "    fwrite(v->data, 1, (size_t)v->len, f);\n"
           "  fputc('\"', f);\n";
  } else if (isa<cabi::BytesType>(form)) {
    body = "  check_len(v->data, v->len, out);\n"
           "  fputc('[', f);\n"
           "  for (int64_t i = 0; i < v->len; i++)\n"
           "    fprintf(f, i ? \" %u\" : \"%u\", (unsigned)v->data[i]);\n"
           "  fputc(']', f);\n";
  } else if (isa<cabi::HandleType>(form)) {
    body = "  fputs(*v ? \"handle\" : \"nil\", f);\n"
           "  (void)out;\n";
  } else if (auto l = dyn_cast<cabi::ListType>(form)) {
    std::string e = show(l.getElem());
    body = fmt::format("  check_len(v->data, v->len, out);\n"
                       "  fputc('[', f);\n"
                       "  for (int64_t i = 0; i < v->len; i++) {{\n"
                       "    if (i)\n"
                       "      fputc(' ', f);\n"
                       "    {}(f, &v->data[i], out);\n"
                       "  }}\n"
                       "  fputc(']', f);\n",
                       e);
  } else if (auto mp = dyn_cast<cabi::MapType>(form)) {
    // Go's map order is random: the entries are printed sorted.
    std::string k = show(mp.getKey()), val = show(mp.getValue());
    body = fmt::format(
        "  check_len(v->keys, v->len, out);\n"
        "  check_len(v->values, v->len, out);\n"
        "  char **items = calloc((size_t)v->len + 1, sizeof(char *));\n"
        "  for (int64_t i = 0; i < v->len; i++) {{\n"
        "    size_t n = 0;\n"
        "    FILE *s = open_memstream(&items[i], &n);\n"
        "    {}(s, &v->keys[i], out);\n"
        "    fputc(':', s);\n"
        "    {}(s, &v->values[i], out);\n"
        "    fclose(s);\n"
        "  }}\n"
        "  qsort(items, (size_t)v->len, sizeof(char *), compare_strings);\n"
        "  fputs(\"map[\", f);\n"
        "  for (int64_t i = 0; i < v->len; i++) {{\n"
        "    fputs(i ? \" \" : \"\", f);\n"
        "    fputs(items[i], f);\n"
        "    free(items[i]);\n"
        "  }}\n"
        "  fputc(']', f);\n"
        "  free(items);\n",
        k, val);
  } else if (cabi::RecordOp r = lib.record(form)) {
    body = "  fputc('{', f);\n";
    auto fields = emit::values(r.getFields());
    for (auto [i, fv] : llvm::enumerate(fields)) {
      std::string s = show(fv.getAbiType());
      body +=
          fmt::format("  fputs(\"{}{}:\", f);\n  {}(f, &v->{}, out);\n",
                      i ? " " : "", fv.getName().str(), s, fv.getName().str());
    }
    if (fields.empty())
      body += "  (void)v;\n  (void)out;\n";
    body += "  fputc('}', f);\n";
  } else {
    return "";
  }
  made.insert(name);
  helpers += fmt::format("static void {}(FILE *f, const {} *v, int out) {{\n"
                         "{}}}\n\n",
                         name, ct(form), body);
  return name;
}

bool Program::hasHandles(Type form) const {
  if (isa<cabi::HandleType>(form))
    return true;
  if (auto l = dyn_cast<cabi::ListType>(form))
    return hasHandles(l.getElem());
  if (auto m = dyn_cast<cabi::MapType>(form))
    return hasHandles(m.getKey()) || hasHandles(m.getValue());
  if (cabi::RecordOp r = lib.record(form))
    return llvm::any_of(emit::values(r.getFields()), [&](cabi::ValueAttr f) {
      return hasHandles(f.getAbiType());
    });
  return false;
}

std::string Program::release(Type form) {
  std::string name = "release_" + emit::mangle(form);
  if (made.count(name))
    return name;
  std::string body;
  if (isa<cabi::HandleType>(form)) {
    body = fmt::format("  {0}_string err = {{NULL, 0}};\n"
                       "  if (*v != 0 && {0}_handle_release(*v, &err) != 0) "
                       "{{\n"
                       "    printf(\"FAIL: releasing a result handle: "
                       "%.*s\\n\", (int)err.len, err.data ? err.data : \"\");\n"
                       "    failures++;\n"
                       "    {0}_free_string(&err);\n"
                       "  }}\n",
                       lib.prefix);
  } else if (auto l = dyn_cast<cabi::ListType>(form)) {
    body = fmt::format("  for (int64_t i = 0; i < v->len; i++)\n"
                       "    {}(&v->data[i]);\n",
                       release(l.getElem()));
  } else if (auto m = dyn_cast<cabi::MapType>(form)) {
    body = "  for (int64_t i = 0; i < v->len; i++) {\n";
    if (hasHandles(m.getKey()))
      body += "    " + release(m.getKey()) + "(&v->keys[i]);\n";
    if (hasHandles(m.getValue()))
      body += "    " + release(m.getValue()) + "(&v->values[i]);\n";
    body += "  }\n";
  } else if (cabi::RecordOp r = lib.record(form)) {
    for (cabi::ValueAttr f : emit::values(r.getFields()))
      if (hasHandles(f.getAbiType()))
        body += fmt::format("  {}(&v->{});\n", release(f.getAbiType()),
                            f.getName().str());
  }
  made.insert(name);
  helpers += fmt::format("static void {}(const {} *v) {{\n{}}}\n\n", name,
                         ct(form), body);
  return name;
}

std::string Program::value(Type form, bool sample, unsigned &leaf,
                           std::string &code) {
  std::string c = ct(form);
  if (auto i = dyn_cast<IntegerType>(form)) {
    unsigned n = leaf++;
    if (i.getWidth() == 1)
      return sample && n % 2 == 0 ? "true" : "false";
    return sample ? std::to_string(n + 2) : "0";
  }
  if (isa<FloatType>(form)) {
    unsigned n = leaf++;
    return sample ? std::to_string(n) + ".5" : "0.0";
  }
  if (isa<cabi::StringType, cabi::ErrorType>(form)) {
    unsigned n = leaf++;
    if (!sample)
      return fmt::format("({}){{NULL, 0}}", c);
    StringRef s = kSampleStrings[n % std::size(kSampleStrings)];
    return fmt::format("({}){{\"{}\", {}}}", c, s.str(), s.size());
  }
  if (isa<cabi::BytesType>(form)) {
    unsigned n = leaf++;
    if (!sample)
      return fmt::format("({}){{NULL, 0}}", c);
    StringRef s = kSampleStrings[n % std::size(kSampleStrings)];
    std::string var = fmt::format("t{}", tmp++);
    std::vector<std::string> bytes;
    for (char ch : s)
      bytes.push_back(std::to_string(static_cast<unsigned char>(ch)));
    code +=
        fmt::format("  uint8_t {}[] = {{{}}};\n", var, llvm::join(bytes, ", "));
    return fmt::format("({}){{{}, {}}}", c, var, s.size());
  }
  if (auto h = dyn_cast<cabi::HandleType>(form)) {
    // A handle of a type that has a `new` export is a handle to a new zero
    // value (in the zero call too: the Go consumer passes the zero value);
    // any other handle is 0 (nil).
    auto it = newExports.find(h.getName());
    if (it == newExports.end()) {
      nilHandles = true;
      return "0";
    }
    std::string var = fmt::format("t{}", tmp++);
    code += fmt::format("  {} {} = 0;\n"
                        "  if ({}(&{}, NULL) != {}_OK)\n"
                        "    printf(\"FAIL: {} failed\\n\"), failures++;\n",
                        ct(form, false), var, it->second, var,
                        StringRef(lib.prefix).upper(), it->second);
    madeHandles.emplace_back(var, form);
    return var;
  }
  if (auto l = dyn_cast<cabi::ListType>(form)) {
    if (!sample)
      return fmt::format("({}){{NULL, 0}}", c);
    std::string e0 = value(l.getElem(), true, leaf, code);
    std::string e1 = value(l.getElem(), true, leaf, code);
    std::string var = fmt::format("t{}", tmp++);
    code +=
        fmt::format("  {} {}[2] = {{{}, {}}};\n", ct(l.getElem()), var, e0, e1);
    return fmt::format("({}){{{}, 2}}", c, var);
  }
  if (auto m = dyn_cast<cabi::MapType>(form)) {
    if (!sample)
      return fmt::format("({}){{NULL, NULL, 0}}", c);
    // The two keys differ: numbers and strings by their leaf numbers, a
    // bool key is true and then false.
    auto key = [&](bool first) {
      if (m.getKey().isInteger(1)) {
        ++leaf;
        return std::string(first ? "true" : "false");
      }
      return value(m.getKey(), true, leaf, code);
    };
    std::string k0 = key(true);
    std::string v0 = value(m.getValue(), true, leaf, code);
    std::string k1 = key(false);
    std::string v1 = value(m.getValue(), true, leaf, code);
    std::string ks = fmt::format("t{}", tmp++), vs = fmt::format("t{}", tmp++);
    code +=
        fmt::format("  {} {}[2] = {{{}, {}}};\n", ct(m.getKey()), ks, k0, k1);
    code +=
        fmt::format("  {} {}[2] = {{{}, {}}};\n", ct(m.getValue()), vs, v0, v1);
    return fmt::format("({}){{{}, {}, 2}}", c, ks, vs);
  }
  if (cabi::RecordOp r = lib.record(form)) {
    std::vector<std::string> fields;
    for (cabi::ValueAttr f : emit::values(r.getFields()))
      fields.push_back(value(f.getAbiType(), sample, leaf, code));
    if (fields.empty())
      return fmt::format("({}){{0}}", c);
    return fmt::format("({}){{{}}}", c, llvm::join(fields, ", "));
  }
  return "";
}

void Program::call(cabi::ExportOp e, bool sample, std::string &out) {
  const std::string &p = lib.prefix;
  std::string P = StringRef(p).upper();
  std::string goName = e.getGoName().str();
  std::string code, args, shows;
  unsigned leaf = 0;
  nilHandles = false;
  madeHandles.clear();
  tmp = 0; // the temporaries are local to the call's function
  auto params = emit::values(e.getParams());
  for (auto [i, v] : llvm::enumerate(params)) {
    Type form = v.getAbiType();
    std::string expr = value(form, sample, leaf, code);
    code += fmt::format("  {} a{} = {};\n", ct(form, false), i, expr);
    args += fmt::format("{}a{}", i ? ", " : "", i);
    shows += fmt::format("  {}{}(stdout, &a{}, 0);\n",
                         i ? "fputs(\", \", stdout);\n  " : "", show(form), i);
  }
  auto results = emit::values(e.getResults());
  std::string printResults, freeResults, untouched, nullArgs;
  for (size_t i = 0; i < params.size(); ++i)
    nullArgs += fmt::format("{}a{}", i ? ", " : "", i);
  for (auto [i, v] : llvm::enumerate(results)) {
    Type form = v.getAbiType();
    code += fmt::format("  {} r{};\n  memset(&r{}, 0, sizeof r{});\n",
                        ct(form, false), i, i, i);
    args += fmt::format("{}&r{}", args.empty() ? "" : ", ", i);
    nullArgs += fmt::format("{}NULL", nullArgs.empty() ? "" : ", ");
    untouched += fmt::format("  untouched(&r{0}, sizeof r{0}, st);\n", i);
    printResults +=
        fmt::format("    {}{}(stdout, &r{}, 1);\n",
                    i ? "fputs(\", \", stdout);\n    " : "", show(form), i);
    if (hasHandles(form))
      freeResults += fmt::format("    {}(&r{});\n", release(form), i);
    if (lib.ownsMemory(form))
      freeResults += fmt::format("    {}(&r{});\n", lib.freeName(form), i);
  }
  if (results.empty())
    printResults = "    fputs(\"done\", stdout);\n";
  args += fmt::format("{}&err", args.empty() ? "" : ", ");
  nullArgs += fmt::format("{}NULL", nullArgs.empty() ? "" : ", ");

  out += fmt::format("static void call_{}_{}(void) {{\n", e.getSymName().str(),
                     sample ? "sample" : "zero");
  out += code;
  out += fmt::format("  {}_string err = {{NULL, 0}};\n", p);
  out += fmt::format("  int32_t st = {}({});\n", e.getSymName().str(), args);
  // The same call with every result pointer and err NULL: the same
  // status, nothing written, nothing allocated (handle_live at the end).
  out += fmt::format("  if ({}({}) != st)\n"
                     "    printf(\"FAIL: {} with NULL result pointers gave "
                     "another status\\n\"), failures++;\n",
                     e.getSymName().str(), nullArgs, goName);
  out += untouched;
  out += fmt::format("  printf(\"{}(\");\n", goName);
  out += shows;
  out += "  fputs(\") = \", stdout);\n";
  out += fmt::format("  if (st == {}_OK) {{\n", P);
  out += fmt::format("    if (err.data != NULL || err.len != 0) {{\n"
                     "      printf(\"FAIL: *err not zeroed on {}_OK\\n\");\n"
                     "      failures++;\n"
                     "    }}\n",
                     P);
  out += printResults;
  out += freeResults;
  if (e.getReturnsError())
    out += fmt::format("  }} else if (st == {}_ERROR) {{\n"
                       "    check_message(&err);\n"
                       "    printf(\"error(%.*s)\", (int)err.len, err.data);\n"
                       "    {}_free_string(&err);\n",
                       P, p);
  if (nilHandles)
    out += fmt::format("  }} else if (st == {0}_PANIC || st == "
                       "{0}_BAD_HANDLE) {{\n"
                       "    /* a nil handle argument may make the Go code "
                       "panic, or be refused where a value is needed */\n"
                       "    check_message(&err);\n"
                       "    printf(\"nil handle: %.*s\", (int)err.len, "
                       "err.data);\n"
                       "    {1}_free_string(&err);\n",
                       P, p);
  out += fmt::format(
      "  }} else {{\n"
      "    printf(\"FAIL: status %d: %.*s\", (int)st, (int)err.len,\n"
      "           err.data ? err.data : \"\");\n"
      "    failures++;\n"
      "    if (err.data)\n"
      "      {}_free_string(&err);\n"
      "  }}\n"
      "  putchar('\\n');\n",
      p);
  for (auto &[var, form] : madeHandles)
    out += fmt::format("  {}(&{});\n", release(form), var);
  out += "  calls++;\n}\n\n";
}

LogicalResult Program::print(std::string &text) {
  const std::string &p = lib.prefix;
  std::string calls, mainBody;
  cabi::LibraryOp op = lib.op;
  op.walk([&](cabi::ExportOp e) {
    if (e.getKind() == cabi::ExportKind::New && e.getResults().size() == 1)
      if (auto h = dyn_cast<cabi::HandleType>(
              emit::values(e.getResults()).front().getAbiType()))
        newExports[h.getName().str()] = e.getSymName().str();
  });
  op.walk([&](cabi::ExportOp e) {
    if (e.getKind() != cabi::ExportKind::Func)
      return;
    for (bool sample : {false, true}) {
      call(e, sample, calls);
      mainBody += fmt::format("  call_{}_{}();\n", e.getSymName().str(),
                              sample ? "sample" : "zero");
    }
  });
  text = fmt::format(
      "/* Generated by mochi-go publish --c-header: the c-program gate of "
      "{0}.h.\n"
      "   Calls every exported function with zero and with sample arguments, "
      "checks\n"
      "   the status and the ownership rules of docs/CAbi.md, frees every "
      "result. */\n"
      "#define _POSIX_C_SOURCE 200809L\n"
      "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
      "#include \"{0}.h\"\n\n"
      "static int failures, calls;\n\n"
      "/* docs/CAbi.md: a result string (out) always has data and a NUL that "
      "len does\n   not count; empty bytes, lists and maps come back with "
      "NULL data. */\n"
      "static inline void check_string(const char *data, int64_t len, int "
      "out) {{\n"
      "  if (len < 0 || (len > 0 && data == NULL) ||\n"
      "      (out && (data == NULL || data[len] != 0)))\n"
      "    printf(\"FAIL: a string of length %lld without data or NUL\\n\", "
      "(long long)len), failures++;\n"
      "}}\n\n"
      "static inline void check_len(const void *data, int64_t len, int out) "
      "{{\n"
      "  if (len < 0 || (len > 0 && data == NULL) || (out && len == 0 && data "
      "!= NULL))\n"
      "    printf(\"FAIL: a value of length %lld with data %p\\n\", "
      "(long long)len, data), failures++;\n"
      "}}\n\n"
      "static inline void check_message({0}_string *err) {{\n"
      "  if (err->data == NULL || err->len < 0 || err->data[err->len] != 0)\n"
      "    printf(\"FAIL: a message without data or NUL\\n\"), failures++;\n"
      "}}\n\n"
      "/* docs/CAbi.md: results are written only on OK. */\n"
      "static inline void untouched(const void *r, size_t n, int32_t st) {{\n"
      "  const unsigned char *b = r;\n"
      "  for (size_t i = 0; st != {1}_OK && i < n; i++)\n"
      "    if (b[i] != 0) {{\n"
      "      printf(\"FAIL: a result written with status %d\\n\", (int)st);\n"
      "      failures++;\n"
      "      return;\n"
      "    }}\n"
      "}}\n\n"
      "static inline int compare_strings(const void *a, const void *b) {{\n"
      "  return strcmp(*(char *const *)a, *(char *const *)b);\n"
      "}}\n\n",
      p, StringRef(p).upper());
  std::string body = calls;
  text += helpers;
  text += body;
  text += "int main(void) {\n" + mainBody;
  text +=
      fmt::format("  int64_t live = {}_handle_live();\n"
                  "  if (live != 0)\n"
                  "    printf(\"FAIL: %lld handles live after every result was "
                  "released\\n\", (long long)live), failures++;\n"
                  "  printf(\"%d calls, %d failures\\n\", calls, failures);\n"
                  "  return failures ? 1 : 0;\n}}\n",
                  p);
  return success();
}

} // namespace

LogicalResult publish::emitCProgram(ModuleOp lowered, std::string &text) {
  Library lib;
  if (failed(emit::loadLibrary(lowered, lib)))
    return failure();
  return Program(lib).print(text);
}
