#include "args.h"

#include <charconv>
#include <cstdio>
#include <cmath>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace shallownet::binding {

namespace {

// 2^53 - 1: beyond this a JS number no longer counts every integer.
constexpr int64_t kMaxSafeInteger = 9007199254740991;

// This machine's physical memory in bytes, or 0 if unknown (os.totalmem() in the TS layer).
double physical_memory() {
#ifdef _WIN32
  MEMORYSTATUSEX status;
  status.dwLength = sizeof status;
  return GlobalMemoryStatusEx(&status) ? static_cast<double>(status.ullTotalPhys) : 0.0;
#else
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  return pages > 0 && page_size > 0 ? static_cast<double>(pages) * static_cast<double>(page_size) : 0.0;
#endif
}

}  // namespace

std::string format_number(double number) {
  if (std::isnan(number)) return "NaN";
  if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
  if (number == 0.0) return "0";  // JS prints -0 as "0" too
  // The shortest digits that round-trip, then laid out as JavaScript's
  // Number.prototype.toString does (ECMA-262 Number::toString): plain
  // decimals from 1e-6 up to 1e21, exponent notation (1e-7, 1e+21) outside.
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  if (error != std::errc()) return "NaN";
  const std::string text(buffer, end);  // "-d.ddde+XX"
  const bool negative = text[0] == '-';
  const size_t e = text.find('e');
  std::string digits;
  for (size_t k = negative ? 1 : 0; k < e; ++k) {
    if (text[k] != '.') digits += text[k];
  }
  const int k = static_cast<int>(digits.size());
  const int n = std::stoi(text.substr(e + 1)) + 1;  // the decimal point sits after n digits
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive,
    // GCC bug 105329) about "literal" + std::string&&.
    out = "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out += '.' + digits.substr(1);
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  if (negative) out.insert(out.begin(), '-');
  return out;
}

namespace {

// A string as JSON writes it, cut at 40 characters like the TS layer's describe().
std::string quoted(const std::string& text) {
  std::string cut = text;
  if (cut.size() > 40) {
    size_t end = 40;
    while (end > 0 && (static_cast<unsigned char>(cut[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 sequence
    cut = cut.substr(0, end) + "…";
  }
  std::string out = "\"";
  for (const char c : cut) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

const char* typed_array_name(napi_typedarray_type type) {
  switch (type) {
    case napi_int8_array: return "an Int8Array";
    case napi_uint8_array: return "a Uint8Array";
    case napi_uint8_clamped_array: return "a Uint8ClampedArray";
    case napi_int16_array: return "an Int16Array";
    case napi_uint16_array: return "a Uint16Array";
    case napi_int32_array: return "an Int32Array";
    case napi_uint32_array: return "a Uint32Array";
    case napi_float32_array: return "a Float32Array";
    case napi_float64_array: return "a Float64Array";
    case napi_bigint64_array: return "a BigInt64Array";
    case napi_biguint64_array: return "a BigUint64Array";
    default: return "a TypedArray";
  }
}

}  // namespace

// The TS layer's describe() (lib/describe.ts), kind for kind, except that an
// object of a class is only "an object" here (its constructor's name is not read).
std::string describe(const Napi::Value& value) {
  const napi_env env = value.Env();
  switch (value.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_number: return format_number(value.As<Napi::Number>().DoubleValue());
    case napi_string: return quoted(value.As<Napi::String>().Utf8Value());
    case napi_boolean: return value.As<Napi::Boolean>().Value() ? "true" : "false";
    case napi_symbol: return "a symbol";
    case napi_function: return "a function";
    case napi_bigint: {
      napi_value text;
      if (napi_coerce_to_string(env, value, &text) != napi_ok) return "a bigint";
      return "the bigint " + Napi::String(env, text).Utf8Value() + "n";
    }
    default: break;
  }
  if (value.IsArray()) return "an Array of length " + std::to_string(value.As<Napi::Array>().Length());
  if (value.IsTypedArray()) return typed_array_name(value.As<Napi::TypedArray>().TypedArrayType());
  if (value.IsDataView()) return "a DataView";
  if (value.IsArrayBuffer()) return "an ArrayBuffer";
  return "an object";
}

std::string argument_message(const std::string& name, const std::string& expected, const std::string& got,
                             const std::string& advice) {
  return name + " must be " + expected + ", got " + got + (advice.empty() ? "" : "; " + advice);
}

std::string allocation_failure_message(const std::string& what) {
  return argument_message(what, "allocatable", "an allocation failure", "train on fewer examples at a time");
}

void invalid_type(Napi::Env env, const std::string& name, const std::string& expected, const Napi::Value& actual) {
  throw Napi::TypeError::New(env, argument_message(name, expected, describe(actual)));
}

void invalid_value(Napi::Env env, const std::string& name, const std::string& expected, const std::string& got,
                   const std::string& advice) {
  throw Napi::RangeError::New(env, argument_message(name, expected, got, advice));
}

Napi::Value argument(const Napi::CallbackInfo& info, size_t index) {
  return index < info.Length() ? info[index] : info.Env().Undefined();
}

namespace {
double to_number(const Napi::Value& value, const std::string& name) {
  if (!value.IsNumber()) invalid_type(value.Env(), name, "a number", value);
  return value.As<Napi::Number>().DoubleValue();
}
}  // namespace

int64_t to_integer(const Napi::Value& value, const std::string& name, int64_t min, int64_t max) {
  const double number = to_number(value, name);
  if (!std::isfinite(number) || std::floor(number) != number || number < static_cast<double>(min) ||
      number > static_cast<double>(std::min(max, kMaxSafeInteger))) {
    invalid_value(value.Env(), name, "an integer from " + std::to_string(min) + " to " + std::to_string(max),
                  format_number(number));
  }
  return static_cast<int64_t>(number);
}

double to_positive_finite(const Napi::Value& value, const std::string& name) {
  const double number = to_number(value, name);
  if (!std::isfinite(number) || number <= 0.0) invalid_value(value.Env(), name, "a finite number > 0", format_number(number));
  return number;
}

double to_nonnegative_finite(const Napi::Value& value, const std::string& name) {
  const double number = to_number(value, name);
  if (!std::isfinite(number) || number < 0.0) invalid_value(value.Env(), name, "a finite number >= 0", format_number(number));
  return number;
}

double to_number_in(const Napi::Value& value, const std::string& name, double min, double max) {
  const double number = to_number(value, name);
  if (!(number >= min && number < max)) {
    invalid_value(value.Env(), name, "a number in [" + format_number(min) + ", " + format_number(max) + ")",
                  format_number(number));
  }
  return number;
}

bool to_boolean(const Napi::Value& value, const std::string& name) {
  if (!value.IsBoolean()) invalid_type(value.Env(), name, "a boolean", value);
  return value.As<Napi::Boolean>().Value();
}

int read_choice(const Napi::Value& value, const std::string& name, std::initializer_list<const char*> names) {
  std::string expected = "one of ";
  for (const char* choice : names) expected += std::string(expected.size() > 7 ? ", '" : "'") + choice + "'";
  if (!value.IsString()) invalid_type(value.Env(), name, expected, value);
  const std::string given = value.As<Napi::String>().Utf8Value();
  int index = 0;
  for (const char* choice : names) {
    if (given == choice) return index;
    ++index;
  }
  invalid_value(value.Env(), name, expected, "'" + given + "'");
}

Napi::Float64Array to_f64(const Napi::Value& value, const std::string& name, int64_t length, const std::string& what) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    invalid_type(value.Env(), name, "a Float64Array", value);
  }
  Napi::Float64Array array = value.As<Napi::Float64Array>();
  if (static_cast<int64_t>(array.ElementLength()) != length) {
    invalid_value(value.Env(), name, what + " = " + std::to_string(length) + " values long",
                  std::to_string(array.ElementLength()));
  }
  return array;
}

int64_t first_invalid(const double* data, int64_t length, ValueRule rule) {
  for (int64_t k = 0; k < length; ++k) {
    if (rule == ValueRule::UnitInterval ? !(data[k] >= 0.0 && data[k] <= 1.0) : !std::isfinite(data[k])) return k;
  }
  return -1;
}

std::string invalid_value_message(const std::string& name, ValueRule rule, int64_t index, double value, int64_t cols) {
  const std::string where = cols > 0 ? name + "[" + std::to_string(index / cols) + "][" + std::to_string(index % cols) + "]"
                                     : "value " + std::to_string(index);
  return argument_message(name,
                          rule == ValueRule::UnitInterval ? "in [0, 1] everywhere (targets of a sigmoid or softmax output)"
                                                          : "finite everywhere (no NaN or ±Infinity)",
                          where + " = " + format_number(value));
}

void require_valid(Napi::Env env, const double* data, int64_t length, const std::string& name, ValueRule rule,
                   int64_t cols) {
  const int64_t bad = first_invalid(data, length, rule);
  if (bad >= 0) throw Napi::RangeError::New(env, invalid_value_message(name, rule, bad, data[bad], cols));
}

void require_finite(Napi::Env env, const double* data, int64_t length, const std::string& name, int64_t cols) {
  require_valid(env, data, length, name, ValueRule::Finite, cols);
}

int64_t copy_checked(const double* from, double* to, int64_t length, ValueRule rule) {
  // One pass: copy, and note (branch-free) whether anything failed; find which only then.
  bool valid = true;
  for (int64_t k = 0; k < length; ++k) {
    to[k] = from[k];
    valid &= rule == ValueRule::UnitInterval ? (from[k] >= 0.0 && from[k] <= 1.0) : std::isfinite(from[k]);
  }
  return valid ? -1 : first_invalid(from, length, rule);
}

int64_t first_bad_column(const double* Y, int64_t rows, int64_t cols, double* sum) {
  for (int64_t j = 0; j < cols; ++j) {
    double total = 0.0;
    for (int64_t i = 0; i < rows; ++i) total += Y[i * cols + j];
    if (!(std::fabs(total - 1.0) <= kProbabilitySumTolerance)) {
      *sum = total;
      return j;
    }
  }
  return -1;
}

std::string column_sum_message(const std::string& name, int64_t column, double sum) {
  return argument_message(name, "probability columns summing to 1 (targets of a softmax output; one-hot for labels)",
                          "column " + std::to_string(column) + " summing to " + format_number(sum));
}

void current_data(napi_env env, napi_value array, const double** data, int64_t* length) {
  napi_typedarray_type type;
  size_t current_length = 0;
  void* current = nullptr;
  napi_value buffer;
  size_t offset = 0;
  if (napi_get_typedarray_info(env, array, &type, &current_length, &current, &buffer, &offset) != napi_ok ||
      type != napi_float64_array) {
    *data = nullptr;
    *length = -1;
    return;
  }
  *data = static_cast<const double*>(current);
  *length = static_cast<int64_t>(current_length);
}

void require_memory(Napi::Env env, double bytes, const std::string& what) {
  const double physical = physical_memory();
  if (physical > 0 && bytes > physical) {
    invalid_value(env, what,
                  "at most this machine's memory (" + format_number(std::round(physical / 1e9)) + " GB)",
                  format_number(std::round(bytes / 1e9)) + " GB", "use smaller sizes or fewer examples per call");
  }
}

int64_t checked_product(Napi::Env env, int64_t a, int64_t b, const std::string& what) {
  if (a != 0 && b > kMaxSafeInteger / a) {
    invalid_value(env, what, "small enough to allocate",
                  std::to_string(a) + " * " + std::to_string(b) + " values");
  }
  return a * b;
}

}  // namespace shallownet::binding
