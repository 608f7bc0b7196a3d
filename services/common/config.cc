#include "services/common/config.h"

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"

namespace streamlens {
namespace {

absl::Status CheckValue(const Option& option, const std::string& value, const std::string& origin) {
  auto bad = [&](const std::string& want) {
    return absl::InvalidArgumentError(origin + ": expected " + want + ", got \"" + value + "\"");
  };
  switch (option.type) {
    case OptionType::kString:
      return absl::OkStatus();
    case OptionType::kInt: {
      int64_t v;
      if (!absl::SimpleAtoi(value, &v)) return bad("an integer");
      return absl::OkStatus();
    }
    case OptionType::kBool:
      if (value != "true" && value != "false" && value != "1" && value != "0") return bad("true or false");
      return absl::OkStatus();
    case OptionType::kDurationMs:
      if (!ParseDuration(value).ok()) return bad("a duration such as 250ms, 2s or 1m");
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

Config::EnvLookup Config::ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::string Config::EnvName(const std::string& name) {
  std::string env = "STREAMLENS_";
  for (char c : name) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

absl::StatusOr<Config> Config::Load(const std::vector<Option>& options, const std::vector<std::string>& args,
                                    const EnvLookup& env) {
  Config config;
  std::map<std::string, const Option*> by_name;
  for (const auto& o : options) {
    by_name[o.name] = &o;
    config.values_[o.name] = o.default_value;
    config.set_[o.name] = false;
    if (auto v = env(EnvName(o.name)); v.has_value()) {
      if (auto s = CheckValue(o, *v, EnvName(o.name)); !s.ok()) return s;
      config.values_[o.name] = *v;
      config.set_[o.name] = true;
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      config.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto it = by_name.find(name);
    if (it == by_name.end()) return absl::InvalidArgumentError("unknown flag --" + name);
    if (!value.has_value()) {
      if (it->second->type == OptionType::kBool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError("--" + name + ": missing value");
      }
    }
    if (auto s = CheckValue(*it->second, *value, "--" + name); !s.ok()) return s;
    config.values_[name] = *value;
    config.set_[name] = true;
  }
  for (const auto& o : options) {
    if (o.required && config.values_[o.name].empty()) {
      return absl::InvalidArgumentError("--" + o.name + " (or " + EnvName(o.name) + ") is required: " + o.help);
    }
  }
  return config;
}

std::string Config::Usage(const std::vector<Option>& options) {
  std::ostringstream out;
  for (const auto& o : options) {
    out << "  --" << o.name;
    if (o.type != OptionType::kBool) out << "=VALUE";
    out << "\n      " << o.help;
    if (!o.default_value.empty()) out << " (default " << o.default_value << ")";
    if (o.required) out << " (required)";
    out << "\n      env: " << EnvName(o.name) << "\n";
  }
  return out.str();
}

const std::string& Config::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) std::abort();  // undeclared option: a programming error
  return it->second;
}

int64_t Config::GetInt(const std::string& name) const {
  int64_t v = 0;
  (void)absl::SimpleAtoi(Get(name), &v);
  return v;
}

bool Config::GetBool(const std::string& name) const {
  const auto& v = Get(name);
  return v == "true" || v == "1";
}

std::chrono::milliseconds Config::GetDuration(const std::string& name) const {
  auto d = ParseDuration(Get(name));
  return d.ok() ? *d : std::chrono::milliseconds(0);
}

bool Config::IsSet(const std::string& name) const {
  auto it = set_.find(name);
  return it != set_.end() && it->second;
}

std::string DefaultDataDir() {
  if (const char* env = std::getenv("STREAMLENS_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return std::string(STREAMLENS_SOURCE_DIR) + "/data";
}

absl::StatusOr<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) return absl::InvalidArgumentError("not a duration: " + text);
  int64_t n;
  if (!absl::SimpleAtoi(text.substr(0, digits), &n)) return absl::InvalidArgumentError("not a duration: " + text);
  std::string unit = text.substr(digits);
  if (unit.empty() || unit == "ms") return std::chrono::milliseconds(n);
  if (unit == "s") return std::chrono::milliseconds(n * 1000);
  if (unit == "m") return std::chrono::milliseconds(n * 60'000);
  return absl::InvalidArgumentError("not a duration: " + text);
}

}  // namespace streamlens
