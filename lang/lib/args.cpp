// lang/lib/args.cpp: the argument checks natives share (lang/lib/natives.h).
#include "lang/lib/natives.h"

#include "gc/constructors.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Value;

bool Args::count(uint32_t want) {
  if (nargs_ == want) return true;
  std::string msg = nargs_ < want ? "not enough arguments in call to " : "too many arguments in call to ";
  msg += fn_;
  cx_.panicString(msg);
  return false;
}

bool Args::atLeast(uint32_t want) {
  if (nargs_ >= want) return true;
  std::string msg = "not enough arguments in call to ";
  msg += fn_;
  cx_.panicString(msg);
  return false;
}

void Args::typeError(uint32_t i, std::string_view want) {
  std::string msg = "cannot use ";
  msg += value::typeName(args_[i]);
  msg += " as ";
  msg += want;
  msg += " value in argument to ";
  msg += fn_;
  cx_.panicString(msg);
}

bool Args::string(uint32_t i, std::string_view* out) {
  if (!value::isString(args_[i])) {
    typeError(i, "string");
    return false;
  }
  *out = value::stringView(args_[i]);
  return true;
}

bool Args::integer(uint32_t i, int64_t* out) {
  if (!value::isInt(args_[i])) {
    typeError(i, "int");
    return false;
  }
  *out = value::intOf(args_[i]);
  return true;
}

bool Args::number(uint32_t i, double* out) {
  if (!value::isNumber(args_[i])) {
    typeError(i, "float");
    return false;
  }
  *out = value::floatOf(args_[i]);
  return true;
}

bool Args::array(uint32_t i, runtime::Array** out) {
  Value v = args_[i];
  if (!v.isObject() || v.asObject()->kind != runtime::Kind::Array) {
    typeError(i, "array");
    return false;
  }
  *out = static_cast<runtime::Array*>(v.asObject());
  return true;
}

uint32_t returnString(NativeContext& cx, Value* result, std::string_view s) {
  *result = Value::object(gc::newString(cx.cache(), s));
  return 1;
}

}  // namespace goro::lang::lib
