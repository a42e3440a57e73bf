//===- Yaml.h - YAML documents through yaml-cpp -----------------*- C++ -*-===//
//
// Part of mochi-go. A small tree of YAML values and its reader and writer.
// yaml-cpp is built with exceptions and RTTI while everything that includes
// LLVM is built without them, so yaml-cpp stays inside lib/Yaml (compiled
// with exceptions, catching every one) and this header names only the
// standard library.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_YAML_YAML_H
#define MOCHIGO_YAML_YAML_H

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mochigo {
namespace yaml {

/// A YAML value: a scalar, a sequence or a map (keys in insertion order).
class Value {
public:
  enum class Kind { Null, Scalar, Sequence, Map };

  Value() = default;
  /// A string scalar; written quoted when YAML would read it as something
  /// else (a number, a boolean, null) or it needs escapes.
  static Value string(std::string s);
  /// A plain scalar written as is: numbers and booleans.
  static Value plain(std::string s);
  static Value boolean(bool b) { return plain(b ? "true" : "false"); }
  static Value integer(long long i) { return plain(std::to_string(i)); }
  static Value sequence();
  static Value map();

  Kind kind() const { return k; }
  bool isScalar() const { return k == Kind::Scalar; }
  bool isSequence() const { return k == Kind::Sequence; }
  bool isMap() const { return k == Kind::Map; }
  /// The text of a scalar.
  const std::string &text() const { return scalar; }
  /// Whether a scalar must be written as a string (Value::string).
  bool isString() const { return quotedString; }

  /// Append to a sequence; returns the new element.
  Value &push(Value v);
  /// Set a key of a map (appended; an existing key is replaced in place);
  /// returns the value.
  Value &set(const std::string &key, Value v);
  /// The value of a key of a map, or null.
  const Value *get(const std::string &key) const;
  /// A scalar key's text, or "" when absent or not a scalar.
  std::string getString(const std::string &key) const;

  const std::vector<Value> &items() const { return elems; }
  const std::vector<std::pair<std::string, Value>> &entries() const {
    return fields;
  }

private:
  Kind k = Kind::Null;
  std::string scalar;
  bool quotedString = false;
  std::vector<Value> elems;
  std::vector<std::pair<std::string, Value>> fields;
};

/// Write `v` as one block-style YAML document, after `comments` (each line
/// written as `# line`). Sequences of scalars only and maps of scalars only
/// that fit are written in flow style (`[a, b]`, `{a: 1}`) when `flowLeaves`.
/// Ends with a newline. Deterministic: the same tree gives the same bytes.
std::string emit(const Value &v, const std::vector<std::string> &comments,
                 bool flowLeaves = true);

/// Read one YAML document. On error, returns false and sets `error` to
/// `line:column: message` (1-based).
bool parse(const std::string &text, Value &out, std::string &error);

} // namespace yaml
} // namespace mochigo

#endif // MOCHIGO_YAML_YAML_H
