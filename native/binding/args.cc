#include "args.h"

#include <charconv>
#include <cmath>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace shallownet::binding {

namespace {

// 2^53: beyond this a JS number no longer counts every integer.
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
  if (number == std::floor(number) && std::fabs(number) <= static_cast<double>(kMaxSafeInteger)) {
    return std::to_string(static_cast<int64_t>(number));
  }
  // Shortest round-trip digits, with JS's exponent style (1e-7, not 1e-07).
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
  std::string text(buffer, error == std::errc() ? end : buffer);
  const auto e = text.find('e');
  if (e != std::string::npos) {
    std::string exponent = text.substr(e + 1);
    const bool negative = exponent[0] == '-';
    if (exponent[0] == '+' || exponent[0] == '-') exponent.erase(0, 1);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    text = text.substr(0, e) + (negative ? "e-" : "e+") + exponent;
  }
  return text;
}

std::string describe(const Napi::Value& value) {
  if (value.IsUndefined()) return "undefined";
  if (value.IsNull()) return "null";
  if (value.IsNumber()) return format_number(value.As<Napi::Number>().DoubleValue());
  if (value.IsString()) return "a string";
  if (value.IsBoolean()) return "a boolean";
  if (value.IsArray()) return "an Array";
  if (value.IsTypedArray()) {
    switch (value.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_float64_array: return "a Float64Array";
      case napi_float32_array: return "a Float32Array";
      default: return "a TypedArray other than Float64Array";
    }
  }
  if (value.IsFunction()) return "a function";
  if (value.IsObject()) return "an object";
  return "a value of another kind";
}

void invalid_type(Napi::Env env, const std::string& name, const std::string& expected, const Napi::Value& actual) {
  throw Napi::TypeError::New(env, name + " must be " + expected + ", got " + describe(actual));
}

void invalid_value(Napi::Env env, const std::string& name, const std::string& expected, const std::string& got,
                   const std::string& advice) {
  throw Napi::RangeError::New(env, name + " must be " + expected + ", got " + got + (advice.empty() ? "" : "; " + advice));
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

int64_t first_invalid(const double* data, int64_t length, bool unit_interval) {
  for (int64_t k = 0; k < length; ++k) {
    if (unit_interval ? !(data[k] >= 0.0 && data[k] <= 1.0) : !std::isfinite(data[k])) return k;
  }
  return -1;
}

std::string invalid_value_message(const std::string& name, bool unit_interval, int64_t index, double value) {
  return name + " must be " +
         (unit_interval ? "in [0, 1] everywhere (targets of the sigmoid output)" : "finite everywhere (no NaN or ±Infinity)") +
         ", got value " + std::to_string(index) + " = " + format_number(value);
}

namespace {
void require_valid(Napi::Env env, const double* data, int64_t length, const std::string& name, bool unit_interval) {
  const int64_t bad = first_invalid(data, length, unit_interval);
  if (bad >= 0) throw Napi::RangeError::New(env, invalid_value_message(name, unit_interval, bad, data[bad]));
}
}  // namespace

void require_finite(Napi::Env env, const double* data, int64_t length, const std::string& name) {
  require_valid(env, data, length, name, false);
}

void require_unit_interval(Napi::Env env, const double* data, int64_t length, const std::string& name) {
  require_valid(env, data, length, name, true);
}

int64_t copy_checked(const double* from, double* to, int64_t length, bool unit_interval) {
  // One pass: copy, and note (branch-free) whether anything failed; find which only then.
  bool valid = true;
  for (int64_t k = 0; k < length; ++k) {
    to[k] = from[k];
    valid &= unit_interval ? (from[k] >= 0.0 && from[k] <= 1.0) : std::isfinite(from[k]);
  }
  return valid ? -1 : first_invalid(from, length, unit_interval);
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
