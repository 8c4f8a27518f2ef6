// lang/lib/strings_builder.cpp: strings.Builder, text built by appending.
//
// Go declares one as a variable of its type (`var sb strings.Builder`);
// Goro has no types, so a script makes one as it makes a sync.WaitGroup:
// `sb := strings.Builder()`. Its methods are Go's:
//
//   sb.WriteString(s)  appends s; returns (len(s), nil)
//   sb.WriteByte(b)    appends the byte b (an int 0..255); returns nil
//   sb.WriteRune(r)    appends r's UTF-8 (U+FFFD for an invalid code
//                      point); returns (bytes written, nil)
//   sb.String()        the text so far, a new string
//   sb.Len()           its length in bytes
//   sb.Reset()         empties it
//
// The object (runtime::StringBuilder, runtime/object_layouts.h) holds a
// byte buffer that grows by doubling, so n appends cost O(total length).
// A Builder is a reference, like an array: copies share one text (Go
// forbids copying a used Builder; Goro cannot tell a copy from a use).
#include <algorithm>
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/lib/natives.h"
#include "lang/syntax/utf8.h"
#include "lang/value/race_safe_access.h"

namespace goro::lang::lib {

using runtime::StringBuilder;
using runtime::Value;

namespace {

StringBuilder* builderOf(const Value* args) { return static_cast<StringBuilder*>(args[0].asObject()); }

// The receiver is args[0]; the script's arguments follow (as sync.cpp).
bool builderArgs(NativeContext& cx, const char* name, uint32_t nargs, uint32_t want) {
  if (nargs - 1 == want) return true;
  cx.panicString(std::string(nargs - 1 < want ? "not enough" : "too many") + " arguments in call to " + name);
  return false;
}

// The builder's text: its buffer and length, each loaded once, the length
// clamped to the buffer (the layout's rule for racing goroutines).
std::string_view textOf(const StringBuilder* b) {
  runtime::Bytes* buffer = value::loadPublished(b->buffer);
  size_t length = value::loadWord(b->length);
  if (buffer == nullptr) return {};
  return {reinterpret_cast<const char*>(buffer->data), std::min(length, buffer->size)};
}

// Appends text (which must stay valid across an allocation: a rooted
// argument's bytes, or C++ memory).
void append(NativeContext& cx, StringBuilder* b, std::string_view text) {
  if (text.empty()) return;
  runtime::Bytes* buffer = value::loadPublished(b->buffer);
  size_t length = std::min(value::loadWord(b->length), buffer != nullptr ? buffer->size : 0);
  if (buffer == nullptr || buffer->size - length < text.size()) {
    size_t capacity = std::max<size_t>({16, 2 * (buffer != nullptr ? buffer->size : 0), length + text.size()});
    runtime::Bytes* grown = gc::newBytes(cx.cache(), capacity);  // b is rooted in the caller's slot
    // The old buffer is still b's (or was replaced by a racing append,
    // which is a loss of text the layout allows, never an overrun).
    std::string_view old = textOf(b);
    length = std::min(old.size(), length);
    if (length > 0) std::memcpy(grown->data, old.data(), length);
    value::publish(b->buffer, grown);
    buffer = grown;
  }
  std::memcpy(buffer->data + length, text.data(), text.size());
  value::storeWord(b->length, length + text.size());
}

}  // namespace

uint32_t stringsBuilder(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "strings.Builder", args, nargs).count(0)) return 0;
  results[0] = Value::object(gc::allocateAs<StringBuilder>(cx.cache(), runtime::Kind::Builder, sizeof(StringBuilder)));
  return 1;
}

uint32_t builderWriteString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!builderArgs(cx, "Builder.WriteString", nargs, 1)) return 0;
  std::string_view s;
  if (!Args(cx, "Builder.WriteString", args + 1, nargs - 1).string(0, &s)) return 0;
  append(cx, builderOf(args), s);
  results[0] = Value::smallInt(static_cast<int64_t>(s.size()));
  results[1] = Value::nil();
  return 2;
}

uint32_t builderWriteByte(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!builderArgs(cx, "Builder.WriteByte", nargs, 1)) return 0;
  int64_t c;
  if (!Args(cx, "Builder.WriteByte", args + 1, nargs - 1).integer(0, &c)) return 0;
  if (c < 0 || c > 255) {
    cx.panicString("Builder.WriteByte: byte " + std::to_string(c) + " out of range [0, 255]");
    return 0;
  }
  char byte = static_cast<char>(c);
  append(cx, builderOf(args), std::string_view(&byte, 1));
  results[0] = Value::nil();
  return 1;
}

uint32_t builderWriteRune(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!builderArgs(cx, "Builder.WriteRune", nargs, 1)) return 0;
  int64_t r;
  if (!Args(cx, "Builder.WriteRune", args + 1, nargs - 1).integer(0, &r)) return 0;
  bool valid = r >= 0 && r <= syntax::utf8::kMaxRune && !(r >= 0xD800 && r < 0xE000);
  std::string bytes;
  syntax::utf8::encode(valid ? static_cast<int32_t>(r) : 0xFFFD, bytes);
  append(cx, builderOf(args), bytes);
  results[0] = Value::smallInt(static_cast<int64_t>(bytes.size()));
  results[1] = Value::nil();
  return 2;
}

uint32_t builderString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!builderArgs(cx, "Builder.String", nargs, 0)) return 0;
  // The buffer is held across newString's allocation: a racing Reset
  // could otherwise leave it to the collector.
  StringBuilder* b = builderOf(args);
  gc::Handle<runtime::Bytes> buffer(value::loadPublished(b->buffer));
  size_t length = std::min(value::loadWord(b->length), buffer.get() != nullptr ? buffer->size : 0);
  if (buffer.get() == nullptr) return returnString(cx, results, "");
  return returnString(cx, results, std::string_view(reinterpret_cast<const char*>(buffer->data), length));
}

uint32_t builderLen(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!builderArgs(cx, "Builder.Len", nargs, 0)) return 0;
  results[0] = Value::smallInt(static_cast<int64_t>(textOf(builderOf(args)).size()));
  return 1;
}

uint32_t builderReset(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!builderArgs(cx, "Builder.Reset", nargs, 0)) return 0;
  StringBuilder* b = builderOf(args);
  value::storeWord(b->length, size_t{0});
  value::publish(b->buffer, static_cast<runtime::Bytes*>(nullptr));
  return 0;
}

}  // namespace goro::lang::lib
