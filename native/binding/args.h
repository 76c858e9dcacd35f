// Argument checks for the binding. The TS layer validates first, but the
// binding is callable directly, so it checks again everything that could
// make it read or write out of bounds or compute garbage: kinds, lengths,
// integer ranges, finiteness. Every message is built by argument_message,
// in the TS layer's form (lib/argument-error.ts):
// "<name> must be <expected>, got <actual>".
#pragma once

#include <napi.h>

#include <cstdint>
#include <initializer_list>
#include <string>

#include "../core/bounds.h"

namespace shallownet::binding {

// A number as JS prints it (NaN, Infinity, 2147483648, 1e-7).
std::string format_number(double number);

// A value for an error message: its kind, and its value when it is a number.
std::string describe(const Napi::Value& value);

// "<name> must be <expected>, got <got>[; <advice>]": the one place the
// binding's messages are worded (as lib/argument-error.ts words the TS layer's).
std::string argument_message(const std::string& name, const std::string& expected, const std::string& got,
                             const std::string& advice = "");

// What a failed allocation says, wherever it happens: `what` names the buffers.
std::string allocation_failure_message(const std::string& what);

// The one place the binding's argument errors are made: a TypeError for a
// value of the wrong kind, a RangeError for a wrong value (`got` already in words).
[[noreturn]] void invalid_type(Napi::Env env, const std::string& name, const std::string& expected,
                               const Napi::Value& actual);
[[noreturn]] void invalid_value(Napi::Env env, const std::string& name, const std::string& expected,
                                const std::string& got, const std::string& advice = "");

Napi::Value argument(const Napi::CallbackInfo& info, size_t index);

// An integer in [min, max] given as a JS number.
int64_t to_integer(const Napi::Value& value, const std::string& name, int64_t min, int64_t max);

// A finite number > 0.
double to_positive_finite(const Napi::Value& value, const std::string& name);

// A finite number >= 0.
double to_nonnegative_finite(const Napi::Value& value, const std::string& name);

// A number in [min, max).
double to_number_in(const Napi::Value& value, const std::string& name, double min, double max);

// A boolean.
bool to_boolean(const Napi::Value& value, const std::string& name);

// A choice named by a string, one of `names` (in enum order): its index.
int read_choice(const Napi::Value& value, const std::string& name, std::initializer_list<const char*> names);

// A Float64Array of exactly `length` values; `what` says which shape that is.
Napi::Float64Array to_f64(const Napi::Value& value, const std::string& name, int64_t length,
                          const std::string& what);

// What the values of an array must be: finite (inputs, parameters, a linear
// output's targets), or in [0, 1] (the targets of sigmoid and softmax outputs).
enum class ValueRule { Finite, UnitInterval };

// Every value finite (X, parameters, gradients). With cols > 0 the data is a
// matrix of that many columns, and the message says where: "X[1][3] = NaN".
void require_finite(Napi::Env env, const double* data, int64_t length, const std::string& name, int64_t cols = 0);

// Every value obeys `rule`.
void require_valid(Napi::Env env, const double* data, int64_t length, const std::string& name, ValueRule rule,
                   int64_t cols = 0);

// The same checks without JS, for the fitAsync thread and copies made in
// pieces: the first index whose value breaks the rule, or -1; and the message
// the checks throw.
int64_t first_invalid(const double* data, int64_t length, ValueRule rule);
std::string invalid_value_message(const std::string& name, ValueRule rule, int64_t index, double value,
                                  int64_t cols = 0);

// Copies `length` values to `to` and checks them in the same pass; returns
// first_invalid of the values.
int64_t copy_checked(const double* from, double* to, int64_t length, ValueRule rule);

// A softmax output's targets: every column of Y (rows, cols) a probability
// vector, summing to 1 within kProbabilitySumTolerance. The first column that
// does not (its sum in *sum), or -1; and the message.
int64_t first_bad_column(const double* Y, int64_t rows, int64_t cols, double* sum);
std::string column_sum_message(const std::string& name, int64_t column, double sum);

// Where a Float64Array's data is now, asked afresh (Napi::TypedArray caches
// it, but JS may have resized or detached the buffer since): its data and
// length, or length -1 if it cannot be read.
void current_data(napi_env env, napi_value array, const double** data, int64_t* length);

// Throws a RangeError if `bytes` is more than this machine's physical memory:
// such an allocation would only end in the OOM killer.
void require_memory(Napi::Env env, double bytes, const std::string& what);

// The product of two sizes, or a RangeError if it exceeds what can be addressed.
int64_t checked_product(Napi::Env env, int64_t a, int64_t b, const std::string& what);

}  // namespace shallownet::binding
