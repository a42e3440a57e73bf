//===- Yaml.cpp - YAML documents through yaml-cpp -------------------------===//
//
// Part of mochi-go. Compiled with exceptions and RTTI (yaml-cpp needs them);
// every exception is caught here and none crosses the header.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Yaml/Yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

using namespace mochigo::yaml;

Value Value::string(std::string s) {
  Value v;
  v.k = Kind::Scalar;
  v.scalar = std::move(s);
  v.quotedString = true;
  return v;
}

Value Value::plain(std::string s) {
  Value v;
  v.k = Kind::Scalar;
  v.scalar = std::move(s);
  return v;
}

Value Value::sequence() {
  Value v;
  v.k = Kind::Sequence;
  return v;
}

Value Value::map() {
  Value v;
  v.k = Kind::Map;
  return v;
}

Value &Value::push(Value v) {
  elems.push_back(std::move(v));
  return elems.back();
}

Value &Value::set(const std::string &key, Value v) {
  for (auto &f : fields)
    if (f.first == key) {
      f.second = std::move(v);
      return f.second;
    }
  fields.emplace_back(key, std::move(v));
  return fields.back().second;
}

const Value *Value::get(const std::string &key) const {
  for (const auto &f : fields)
    if (f.first == key)
      return &f.second;
  return nullptr;
}

std::string Value::getString(const std::string &key) const {
  const Value *v = get(key);
  return v && v->isScalar() ? v->text() : std::string();
}

namespace {

/// Would a plain scalar with this text be read as something other than a
/// string (YAML 1.1 and 1.2 core schema: null, booleans, numbers)?
bool looksTyped(const std::string &s) {
  if (s.empty())
    return true;
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  static const char *const words[] = {"null", "~",     "true",  "false", "yes",
                                      "no",   "on",    "off",   "y",     "n",
                                      ".inf", "-.inf", "+.inf", ".nan"};
  for (const char *w : words)
    if (l == w)
      return true;
  // Numbers: digits, signs, dots, exponents, 0x/0o prefixes, underscores.
  bool digit = false;
  for (char c : l) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digit = true;
    else if (!std::strchr("+-._eoxabcdf:", c))
      return false;
  }
  return digit;
}

bool isFlowLeaf(const Value &v) {
  if (v.isSequence())
    return std::all_of(v.items().begin(), v.items().end(),
                       [](const Value &e) { return e.isScalar(); });
  if (v.isMap())
    return std::all_of(v.entries().begin(), v.entries().end(),
                       [](const auto &e) { return e.second.isScalar(); });
  return false;
}

void write(YAML::Emitter &out, const Value &v, bool flowLeaves) {
  switch (v.kind()) {
  case Value::Kind::Null:
    out << YAML::Null;
    return;
  case Value::Kind::Scalar:
    if (v.isString() && looksTyped(v.text()))
      out << YAML::DoubleQuoted << v.text();
    else
      out << v.text();
    return;
  case Value::Kind::Sequence:
    if (flowLeaves && isFlowLeaf(v))
      out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const Value &e : v.items())
      write(out, e, flowLeaves);
    out << YAML::EndSeq;
    return;
  case Value::Kind::Map:
    if (flowLeaves && isFlowLeaf(v) && !v.entries().empty())
      out << YAML::Flow;
    out << YAML::BeginMap;
    for (const auto &[key, value] : v.entries()) {
      out << YAML::Key << key << YAML::Value;
      write(out, value, flowLeaves);
    }
    out << YAML::EndMap;
    return;
  }
}

Value convert(const YAML::Node &n) {
  switch (n.Type()) {
  case YAML::NodeType::Scalar:
    // yaml-cpp tags a quoted scalar "!" and a plain one "?".
    return n.Tag() == "!" ? Value::string(n.Scalar())
                          : Value::plain(n.Scalar());
  case YAML::NodeType::Sequence: {
    Value s = Value::sequence();
    for (const YAML::Node &e : n)
      s.push(convert(e));
    return s;
  }
  case YAML::NodeType::Map: {
    Value m = Value::map();
    for (const auto &e : n)
      m.set(e.first.as<std::string>(), convert(e.second));
    return m;
  }
  default:
    return Value();
  }
}

} // namespace

std::string mochigo::yaml::emit(const Value &v,
                                const std::vector<std::string> &comments,
                                bool flowLeaves) {
  std::string head;
  for (const std::string &c : comments)
    head += c.empty() ? "#\n" : "# " + c + "\n";
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  write(out, v, flowLeaves);
  std::string body = out.c_str();
  if (body.empty() || body.back() != '\n')
    body += '\n';
  return head + body;
}

bool mochigo::yaml::parse(const std::string &text, Value &out,
                          std::string &error) {
  try {
    out = convert(YAML::Load(text));
    return true;
  } catch (const YAML::Exception &e) {
    std::ostringstream os;
    os << (e.mark.line + 1) << ":" << (e.mark.column + 1) << ": " << e.msg;
    error = os.str();
  } catch (const std::exception &e) {
    error = std::string("1:1: ") + e.what();
  }
  return false;
}
