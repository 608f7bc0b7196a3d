#include "services/common/config.h"

#include <gtest/gtest.h>

namespace streamlens {
namespace {

std::vector<Option> Options() {
  return {
      {"brokers", "", "Kafka bootstrap servers"},
      {"workers", "1", "worker count", OptionType::kInt},
      {"once", "false", "exit early", OptionType::kBool},
      {"timeout", "2s", "deadline", OptionType::kDurationMs},
      {"group", "", "consumer group", OptionType::kString, /*required=*/true},
  };
}

Config::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ConfigTest, FlagsOverrideEnvironmentOverrideDefaults) {
  auto config = Config::Load(Options(), {"--workers=3", "--group", "g1", "file.sgm"},
                             Env({{"STREAMLENS_WORKERS", "2"}, {"STREAMLENS_BROKERS", "k:9092"}}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetInt("workers"), 3);
  EXPECT_EQ(config->Get("brokers"), "k:9092");
  EXPECT_EQ(config->GetDuration("timeout"), std::chrono::seconds(2));
  EXPECT_FALSE(config->GetBool("once"));
  EXPECT_TRUE(config->IsSet("brokers"));
  EXPECT_FALSE(config->IsSet("timeout"));
  EXPECT_EQ(config->positional(), std::vector<std::string>{"file.sgm"});
}

TEST(ConfigTest, BareBoolFlagMeansTrue) {
  auto config = Config::Load(Options(), {"--once", "--group=g"}, Env({}));
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->GetBool("once"));
}

TEST(ConfigTest, ErrorsNameTheOption) {
  auto unknown = Config::Load(Options(), {"--wrokers=2", "--group=g"}, Env({}));
  EXPECT_EQ(unknown.status().message(), "unknown flag --wrokers");

  auto bad_int = Config::Load(Options(), {"--group=g"}, Env({{"STREAMLENS_WORKERS", "two"}}));
  EXPECT_EQ(bad_int.status().message(), "STREAMLENS_WORKERS: expected an integer, got \"two\"");

  auto bad_duration = Config::Load(Options(), {"--group=g", "--timeout=soon"}, Env({}));
  EXPECT_NE(bad_duration.status().message().find("--timeout: expected a duration"), std::string::npos);

  auto missing = Config::Load(Options(), {}, Env({}));
  EXPECT_NE(missing.status().message().find("--group (or STREAMLENS_GROUP) is required"), std::string::npos);

  auto no_value = Config::Load(Options(), {"--group"}, Env({}));
  EXPECT_EQ(no_value.status().message(), "--group: missing value");
}

TEST(ConfigTest, UsageListsEveryOptionWithItsEnvironmentVariable) {
  std::string usage = Config::Usage(Options());
  EXPECT_NE(usage.find("--brokers=VALUE"), std::string::npos);
  EXPECT_NE(usage.find("env: STREAMLENS_BROKERS"), std::string::npos);
  EXPECT_NE(usage.find("(default 2s)"), std::string::npos);
}

TEST(ConfigTest, ParsesDurations) {
  EXPECT_EQ(*ParseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(*ParseDuration("100"), std::chrono::milliseconds(100));
  EXPECT_EQ(*ParseDuration("1m"), std::chrono::minutes(1));
  EXPECT_FALSE(ParseDuration("1h").ok());
  EXPECT_FALSE(ParseDuration("ms").ok());
}

}  // namespace
}  // namespace streamlens
