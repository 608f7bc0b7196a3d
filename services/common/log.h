// Logging: one line per event on stderr, "2026-11-28T19:00:00.123Z I worker: text".
// Thread-safe. The level comes from STREAMLENS_LOG_LEVEL (debug, info, warn, error).
#pragma once

#include <sstream>
#include <string_view>

namespace streamlens {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// True when messages of `level` are written.
bool LogEnabled(LogLevel level);
void SetLogLevel(LogLevel level);

// Collects one line and writes it whole when destroyed.
class LogLine {
 public:
  LogLine(LogLevel level, std::string_view component);
  ~LogLine();
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;

  template <typename T>
  LogLine& operator<<(const T& value) {
    stream_ << value;
    return *this;
  }

 private:
  LogLevel level_;
  std::ostringstream stream_;
};

// Turns a LogLine expression into void, so SL_LOG can sit in a ?: expression.
struct LogVoidify {
  void operator&(const LogLine&) {}
};

}  // namespace streamlens

// SL_LOG(Info, "worker") << "text"; the stream is not evaluated when the level is off.
#define SL_LOG(level, component)                                      \
  !::streamlens::LogEnabled(::streamlens::LogLevel::k##level)          \
      ? (void)0                                                       \
      : ::streamlens::LogVoidify() & ::streamlens::LogLine(::streamlens::LogLevel::k##level, component)
