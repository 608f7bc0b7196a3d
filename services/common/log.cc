#include "services/common/log.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <mutex>
#include <string>

namespace streamlens {
namespace {

LogLevel LevelFromEnv() {
  const char* env = std::getenv("STREAMLENS_LOG_LEVEL");
  if (env == nullptr) return LogLevel::kInfo;
  std::string v(env);
  if (v == "debug") return LogLevel::kDebug;
  if (v == "warn") return LogLevel::kWarn;
  if (v == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

std::atomic<int>& Threshold() {
  static std::atomic<int> threshold{static_cast<int>(LevelFromEnv())};
  return threshold;
}

std::mutex& OutputMutex() {
  static std::mutex mu;
  return mu;
}

}  // namespace

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= Threshold().load(); }
void SetLogLevel(LogLevel level) { Threshold().store(static_cast<int>(level)); }

LogLine::LogLine(LogLevel level, std::string_view component) : level_(level) {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  static constexpr char kLetters[] = {'D', 'I', 'W', 'E'};
  stream_ << buf << '.' << (ms < 100 ? (ms < 10 ? "00" : "0") : "") << ms << "Z "
          << kLetters[static_cast<int>(level_)] << ' ' << component << ": ";
}

LogLine::~LogLine() {
  stream_ << '\n';
  std::lock_guard lock(OutputMutex());
  std::cerr << stream_.str() << std::flush;
}

}  // namespace streamlens
