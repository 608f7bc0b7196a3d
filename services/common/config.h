// Config: the one loader every service and command uses.
//
// Each command declares its options once (name, default, help, type). Values
// come from `--name=value` / `--name value` flags, else from the environment
// variable STREAMLENS_<NAME> (upper case, '-' as '_'), else the default. All
// values are validated at load: an unknown flag, a malformed number or a
// missing required value is an error that names the option, never a crash.
// A loaded Config is immutable and safe to read from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace streamlens {

enum class OptionType { kString, kInt, kBool, kDurationMs };

struct Option {
  std::string name;           // flag name without dashes: "brokers"
  std::string default_value;  // empty with required=true means it must be given
  std::string help;
  OptionType type = OptionType::kString;
  bool required = false;
};

class Config {
 public:
  // Looks up an environment variable; injectable for tests.
  using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
  static EnvLookup ProcessEnv();

  // Parses `args` (without the program and command names) against `options`.
  // Arguments that do not start with "--" are positional.
  static absl::StatusOr<Config> Load(const std::vector<Option>& options,
                                     const std::vector<std::string>& args,
                                     const EnvLookup& env = ProcessEnv());

  // Usage text listing every option, its default and environment variable.
  static std::string Usage(const std::vector<Option>& options);

  // Typed access. Asking for an undeclared option is a programming error.
  const std::string& Get(const std::string& name) const;
  int64_t GetInt(const std::string& name) const;
  bool GetBool(const std::string& name) const;
  std::chrono::milliseconds GetDuration(const std::string& name) const;
  // True when the value came from a flag or the environment, not the default.
  bool IsSet(const std::string& name) const;

  const std::vector<std::string>& positional() const { return positional_; }

  // The environment variable that sets `name`: "brokers" -> STREAMLENS_BROKERS.
  static std::string EnvName(const std::string& name);

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> set_;
  std::vector<std::string> positional_;
};

// The project's data folder (catalog/, sample/): STREAMLENS_DATA_DIR when set,
// else `data/` of the source tree this binary was built from.
std::string DefaultDataDir();

// Parses "250ms", "2s", "1m", "100" (milliseconds) into a duration.
absl::StatusOr<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace streamlens
